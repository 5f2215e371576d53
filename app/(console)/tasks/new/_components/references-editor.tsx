"use client";

import { useFieldArray, useFormContext, useFormState, useWatch } from "react-hook-form";

import { LABEL, SECONDARY_BUTTON } from "@/components/fields/classes";
import { InputField, SelectField } from "@/components/fields/controls";
import { errorAt } from "@/components/fields/error-at";
import { Section } from "@/components/section";
import { REFERENCE_TYPES, type ReferenceType } from "@/lib/task/limits";
import type { TaskFormValues } from "@/lib/task/schema";

/** The control fitted to each reference type (DATE is wall-clock time in the task's zone). */
const VALUE_INPUT: Record<
  ReferenceType,
  { type: React.HTMLInputTypeAttribute; inputMode?: "decimal"; placeholder?: string }
> = {
  URL: { type: "url", placeholder: "https://" },
  NUMBER: { type: "text", inputMode: "decimal", placeholder: "42" },
  STRING: { type: "text" },
  DATE: { type: "datetime-local" },
  EMAIL: { type: "email", placeholder: "name@example.com" },
};

export function ReferencesEditor() {
  const { control, register } = useFormContext<TaskFormValues>();
  const { errors } = useFormState({ control });
  const { fields, append, remove, move } = useFieldArray({ control, name: "references" });
  const [rows, timeZone] = useWatch({ control, name: ["references", "timeZone"] });

  return (
    <Section
      id="references"
      title="References"
      description="Links and values shown to the agent with the task. Names must be unique."
    >
      {fields.length === 0 ? <p className="text-sm text-slate-500">No references.</p> : null}
      <ol className="space-y-3">
        {fields.map((row, index) => {
          const type = rows[index]?.type ?? "STRING";
          const number = index + 1;
          return (
            <li key={row.id}>
              <fieldset className="grid gap-3 rounded border border-slate-200 p-3 sm:grid-cols-[1fr_9rem_1.5fr_auto]">
                <legend className={`${LABEL} px-1`}>Reference {number}</legend>
                <InputField
                  label="Name"
                  path={`references.${index}.name`}
                  autoComplete="off"
                  error={errorAt(errors, `references.${index}.name`)}
                  {...register(`references.${index}.name`)}
                />
                <SelectField
                  label="Type"
                  path={`references.${index}.type`}
                  error={errorAt(errors, `references.${index}.type`)}
                  {...register(`references.${index}.type`)}
                >
                  {REFERENCE_TYPES.map((option) => (
                    <option key={option} value={option}>
                      {option}
                    </option>
                  ))}
                </SelectField>
                <InputField
                  label="Value"
                  path={`references.${index}.value`}
                  autoComplete="off"
                  {...VALUE_INPUT[type]}
                  hint={type === "DATE" ? `In ${timeZone}; sent as epoch seconds.` : undefined}
                  error={errorAt(errors, `references.${index}.value`)}
                  {...register(`references.${index}.value`)}
                />
                <div className="flex items-end gap-1">
                  <button
                    type="button"
                    className={SECONDARY_BUTTON}
                    aria-label={`Move reference ${number} up`}
                    disabled={index === 0}
                    onClick={() => move(index, index - 1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className={SECONDARY_BUTTON}
                    aria-label={`Move reference ${number} down`}
                    disabled={index === fields.length - 1}
                    onClick={() => move(index, index + 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className={SECONDARY_BUTTON}
                    aria-label={`Remove reference ${number}`}
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
      <button
        type="button"
        className={SECONDARY_BUTTON}
        onClick={() => append({ name: "", type: "URL", value: "" }, { shouldFocus: true })}
      >
        Add reference
      </button>
    </Section>
  );
}
