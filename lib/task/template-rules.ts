/**
 * A task template's rules, written once for every entry point: the composer checks them before
 * it submits, the start-task service (lib/server/tasks/start-task.ts) before it asks Connect,
 * and a bulk row will be checked the same way. Same messages at the same form paths on every
 * side, and the template's facts (its own flow, whether it is active, its fields) are read from
 * the template as GetTaskTemplate describes it, never guessed from the user's choices.
 *
 * How a template's fields map onto the task (docs/connect-api.md, "Task templates"): NAME,
 * DESCRIPTION, SCHEDULED_TIME and EXPIRY_DURATION fill the task's own Name, Description,
 * schedule and expiry; QUICK_CONNECT is the quick connect sent beside a template without a flow;
 * SELF_ASSIGN is done by the agent in Connect (StartTaskContact cannot ask for it, so it needs
 * nothing from the composer); the other eight types travel as References named after the field
 * (`templateFields`). Whether StartTaskContact itself enforces required fields is not
 * documented, so the console does.
 */
import type { TemplateDefinition, TemplateFieldDefinition } from "@/lib/connect/lookups";

import { TEMPLATE_REFERENCE_FIELD_TYPES, type TemplateReferenceFieldType } from "./fields";
import type { TaskFormValues } from "./schema";
import { instantToZonedLocal } from "./zoned-time";

export const TEMPLATE_MESSAGES = {
  /** The form's message when any rule below fails. */
  form: "The template needs a few more things.",
  required: "Required by the template.",
  scheduleRequired: "Required by the template. Choose “Schedule” and a time.",
  inactive: "This template is inactive; choose an active one.",
  noFlow: "This template has no flow: choose a flow or a quick connect to route it.",
} as const;

/** What a template without a flow is sent with (docs/connect-api.md, "Routing"). */
export type CompanionKind = "flow" | "quickConnect";

/** The values the rules read: the composer's (as typed) and the server's (parsed) both fit. */
export type TemplateRuleValues = Pick<
  TaskFormValues,
  | "name"
  | "description"
  | "scheduleMode"
  | "expiryAmount"
  | "contactFlowId"
  | "quickConnectId"
  | "templateFields"
>;

/** A rule a template's values break, at the form path of the field to fix. */
export interface TemplateProblem {
  path: string;
  message: string;
}

export function isReferenceField(
  field: TemplateFieldDefinition,
): field is TemplateFieldDefinition & { type: TemplateReferenceFieldType } {
  return (TEMPLATE_REFERENCE_FIELD_TYPES as readonly string[]).includes(field.type);
}

export function fieldOfType(
  template: TemplateDefinition | undefined,
  type: string,
): TemplateFieldDefinition | undefined {
  return template?.fields.find((field) => field.type === type);
}

/** A template with its own flow is sent alone; one without needs a flow or quick connect. */
export function hasOwnFlow(template: Pick<TemplateDefinition, "contactFlowId">): boolean {
  return template.contactFlowId !== null;
}

/** The companion first offered beside a flowless template: its QUICK_CONNECT field says which. */
export function defaultCompanion(template: TemplateDefinition): CompanionKind {
  return fieldOfType(template, "QUICK_CONNECT") ? "quickConnect" : "flow";
}

/**
 * The companion the values use: the one the user picked (the composer knows), else the one
 * filled in, else the template's default; so both sides name the same field for a missing one.
 */
export function companionOf(
  values: Pick<TemplateRuleValues, "contactFlowId" | "quickConnectId">,
  template: TemplateDefinition,
  chosen?: CompanionKind,
): CompanionKind {
  if (chosen) return chosen;
  if (values.contactFlowId) return "flow";
  if (values.quickConnectId) return "quickConnect";
  return defaultCompanion(template);
}

const companionPath = (kind: CompanionKind) =>
  kind === "flow" ? "contactFlowId" : "quickConnectId";

/**
 * The field types that fill the task's own fields: where a missing one is reported, and whether
 * it is filled. QUICK_CONNECT is the companion (checked once, below); SELF_ASSIGN needs nothing.
 */
const TASK_FIELDS: Record<
  string,
  { path: string; message: string; isFilled: (values: TemplateRuleValues) => boolean }
> = {
  NAME: {
    path: "name",
    message: TEMPLATE_MESSAGES.required,
    isFilled: (values) => values.name.trim() !== "",
  },
  DESCRIPTION: {
    path: "description",
    message: TEMPLATE_MESSAGES.required,
    isFilled: (values) => values.description.trim() !== "",
  },
  SCHEDULED_TIME: {
    path: "scheduledLocal",
    message: TEMPLATE_MESSAGES.scheduleRequired,
    isFilled: (values) => values.scheduleMode === "later",
  },
  EXPIRY_DURATION: {
    path: "expiryAmount",
    message: TEMPLATE_MESSAGES.required,
    isFilled: (values) => values.expiryAmount.trim() !== "",
  },
};

/**
 * What the task schema cannot know: the template's own rules. Each problem is at the path of
 * the field that fixes it; none means the values fit the template.
 */
export function templateProblems(
  values: TemplateRuleValues,
  template: TemplateDefinition,
  options: { companion?: CompanionKind } = {},
): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  if (!template.isActive)
    problems.push({ path: "taskTemplateId", message: TEMPLATE_MESSAGES.inactive });
  for (const field of template.fields) {
    if (!field.isRequired) continue;
    if (isReferenceField(field)) {
      if (!values.templateFields[field.name]?.value.trim()) {
        const path = `templateFields.${field.name}.value`;
        problems.push({ path, message: TEMPLATE_MESSAGES.required });
      }
      continue;
    }
    const taskField = TASK_FIELDS[field.type];
    if (taskField && !taskField.isFilled(values))
      problems.push({ path: taskField.path, message: taskField.message });
  }
  // A flowless template is routed by its companion (a required QUICK_CONNECT field is that same
  // choice, so it is not reported twice). Beside a template with its own flow nothing is sent
  // (request.ts), so a companion left in the values is not a problem.
  if (!hasOwnFlow(template) && !values.contactFlowId && !values.quickConnectId) {
    const kind = companionOf(values, template, options.companion);
    problems.push({ path: companionPath(kind), message: TEMPLATE_MESSAGES.noFlow });
  }
  return problems;
}

/** Problems as an action's field errors (path -> messages). */
export function templateFieldErrors(problems: TemplateProblem[]): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const { path, message } of problems) (fieldErrors[path] ??= []).push(message);
  return fieldErrors;
}

/** A DATE_TIME default may be epoch seconds or an ISO instant; the form wants wall-clock time. */
function defaultDateTime(value: string, timeZone: string): string {
  const instant = /^\d+$/.test(value) ? new Date(Number(value) * 1000) : new Date(value);
  return Number.isNaN(instant.getTime()) ? "" : instantToZonedLocal(instant, timeZone);
}

function initialFieldValue(field: TemplateFieldDefinition, timeZone: string): string {
  const fallback = field.type === "BOOLEAN" ? "false" : "";
  if (field.defaultValue === null) return fallback;
  if (field.type === "DATE_TIME") return defaultDateTime(field.defaultValue, timeZone);
  if (field.type === "BOOLEAN") return field.defaultValue === "true" ? "true" : "false";
  return field.defaultValue;
}

/**
 * The template's reference fields as form values: existing values kept (a restored draft),
 * missing ones filled with their defaults (invisible ones included: they are still sent), and
 * read-only ones always their default.
 */
export function templateFieldValues(
  template: TemplateDefinition,
  existing: TaskFormValues["templateFields"],
  timeZone: string,
): TaskFormValues["templateFields"] {
  const values: TaskFormValues["templateFields"] = {};
  for (const field of template.fields) {
    if (!isReferenceField(field)) continue;
    const kept = existing[field.name];
    values[field.name] = {
      type: field.type,
      value:
        kept && kept.type === field.type && !field.isReadOnly
          ? kept.value
          : initialFieldValue(field, timeZone),
    };
  }
  return values;
}

/** Task-level values a freshly chosen template presets from its defaults. */
export function templateTaskDefaults(
  template: TemplateDefinition,
): Partial<Pick<TaskFormValues, "name" | "description" | "expiryAmount" | "expiryUnit">> {
  const patch: ReturnType<typeof templateTaskDefaults> = {};
  const name = fieldOfType(template, "NAME")?.defaultValue;
  if (name) patch.name = name;
  const description = fieldOfType(template, "DESCRIPTION")?.defaultValue;
  if (description) patch.description = description;
  const expiry = fieldOfType(template, "EXPIRY_DURATION")?.defaultValue;
  if (expiry && /^\d+$/.test(expiry)) {
    patch.expiryAmount = expiry;
    patch.expiryUnit = "minutes";
  }
  return patch;
}
