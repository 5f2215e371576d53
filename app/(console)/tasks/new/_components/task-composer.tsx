"use client";

import { useMutation } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { FormProvider, type Path, type Resolver, useForm, useWatch } from "react-hook-form";

import { PRIMARY_BUTTON } from "@/components/fields/classes";
import type { ComposerProps } from "@/lib/composer-contract";
import type { ActionFailure, ActionResult } from "@/lib/errors";
import type { TaskFormValues, TaskValues } from "@/lib/task/schema";
import {
  type CompanionKind,
  TEMPLATE_MESSAGES,
  defaultCompanion,
  fieldOfType,
  hasOwnFlow,
  templateFieldErrors,
  templateFieldValues,
  templateProblems,
  templateTaskDefaults,
} from "@/lib/task/template-rules";
import { currentTimeZone } from "@/lib/task/zoned-time";

import { AttributesEditor } from "./attributes-editor";
import { ComposerNotice } from "./composer-notice";
import { DraftStatus } from "./draft-status";
import { LinkField } from "./link-field";
import { useLookup } from "./lookups";
import { NewTaskControl } from "./new-task-control";
import { ReferencesEditor } from "./references-editor";
import { RequestPreview } from "./request-preview";
import { RoutingPicker } from "./routing-picker";
import { EDIT_LABELS, saveEdit } from "./save-edit";
import { ScheduleField } from "./schedule-field";
import { SegmentFields } from "./segment-fields";
import { type SubmitOutcome, SubmitOutcomeView } from "./submit-outcome";
import { SubmitProblems } from "./submit-result";
import { AdvancedSection, InstanceSection, TaskSection } from "./task-section";
import { useDraftAutosave } from "./use-draft-autosave";
import { discardDraft } from "../actions/discard-draft";
import { startTask } from "../actions/start-task";

// Shown only once a template has been chosen and loaded: kept out of the page's first load.
const TemplateFields = dynamic(() => import("./template-fields").then((m) => m.TemplateFields));

// Each section reads the form through its own hooks (useWatch, useFormState), never through the
// composer's render: memo keeps a render of the composer (its own state, or useForm marking the
// form ready right after hydration) from rendering every section again with it.
const Sections = {
  Instance: memo(InstanceSection),
  Task: memo(TaskSection),
  Routing: memo(RoutingPicker),
  References: memo(ReferencesEditor),
  Attributes: memo(AttributesEditor),
  Segment: memo(SegmentFields),
  Schedule: memo(ScheduleField),
  Link: memo(LinkField),
  Preview: memo(RequestPreview),
};

const localFailure = (formError: string, paths: string[]): ActionFailure => ({
  ok: false,
  code: "INVALID_INPUT",
  formError,
  fieldErrors: Object.fromEntries(paths.map((path) => [path, [formError]])),
});

export function TaskComposer(props: ComposerProps) {
  const { initialValues, scheduleHorizonSeconds, scheduleMaxSeconds, editing } = props;
  // zod and the schema load on the first validation, not with the page.
  const resolver = useMemo((): Resolver<TaskFormValues, unknown, TaskValues> => {
    let loaded: Promise<Resolver<TaskFormValues, unknown, TaskValues>> | undefined;
    return async (values, context, options) => {
      loaded ??= import("./task-validation").then((m) =>
        m.taskResolver(scheduleHorizonSeconds, scheduleMaxSeconds),
      );
      return (await loaded)(values, context, options);
    };
  }, [scheduleHorizonSeconds, scheduleMaxSeconds]);
  const form = useForm<TaskFormValues, unknown, TaskValues>({
    resolver,
    mode: "onChange",
    defaultValues: initialValues,
  });
  const { control, getValues, setValue, setError, reset, handleSubmit } = form;
  // FormProvider puts formState in its context, and useForm hands out a new one on each change it
  // tracks (and once after mounting): every field reading the context would render again. No
  // section reads formState from the context (each asks useFormState for what it shows), so the
  // context keeps the first one and changes only if the form's methods do.
  const [contextFormState] = useState(() => form.formState);
  const [routingKind, taskTemplateId, instanceId] = useWatch({
    control,
    name: ["routingKind", "taskTemplateId", "instanceId"],
  });

  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [outcome, setOutcome] = useState<SubmitOutcome | null>(null);
  // Shown until the user starts over: it describes the values the page opened with.
  const [notice, setNotice] = useState(props.notice ?? null);
  const [companionKind, setCompanionKind] = useState<CompanionKind>(
    initialValues.routingKind === "template" && initialValues.contactFlowId
      ? "flow"
      : "quickConnect",
  );
  const formRef = useRef<HTMLFormElement>(null);
  const isSending = useRef(false);
  const freshTemplate = useRef<string | null>(null);

  const submit = useMutation({
    mutationFn: (values: TaskFormValues): Promise<ActionResult<SubmitOutcome>> =>
      editing ? saveEdit(editing, values) : startTask(values),
  });
  const restart = useMutation({
    mutationFn: () => discardDraft({ timeZone: currentTimeZone() }),
  });
  const autosave = useDraftAutosave(form, {
    initialSavedAt: props.draftSavedAt,
    // A held task's edit is saved by its submit only: it has no draft.
    isPaused: submit.isPending || restart.isPending || outcome !== null || editing !== undefined,
  });

  const templateLookup = useLookup(
    "template",
    instanceId,
    { templateId: taskTemplateId },
    routingKind === "template" && taskTemplateId !== "",
  );
  const template =
    routingKind === "template" && templateLookup.data?.template.id === taskTemplateId
      ? templateLookup.data.template
      : undefined;

  // A new draft starts in the browser's zone; a restored one keeps the zone it was saved with.
  useEffect(() => {
    // A held task being edited keeps its own zone too.
    if (props.draftSavedAt || props.editing) return;
    const zone = currentTimeZone();
    if (zone && zone !== getValues("timeZone")) setValue("timeZone", zone, { shouldDirty: true });
  }, [props.draftSavedAt, props.editing, getValues, setValue]);

  // Fill the template's fields: defaults when just chosen, missing ones for a restored draft.
  useEffect(() => {
    if (!template) return;
    const isFresh = freshTemplate.current === template.id;
    const current = getValues("templateFields");
    const next = templateFieldValues(template, isFresh ? {} : current, getValues("timeZone"));
    if (JSON.stringify(next) !== JSON.stringify(current))
      setValue("templateFields", next, { shouldDirty: true });
    if (!isFresh) return;
    freshTemplate.current = null;
    for (const [name, value] of Object.entries(templateTaskDefaults(template))) {
      const key = name as keyof ReturnType<typeof templateTaskDefaults>;
      if (key === "expiryUnit" || getValues(key) === "")
        setValue(key, value as never, { shouldDirty: true });
    }
    setCompanionKind(defaultCompanion(template));
  }, [template, getValues, setValue]);

  const onTemplateChosen = useCallback(
    (id: string) => {
      freshTemplate.current = id || null;
      setValue("contactFlowId", "");
      setValue("quickConnectId", "");
      setValue("templateFields", {});
    },
    [setValue],
  );

  function showFieldErrors(fieldErrors: Record<string, string[]>) {
    for (const [path, messages] of Object.entries(fieldErrors)) {
      setError(path as Path<TaskFormValues>, { type: "server", message: messages.join(" ") });
    }
  }

  async function send() {
    const values = getValues();
    if (template) {
      // The same rules, messages and paths the server applies (lib/task/template-rules.ts).
      const problems = templateProblems(values, template, { companion: companionKind });
      if (problems.length > 0) {
        const fieldErrors = templateFieldErrors(problems);
        showFieldErrors(fieldErrors);
        setFailure({ ...localFailure(TEMPLATE_MESSAGES.form, []), fieldErrors });
        return;
      }
    }
    // Straight to the start action, no draft save first: a submit that does not succeed keeps
    // the draft on the server itself, in the same request (actions/start-task.ts).
    const resumeAutosave = await autosave.holdForSubmit();
    const result = await submit.mutateAsync(values);
    if (result.ok) {
      setFailure(null);
      setOutcome(result.data);
      return;
    }
    resumeAutosave();
    setFailure(result);
    showFieldErrors(result.fieldErrors);
  }

  async function startOver() {
    const result = await restart.mutateAsync();
    if (!result.ok) {
      setFailure(result);
      return;
    }
    autosave.rebase(result.data.values);
    freshTemplate.current = null;
    reset(result.data.values);
    setFailure(null);
    setOutcome(null);
    setNotice(null);
  }

  if (outcome) {
    return (
      <SubmitOutcomeView
        outcome={outcome}
        isEdit={editing !== undefined}
        onCreateAnother={() => void startOver()}
        isResetting={restart.isPending}
      />
    );
  }

  const isBusy = submit.isPending || restart.isPending;
  return (
    <FormProvider {...form} formState={contextFormState}>
      {notice ? <ComposerNotice notice={notice} /> : null}
      <form
        ref={formRef}
        noValidate
        aria-label="Compose task"
        onSubmit={(event) => {
          event.preventDefault();
          // A second click while the first is still validating or sending must not send again.
          if (isSending.current) return;
          isSending.current = true;
          void handleSubmit(send, (errors) =>
            setFailure(localFailure("Check the marked fields.", Object.keys(errors))),
          )(event).finally(() => {
            isSending.current = false;
          });
        }}
        className="space-y-6"
      >
        <fieldset disabled={isBusy} className="space-y-6">
          <Sections.Instance instances={props.instances} />
          <Sections.Task template={template} />
          <Sections.Routing onTemplateChosen={onTemplateChosen} />
          {template ? (
            <TemplateFields
              template={template}
              companionKind={companionKind}
              onCompanionKind={setCompanionKind}
            />
          ) : null}
          {routingKind === "template" && templateLookup.error ? (
            <p className="text-sm text-red-700">{templateLookup.error.message}</p>
          ) : null}
          <Sections.References />
          <Sections.Attributes />
          <Sections.Segment expiryField={fieldOfType(template, "EXPIRY_DURATION")} />
          <Sections.Schedule
            canSchedule={props.canSchedule}
            horizonSeconds={scheduleHorizonSeconds}
            maxSeconds={scheduleMaxSeconds}
            templateField={fieldOfType(template, "SCHEDULED_TIME")}
          />
          <Sections.Link maxLinkedTasks={props.maxLinkedTasks} />
          {/* What the console holds keeps the client tokens fixed when it was held. */}
          {editing ? null : (
            <AdvancedSection onNewTask={<NewTaskControl onDiscard={startOver} />} />
          )}
          <Sections.Preview
            initial={props.initialPreview}
            horizonSeconds={scheduleHorizonSeconds}
            maxSeconds={scheduleMaxSeconds}
            templateHasFlow={template ? hasOwnFlow(template) : undefined}
          />
        </fieldset>
        <SubmitProblems failure={failure} onRetry={() => formRef.current?.requestSubmit()} />
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className={PRIMARY_BUTTON} disabled={isBusy}>
            {editing
              ? submit.isPending
                ? "Saving…"
                : EDIT_LABELS[editing.kind]
              : submit.isPending
                ? "Creating task…"
                : "Create task"}
          </button>
          {editing ? null : <DraftStatus store={autosave.status} />}
        </div>
      </form>
    </FormProvider>
  );
}
