"use client";

import { useState } from "react";
import { useFieldArray, useFormContext, useFormState, useWatch } from "react-hook-form";

import { LABEL, SECONDARY_BUTTON } from "@/components/fields/classes";
import { InputField, TextAreaField } from "@/components/fields/controls";
import { errorAt } from "@/components/fields/error-at";
import { Section } from "@/components/section";
import { formatCount } from "@/lib/format-number";
import { ATTRIBUTE_KEY_PATTERN, TASK_LIMITS, attributesBytes } from "@/lib/task/limits";
import type { TaskFormValues } from "@/lib/task/schema";

import { parseAttributeLines } from "./attribute-lines";

const LIMIT = TASK_LIMITS.attributesTotalBytes;

function BytesCounter({ bytes }: { bytes: number }) {
  const isOver = bytes > LIMIT;
  const isNear = !isOver && bytes >= LIMIT * 0.9;
  return (
    <p
      role="status"
      aria-label="Attribute size"
      className={`text-sm ${isOver || isNear ? "font-medium text-red-700" : "text-slate-600"}`}
    >
      {formatCount(bytes)} / {formatCount(LIMIT)} bytes
      {isOver
        ? ` — over the limit by ${formatCount(bytes - LIMIT)} bytes`
        : isNear
          ? " — near the limit"
          : ""}
    </p>
  );
}

function PasteLines({ onRows }: { onRows: (rows: { key: string; value: string }[]) => void }) {
  const [text, setText] = useState("");
  const [report, setReport] = useState<string[]>([]);
  function add() {
    const { rows, problems } = parseAttributeLines(text);
    onRows(rows);
    // Lines that did not parse stay in the box to be fixed; nothing is dropped silently.
    setText(problems.map((problem) => problem.text).join("\n"));
    setReport([
      `Added ${rows.length} attribute${rows.length === 1 ? "" : "s"}.`,
      ...problems.map((p) => `Line ${p.line} not added: ${p.reason}.`),
    ]);
  }
  return (
    <div className="space-y-2">
      <TextAreaField
        label="Paste key=value lines"
        path="attributes-paste"
        hint="One attribute per line; the first “=” separates key and value."
        value={text}
        rows={3}
        onChange={(event) => setText(event.target.value)}
      />
      <button
        type="button"
        className={SECONDARY_BUTTON}
        onClick={add}
        disabled={text.trim() === ""}
      >
        Add pasted lines
      </button>
      <div role="status" aria-label="Pasted lines" className="text-sm">
        {report.map((line) => (
          <p key={line} className={line.startsWith("Line") ? "text-red-700" : "text-slate-600"}>
            {line}
          </p>
        ))}
      </div>
    </div>
  );
}

export function AttributesEditor() {
  const { control, register } = useFormContext<TaskFormValues>();
  const { errors } = useFormState({ control });
  const { fields, append, remove } = useFieldArray({ control, name: "attributes" });
  const rows = useWatch({ control, name: "attributes" });
  const bytes = attributesBytes(rows);

  return (
    <Section
      id="attributes"
      title="Attributes"
      description="Contact attributes for flows and agents. Keys use letters, digits, - and _."
    >
      <BytesCounter bytes={bytes} />
      <ol className="space-y-3">
        {fields.map((row, index) => {
          const key = rows[index]?.key ?? "";
          // Checked on every keystroke, before the form's own validation has run for the row.
          const keyProblem =
            key !== "" && !ATTRIBUTE_KEY_PATTERN.test(key)
              ? ["Keys may use only letters, digits, - and _."]
              : undefined;
          return (
            <li key={row.id}>
              <fieldset className="grid gap-3 rounded border border-slate-200 p-3 sm:grid-cols-[1fr_1.5fr_auto]">
                <legend className={`${LABEL} px-1`}>Attribute {index + 1}</legend>
                <InputField
                  label="Key"
                  path={`attributes.${index}.key`}
                  autoComplete="off"
                  error={keyProblem ?? errorAt(errors, `attributes.${index}.key`)}
                  {...register(`attributes.${index}.key`)}
                />
                <InputField
                  label="Value"
                  path={`attributes.${index}.value`}
                  autoComplete="off"
                  error={errorAt(errors, `attributes.${index}.value`)}
                  {...register(`attributes.${index}.value`)}
                />
                <div className="flex items-end">
                  <button
                    type="button"
                    className={SECONDARY_BUTTON}
                    aria-label={`Remove attribute ${index + 1}`}
                    onClick={() => remove(index)}
                  >
                    Remove
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      {bytes > LIMIT ? (
        <p className="text-sm text-red-700">
          Attributes take {formatCount(bytes)} bytes; the limit is {formatCount(LIMIT)}. Shorten or
          remove some.
        </p>
      ) : null}
      <button
        type="button"
        className={SECONDARY_BUTTON}
        onClick={() => append({ key: "", value: "" }, { shouldFocus: true })}
      >
        Add attribute
      </button>
      <PasteLines onRows={(added) => added.length > 0 && append(added)} />
    </Section>
  );
}
