"use client";

import { Controller, useFormContext, useFormState, useWatch } from "react-hook-form";

import { Choice, ChoiceGroup } from "@/components/fields/choices";
import { errorAt } from "@/components/fields/error-at";
import { fieldId } from "@/components/fields/shell";
import { Section } from "@/components/section";
import { ROUTING_KINDS } from "@/lib/task/fields";
import type { TaskFormValues } from "@/lib/task/schema";

import { Combobox } from "./combobox";
import { lookupErrorText, useLookup } from "./lookups";

type RoutingKind = (typeof ROUTING_KINDS)[number];
const KIND_LABELS: Record<RoutingKind, string> = {
  flow: "Flow",
  quickConnect: "Quick connect",
  template: "Template",
};

export function FlowCombobox({ label, instanceId }: { label: string; instanceId: string }) {
  const { control } = useFormContext<TaskFormValues>();
  const flows = useLookup("flows", instanceId);
  return (
    <Controller
      control={control}
      name="contactFlowId"
      render={({ field, fieldState }) => (
        <Combobox
          label={label}
          inputId={fieldId("contactFlowId")}
          noun="flows"
          options={(flows.data?.flows ?? []).map((flow) => ({ id: flow.id, label: flow.name }))}
          value={field.value}
          onChange={field.onChange}
          onBlur={field.onBlur}
          inputRef={field.ref}
          isLoading={flows.isPending}
          loadError={lookupErrorText(flows.error)}
          error={fieldState.error?.message ? [fieldState.error.message] : undefined}
          hint="Published, active inbound flows of this instance."
        />
      )}
    />
  );
}

export function QuickConnectCombobox({ label, instanceId }: { label: string; instanceId: string }) {
  const { control } = useFormContext<TaskFormValues>();
  const quickConnects = useLookup("quick-connects", instanceId);
  const all = quickConnects.data?.quickConnects ?? [];
  const usable = all.filter(
    (qc) => qc.isUsableForTasks && (qc.type === "USER" || qc.type === "QUEUE"),
  );
  const hidden = all.length - usable.length;
  return (
    <Controller
      control={control}
      name="quickConnectId"
      render={({ field, fieldState }) => (
        <Combobox
          label={label}
          inputId={fieldId("quickConnectId")}
          noun="quick connects"
          options={usable.map((qc) => ({
            id: qc.id,
            label: qc.name,
            detail: qc.type === "USER" ? "agent" : "queue",
          }))}
          value={field.value}
          onChange={field.onChange}
          onBlur={field.onBlur}
          inputRef={field.ref}
          isLoading={quickConnects.isPending}
          loadError={lookupErrorText(quickConnects.error)}
          error={fieldState.error?.message ? [fieldState.error.message] : undefined}
          hint={`Agent and queue quick connects only: tasks route only to agents and queues, so phone-number and flow quick connects are not offered${hidden ? ` (${hidden} hidden)` : ""}.`}
        />
      )}
    />
  );
}

function TemplateCombobox({
  instanceId,
  onTemplateChosen,
}: {
  instanceId: string;
  onTemplateChosen: (templateId: string) => void;
}) {
  const { control } = useFormContext<TaskFormValues>();
  const templates = useLookup("templates", instanceId);
  return (
    <Controller
      control={control}
      name="taskTemplateId"
      render={({ field, fieldState }) => (
        <Combobox
          label="Choose a template"
          inputId={fieldId("taskTemplateId")}
          noun="templates"
          options={(templates.data?.templates ?? []).map((t) => ({
            id: t.id,
            label: t.name,
            ...(t.description ? { detail: t.description } : {}),
          }))}
          value={field.value}
          onChange={(id) => {
            field.onChange(id);
            onTemplateChosen(id);
          }}
          onBlur={field.onBlur}
          inputRef={field.ref}
          isLoading={templates.isPending}
          loadError={lookupErrorText(templates.error)}
          error={fieldState.error?.message ? [fieldState.error.message] : undefined}
          hint="Active task templates of this instance."
        />
      )}
    />
  );
}

/** One mutually exclusive routing choice: switching kind clears the others, so one is sent. */
export function RoutingPicker({
  onTemplateChosen,
}: {
  onTemplateChosen: (templateId: string) => void;
}) {
  const { control, setValue, clearErrors } = useFormContext<TaskFormValues>();
  const { errors } = useFormState({ control });
  const [kind, instanceId] = useWatch({ control, name: ["routingKind", "instanceId"] });

  function switchTo(next: RoutingKind) {
    const options = { shouldDirty: true };
    setValue("routingKind", next, options);
    setValue("contactFlowId", "", options);
    setValue("quickConnectId", "", options);
    setValue("taskTemplateId", "", options);
    setValue("templateFields", {}, options);
    clearErrors(["contactFlowId", "quickConnectId", "taskTemplateId", "templateFields"]);
    onTemplateChosen("");
  }

  return (
    <Section id="routing" title="Routing" description="Where Connect sends the task: one of these.">
      <ChoiceGroup legend="Route the task with">
        {ROUTING_KINDS.map((option) => (
          <Choice
            key={option}
            label={KIND_LABELS[option]}
            name="routingKind"
            value={option}
            checked={kind === option}
            onChange={() => switchTo(option)}
          />
        ))}
      </ChoiceGroup>
      {kind === "flow" ? <FlowCombobox label="Choose a flow" instanceId={instanceId} /> : null}
      {kind === "quickConnect" ? (
        <QuickConnectCombobox label="Choose a quick connect" instanceId={instanceId} />
      ) : null}
      {kind === "template" ? (
        <TemplateCombobox instanceId={instanceId} onTemplateChosen={onTemplateChosen} />
      ) : null}
      {errorAt(errors, "routingKind") ? (
        <p className="text-sm text-red-700">{errorAt(errors, "routingKind")}</p>
      ) : null}
    </Section>
  );
}
