"use client";

import { useFormContext, useFormState, useWatch } from "react-hook-form";

import { FormField } from "@/components/form-field";
import type { InstanceChoice } from "@/lib/composer-contract";
import type { TemplateDefinition } from "@/lib/connect/lookups";
import { formatCount } from "@/lib/format-number";
import { TASK_LIMITS } from "@/lib/task/limits";
import type { TaskFormValues } from "@/lib/task/schema";
import { TEMPLATE_MESSAGES, fieldOfType } from "@/lib/task/template-rules";

import { InputField, RequiredMark, Section, SelectField, TextAreaField, errorAt } from "./fields";

const count = (n: number, max: number) => `${formatCount(n)} / ${formatCount(max)} characters`;

export function InstanceSection({ instances }: { instances: InstanceChoice[] }) {
  const { register, setValue, control } = useFormContext<TaskFormValues>();
  const { errors } = useFormState({ control });
  const instanceId = useWatch({ control, name: "instanceId" });
  if (instances.length <= 1) {
    const only = instances[0];
    return (
      <Section id="instance" title="Instance">
        <p className="text-sm text-slate-700">
          {only ? `${only.alias} (${only.id})` : "No Connect instance is configured."}
        </p>
      </Section>
    );
  }
  return (
    <Section id="instance" title="Instance">
      <SelectField
        label="Instance"
        path="instanceId"
        hint="Flows, quick connects, templates, agents and contacts belong to one instance."
        error={errorAt(errors, "instanceId")}
        {...register("instanceId", {
          // Ids of one instance mean nothing in another: start routing, creator and link afresh.
          onChange: () => {
            for (const name of ["contactFlowId", "quickConnectId", "taskTemplateId"] as const)
              setValue(name, "");
            setValue("templateFields", {});
            setValue("createdByArn", "");
            setValue("linkedContactId", "");
          },
        })}
      >
        {instances.some((instance) => instance.id === instanceId) ? null : (
          <option value={instanceId}>{instanceId || "Choose…"}</option>
        )}
        {instances.map((instance) => (
          <option key={instance.id} value={instance.id}>
            {instance.alias}
          </option>
        ))}
      </SelectField>
    </Section>
  );
}

export function TaskSection({ template }: { template: TemplateDefinition | undefined }) {
  const { register, control } = useFormContext<TaskFormValues>();
  const { errors } = useFormState({ control });
  const [name, description] = useWatch({ control, name: ["name", "description"] });
  const nameField = fieldOfType(template, "NAME");
  const descriptionField = fieldOfType(template, "DESCRIPTION");
  const templateNote = (field: typeof nameField) =>
    field
      ? ` Template field “${field.name}”${field.description ? `: ${field.description}` : ""}.`
      : "";
  return (
    <Section id="task" title="Task">
      <FormField
        label="Name"
        hint={`${count(name.length, TASK_LIMITS.nameMax)}.${templateNote(nameField)}${nameField?.isRequired ? ` ${TEMPLATE_MESSAGES.required}` : ""}`}
        autoComplete="off"
        readOnly={nameField?.isReadOnly}
        error={errorAt(errors, "name")}
        {...register("name")}
      />
      <TextAreaField
        label={<>Description{descriptionField?.isRequired ? <RequiredMark /> : null}</>}
        path="description"
        hint={`${count(description.length, TASK_LIMITS.descriptionMax)}.${templateNote(descriptionField)}`}
        readOnly={descriptionField?.isReadOnly}
        error={errorAt(errors, "description")}
        {...register("description")}
      />
    </Section>
  );
}

export function AdvancedSection({ onNewTask }: { onNewTask: React.ReactNode }) {
  const { register, control } = useFormContext<TaskFormValues>();
  const { errors } = useFormState({ control });
  const token = useWatch({ control, name: "clientToken" });
  return (
    <Section
      id="advanced"
      title="Advanced"
      description="The client token makes the submit safe to retry: Connect creates one task per token."
    >
      <InputField
        label="Client token"
        path="clientToken"
        autoComplete="off"
        spellCheck={false}
        maxLength={TASK_LIMITS.clientTokenMax}
        hint={`${count(token.length, TASK_LIMITS.clientTokenMax)}. Made when this draft started and reused on every retry; a new one comes only with a new task.`}
        error={errorAt(errors, "clientToken")}
        {...register("clientToken")}
      />
      {onNewTask}
    </Section>
  );
}
