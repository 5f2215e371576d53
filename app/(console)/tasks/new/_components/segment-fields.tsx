"use client";

import { Controller, useFormContext, useFormState, useWatch } from "react-hook-form";

import type { TemplateFieldDefinition } from "@/lib/connect/lookups";
import { formatCount } from "@/lib/format-number";
import { expiryMinutes } from "@/lib/task/fields";
import { EXPIRY_UNITS, TASK_LIMITS } from "@/lib/task/limits";
import type { TaskFormValues } from "@/lib/task/schema";

import { Combobox } from "./combobox";
import { InputField, RequiredMark, Section, SelectField, errorAt, fieldId } from "./fields";
import { lookupErrorText, useLookup } from "./lookups";

function ExpiryFields({ templateField }: { templateField: TemplateFieldDefinition | undefined }) {
  const { control, register } = useFormContext<TaskFormValues>();
  const { errors } = useFormState({ control });
  const [amount, unit] = useWatch({ control, name: ["expiryAmount", "expiryUnit"] });
  const minutes = expiryMinutes({ expiryAmount: amount.trim(), expiryUnit: unit });
  const isReadOnly = templateField?.isReadOnly ?? false;
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">
        Expiry{templateField?.isRequired ? <RequiredMark /> : null}
      </legend>
      <div className="grid grid-cols-[8rem_10rem] gap-3">
        <InputField
          label="Expires after"
          path="expiryAmount"
          inputMode="numeric"
          autoComplete="off"
          readOnly={isReadOnly}
          error={errorAt(errors, "expiryAmount")}
          {...register("expiryAmount")}
        />
        <SelectField label="Unit" path="expiryUnit" {...register("expiryUnit")}>
          {Object.keys(EXPIRY_UNITS).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </SelectField>
      </div>
      <p className="text-sm text-slate-600" aria-live="polite">
        {minutes === null
          ? "Empty: the instance default (7 days)."
          : Number.isInteger(minutes)
            ? `= ${formatCount(minutes)} minutes (allowed 1 to ${formatCount(TASK_LIMITS.expiryMinutesMax)})`
            : "Enter a whole number."}
        {templateField ? ` Template field “${templateField.name}”.` : ""}
      </p>
    </fieldset>
  );
}

function CreatorField() {
  const { control } = useFormContext<TaskFormValues>();
  const instanceId = useWatch({ control, name: "instanceId" });
  const agents = useLookup("agents", instanceId);
  return (
    <Controller
      control={control}
      name="createdByArn"
      render={({ field, fieldState }) => (
        <Combobox
          label="Created by (agent)"
          inputId={fieldId("createdByArn")}
          noun="agents"
          options={(agents.data?.agents ?? []).map((agent) => ({
            id: agent.arn,
            label: agent.username,
          }))}
          value={field.value}
          onChange={field.onChange}
          onBlur={field.onBlur}
          inputRef={field.ref}
          isLoading={agents.isPending}
          loadError={lookupErrorText(agents.error)}
          error={fieldState.error?.message ? [fieldState.error.message] : undefined}
          hint="Optional: the agent shown as the task's creator in Connect. Clear the box for none."
        />
      )}
    />
  );
}

/** Segment attributes: contact expiry and created-by, both optional. */
export function SegmentFields({
  expiryField,
}: {
  expiryField: TemplateFieldDefinition | undefined;
}) {
  return (
    <Section
      id="segment"
      title="Expiry and creator"
      description="Both optional. Without an expiry Connect uses the instance default."
    >
      <div className="grid gap-6 sm:grid-cols-2">
        <ExpiryFields templateField={expiryField} />
        <CreatorField />
      </div>
    </Section>
  );
}
