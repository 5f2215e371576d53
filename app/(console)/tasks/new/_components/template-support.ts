import type { TemplateDefinition, TemplateFieldDefinition } from "@/lib/composer-contract";
import { TEMPLATE_REFERENCE_FIELD_TYPES, type TemplateReferenceFieldType } from "@/lib/task/fields";
import type { TaskFormValues } from "@/lib/task/schema";
import { instantToZonedLocal } from "@/lib/task/zoned-time";

/**
 * How a template's fields map onto the task (the mapping the composer uses, after API-NOTES 6):
 * NAME, DESCRIPTION, SCHEDULED_TIME and EXPIRY_DURATION fill the task's own Name, Description,
 * schedule and expiry; QUICK_CONNECT fills quickConnectId beside a template without a flow;
 * SELF_ASSIGN is done by the agent in Connect; the other eight travel as References named after
 * the field (`templateFields`).
 */
export const REQUIRED_BY_TEMPLATE = "Required by the template.";

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
 * missing ones filled with their defaults (invisible ones included: they are still sent).
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

/** A form path: "name", "scheduledLocal", "templateFields.<field>.value", … */
export type FieldPath = string;

/**
 * What the schema cannot know: the template's own rules (required fields, a flow beside a
 * template without one). Run before submitting; each problem is put next to its field.
 */
export function templateProblems(
  values: TaskFormValues,
  template: TemplateDefinition,
): { path: FieldPath; message: string }[] {
  const problems: { path: FieldPath; message: string }[] = [];
  for (const field of template.fields) {
    if (!field.isRequired) continue;
    if (field.type === "NAME" && !values.name.trim())
      problems.push({ path: "name", message: REQUIRED_BY_TEMPLATE });
    if (field.type === "DESCRIPTION" && !values.description.trim())
      problems.push({ path: "description", message: REQUIRED_BY_TEMPLATE });
    if (field.type === "SCHEDULED_TIME" && values.scheduleMode !== "later")
      problems.push({
        path: "scheduledLocal",
        message: `${REQUIRED_BY_TEMPLATE} Choose “Schedule” and a time.`,
      });
    if (field.type === "EXPIRY_DURATION" && !values.expiryAmount.trim())
      problems.push({ path: "expiryAmount", message: REQUIRED_BY_TEMPLATE });
    if (isReferenceField(field) && !values.templateFields[field.name]?.value.trim())
      problems.push({ path: `templateFields.${field.name}.value`, message: REQUIRED_BY_TEMPLATE });
  }
  if (template.contactFlowId === null && !values.contactFlowId && !values.quickConnectId) {
    problems.push({
      path: "quickConnectId",
      message: "This template has no flow: choose a flow or a quick connect to route it.",
    });
  }
  return problems;
}
