"use client";

import { useFormContext, useFormState, useWatch } from "react-hook-form";

import type { TemplateDefinition, TemplateFieldDefinition } from "@/lib/connect/lookups";
import type { TaskFormValues } from "@/lib/task/schema";
import { type CompanionKind, isReferenceField } from "@/lib/task/template-rules";

import { FlowCombobox, QuickConnectCombobox } from "./routing-picker";
import { InputField, RequiredMark, Section, SelectField, TextAreaField, errorAt } from "./fields";

/** Where template fields that are not References went: said beside the field's name. */
const ELSEWHERE: Record<string, string> = {
  NAME: "fills the task's Name (Task section).",
  DESCRIPTION: "fills the task's Description (Task section).",
  SCHEDULED_TIME: "is the Schedule section's time.",
  EXPIRY_DURATION: "is the expiry under Expiry and creator (in minutes).",
  SELF_ASSIGN:
    "self-assignment is done by the agent in Connect; StartTaskContact cannot request it.",
};

function FieldLabel({ field }: { field: TemplateFieldDefinition }) {
  return (
    <>
      {field.name}
      {field.isRequired ? <RequiredMark /> : null}
      {field.isReadOnly ? <span className="font-normal text-slate-500"> (read-only)</span> : null}
    </>
  );
}

function ReferenceFieldControl({ field }: { field: TemplateFieldDefinition }) {
  const { control, setValue } = useFormContext<TaskFormValues>();
  const { errors } = useFormState({ control });
  const fields = useWatch({ control, name: "templateFields" });
  const current = fields[field.name];
  if (!current) return null;
  const path = `templateFields.${field.name}.value`;
  const error = errorAt(errors, path);
  const common = {
    path,
    error,
    hint: field.description ?? undefined,
    readOnly: field.isReadOnly,
  };
  const update = (value: string) =>
    setValue(
      "templateFields",
      { ...fields, [field.name]: { type: current.type, value } },
      { shouldDirty: true, shouldValidate: true },
    );
  const label = <FieldLabel field={field} />;

  switch (field.type) {
    case "TEXT_AREA":
      return (
        <TextAreaField
          {...common}
          label={label}
          value={current.value}
          onChange={(e) => update(e.target.value)}
        />
      );
    case "SINGLE_SELECT":
      if (field.isReadOnly) break;
      return (
        <SelectField
          {...common}
          label={label}
          value={current.value}
          onChange={(e) => update(e.target.value)}
        >
          <option value="">Choose…</option>
          {field.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </SelectField>
      );
    case "BOOLEAN":
      if (field.isReadOnly) break;
      return (
        <div className="space-y-1">
          <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
            <input
              type="checkbox"
              checked={current.value === "true"}
              onChange={(e) => update(e.target.checked ? "true" : "false")}
            />
            {label}
          </label>
          {field.description ? <p className="text-xs text-slate-500">{field.description}</p> : null}
        </div>
      );
    default:
      break;
  }
  const inputType: Record<string, React.HTMLInputTypeAttribute> = {
    URL: "url",
    EMAIL: "email",
    DATE_TIME: "datetime-local",
  };
  return (
    <InputField
      {...common}
      label={label}
      type={inputType[field.type] ?? "text"}
      inputMode={field.type === "NUMBER" ? "decimal" : undefined}
      value={current.value}
      onChange={(e) => update(e.target.value)}
    />
  );
}

function FlowlessRouting({
  instanceId,
  companionKind,
  onCompanionKind,
  quickConnectField,
}: {
  instanceId: string;
  companionKind: CompanionKind;
  onCompanionKind: (kind: CompanionKind) => void;
  quickConnectField: TemplateFieldDefinition | undefined;
}) {
  const { setValue } = useFormContext<TaskFormValues>();
  function switchTo(kind: CompanionKind) {
    setValue("contactFlowId", "", { shouldDirty: true });
    setValue("quickConnectId", "", { shouldDirty: true });
    onCompanionKind(kind);
  }
  return (
    <div className="space-y-3 rounded border border-amber-300 bg-amber-50 p-4">
      <p className="text-sm text-amber-900">
        This template has no flow, so it cannot be used alone. Pick a flow or a quick connect to
        route it with.
      </p>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Route this template with</legend>
        <div className="mt-2 flex gap-4">
          {(["quickConnect", "flow"] as const).map((kind) => (
            <label key={kind} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="templateCompanion"
                checked={companionKind === kind}
                onChange={() => switchTo(kind)}
              />
              {kind === "flow" ? "A flow" : "A quick connect"}
            </label>
          ))}
        </div>
      </fieldset>
      {companionKind === "flow" ? (
        <FlowCombobox label="Flow for this template" instanceId={instanceId} />
      ) : (
        <QuickConnectCombobox
          label={quickConnectField ? quickConnectField.name : "Quick connect for this template"}
          instanceId={instanceId}
        />
      )}
    </div>
  );
}

/** The chosen template's fields, by type, with its required/read-only/invisible rules. */
export function TemplateFields({
  template,
  companionKind,
  onCompanionKind,
}: {
  template: TemplateDefinition;
  companionKind: CompanionKind;
  onCompanionKind: (kind: CompanionKind) => void;
}) {
  const { control } = useFormContext<TaskFormValues>();
  const instanceId = useWatch({ control, name: "instanceId" });
  const isFlowless = template.contactFlowId === null;
  const visible = template.fields.filter((field) => !field.isInvisible);
  const invisibleCount = template.fields.length - visible.length;
  const quickConnectField = template.fields.find((field) => field.type === "QUICK_CONNECT");

  return (
    <Section
      id="template-fields"
      title={`Template fields: ${template.name}`}
      description={template.description ?? undefined}
    >
      {isFlowless ? (
        <FlowlessRouting
          instanceId={instanceId}
          companionKind={companionKind}
          onCompanionKind={onCompanionKind}
          quickConnectField={quickConnectField}
        />
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        {visible.map((field) => {
          if (isReferenceField(field))
            return <ReferenceFieldControl key={field.name} field={field} />;
          if (field.type === "QUICK_CONNECT") {
            return (
              <p key={field.name} className="text-sm text-slate-600">
                <strong className="font-medium">{field.name}</strong>{" "}
                {isFlowless
                  ? "is the quick connect chosen above."
                  : "is not used: this template routes through its own flow."}
              </p>
            );
          }
          return (
            <p key={field.name} className="text-sm text-slate-600">
              <strong className="font-medium">{field.name}</strong>
              {field.isRequired ? <RequiredMark /> : null} {ELSEWHERE[field.type] ?? ""}
            </p>
          );
        })}
      </div>
      {invisibleCount > 0 ? (
        <p className="text-xs text-slate-500">
          {invisibleCount} hidden field{invisibleCount === 1 ? "" : "s"} of this template{" "}
          {invisibleCount === 1 ? "is" : "are"} sent with {invisibleCount === 1 ? "its" : "their"}{" "}
          default value.
        </p>
      ) : null}
    </Section>
  );
}
