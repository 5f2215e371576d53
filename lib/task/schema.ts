/**
 * The one schema for a task: the composer's resolver, the server action and every other entry
 * point parse with it. Values are flat and form-shaped (what a person types); `request.ts` turns
 * parsed values into the exact StartTaskContact input. Time-dependent rules take `now` and the
 * horizon from the caller, so browser and server apply the same rule to their own clock.
 */
import { z } from "zod";

import { formatCount } from "../format-number";
import {
  LINK_KINDS,
  ROUTING_KINDS,
  SCHEDULE_MODES,
  TEMPLATE_FIELD_REFERENCE_TYPE,
  TEMPLATE_REFERENCE_FIELD_TYPES,
  expiryMinutes,
} from "./fields";
import {
  AGENT_ARN_PATTERN,
  ATTRIBUTE_KEY_PATTERN,
  DEFAULT_SCHEDULE_HORIZON_SECONDS,
  EXPIRY_UNITS,
  REFERENCE_TYPES,
  FORM_LIMITS as F,
  TASK_LIMITS as L,
  attributesBytes,
} from "./limits";
import { REFERENCE_VALUE_RULES, dateValueProblem } from "./reference-values";
import { scheduleProblem } from "./schedule-rules";
import { isValidTimeZone } from "./zoned-time";
import { repeatFieldsSchema, repeatProblems } from "../schedule/series-rule";

export {
  LINK_KINDS,
  ROUTING_KINDS,
  SCHEDULE_MODES,
  TEMPLATE_FIELD_REFERENCE_TYPE,
  TEMPLATE_REFERENCE_FIELD_TYPES,
  type TemplateReferenceFieldType,
  expiryMinutes,
} from "./fields";

const trimmed = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} is at most ${formatCount(max)} characters.`);

export const referenceRowSchema = z.object({
  name: trimmed(L.referenceNameMax, "A reference name"),
  type: z.enum(REFERENCE_TYPES, { error: "Choose a reference type." }),
  value: z
    .string()
    .max(L.referenceValueMax, `A reference value is at most ${L.referenceValueMax} characters.`),
});

export const attributeRowSchema = z.object({
  key: z.string().max(L.attributeKeyMax, "An attribute key is too long."),
  value: z.string().max(L.attributeValueMax, "An attribute value is too long."),
});

export const taskFieldsSchema = z.object({
  instanceId: trimmed(L.instanceIdMax, "The instance id").min(1, "Choose an instance."),
  name: trimmed(L.nameMax, "The name").min(1, "Give the task a name."),
  description: trimmed(L.descriptionMax, "The description"),
  routingKind: z.enum(ROUTING_KINDS, { error: "Choose how the task is routed." }),
  contactFlowId: trimmed(L.contactFlowIdMax, "The flow id"),
  quickConnectId: trimmed(L.contactFlowIdMax, "The quick connect id"),
  taskTemplateId: trimmed(L.taskTemplateIdMax, "The template id"),
  /**
   * Values of the chosen template's own fields, by field name (only with routingKind
   * "template"); they travel as References (see request.ts). NAME, DESCRIPTION, SCHEDULED_TIME,
   * QUICK_CONNECT and EXPIRY_DURATION fields fill the matching task fields instead.
   */
  templateFields: z
    .record(
      z.string().min(1).max(F.templateFieldNameMax),
      z.object({
        type: z.enum(TEMPLATE_REFERENCE_FIELD_TYPES),
        value: z
          .string()
          .max(L.referenceValueMax, `A field value is at most ${L.referenceValueMax} characters.`),
      }),
      {
        error: (issue) =>
          issue.code === "invalid_key"
            ? `A template field name is 1-${F.templateFieldNameMax} characters.`
            : undefined,
      },
    )
    .refine(
      (fields) => Object.keys(fields).length <= F.templateFieldsMax,
      `A template has at most ${F.templateFieldsMax} fields.`,
    ),
  references: z
    .array(referenceRowSchema)
    .max(F.referencesMax, `At most ${F.referencesMax} references.`),
  attributes: z
    .array(attributeRowSchema)
    .max(F.attributesMax, `At most ${F.attributesMax} attributes.`),
  scheduleMode: z.enum(SCHEDULE_MODES),
  /** "YYYY-MM-DDTHH:mm" wall-clock time in `timeZone`. */
  scheduledLocal: z.string().max(F.localTimeMax, "Pick a date and time."),
  /** Present when the schedule repeats: the series' rule (lib/schedule/series-rule.ts). */
  repeat: repeatFieldsSchema.optional(),
  /** IANA zone for the schedule and for DATE references. */
  timeZone: z
    .string()
    .min(1, "Choose a time zone.")
    .max(F.timeZoneMax, "Choose a time zone from the list."),
  linkKind: z.enum(LINK_KINDS),
  linkedContactId: trimmed(L.contactIdMax, "A contact id"),
  /** Empty means the instance default (7 days). */
  expiryAmount: z
    .string()
    .trim()
    .max(F.expiryAmountMax, "Expiry must be a whole number between 1 minute and 90 days."),
  expiryUnit: z.enum(
    Object.keys(EXPIRY_UNITS) as [keyof typeof EXPIRY_UNITS, ...(keyof typeof EXPIRY_UNITS)[]],
  ),
  /** Agent ARN for connect:CreatedByUser; empty for none. */
  createdByArn: z.string().trim().max(L.segmentStringMax),
  clientToken: trimmed(L.clientTokenMax, "The client token").min(1, "A client token is required."),
});

export type TaskFormValues = z.input<typeof taskFieldsSchema>;
export type TaskValues = z.output<typeof taskFieldsSchema>;

export interface TaskRuleOptions {
  /** The clock of whoever validates (browser or server). */
  now: () => Date;
  scheduleHorizonSeconds?: number;
  /**
   * The furthest schedule accepted (SCHEDULE_MAX_DAYS). Beyond the horizon and up to this the
   * console holds the task; unset, it is the horizon (nothing may be held: bulk files).
   */
  scheduleMaxSeconds?: number;
}

/** The schema with the rules that span fields or depend on the clock. */
export function createTaskSchema(options: TaskRuleOptions) {
  const horizon = options.scheduleHorizonSeconds ?? DEFAULT_SCHEDULE_HORIZON_SECONDS;
  const furthest = Math.max(horizon, options.scheduleMaxSeconds ?? horizon);
  return taskFieldsSchema.superRefine((values, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: "custom", path, message });

    if (values.routingKind === "flow" && !values.contactFlowId)
      issue(["contactFlowId"], "Choose a flow.");
    if (values.routingKind === "quickConnect" && !values.quickConnectId) {
      issue(["quickConnectId"], "Choose a quick connect.");
    }
    if (values.routingKind === "template" && !values.taskTemplateId)
      issue(["taskTemplateId"], "Choose a template.");

    const names = new Map<string, number>();
    values.references.forEach((row, index) => {
      if (!row.name) issue(["references", index, "name"], "Give the reference a name.");
      else if (names.has(row.name))
        issue(["references", index, "name"], `"${row.name}" is already used by another reference.`);
      names.set(row.name, index);
      if (row.value === "") issue(["references", index, "value"], "Enter a value.");
      else if (!REFERENCE_VALUE_RULES[row.type].test(row.value)) {
        issue(["references", index, "value"], REFERENCE_VALUE_RULES[row.type].message);
      } else if (row.type === "DATE") {
        const problem = dateValueProblem(row.value, values.timeZone);
        if (problem) issue(["references", index, "value"], problem);
      }
    });

    if (values.routingKind === "template") {
      for (const [fieldName, field] of Object.entries(values.templateFields)) {
        const type = TEMPLATE_FIELD_REFERENCE_TYPE[field.type];
        if (names.has(fieldName)) {
          issue(
            ["templateFields", fieldName, "value"],
            `A reference named "${fieldName}" is also in References.`,
          );
        } else if (field.value === "") {
          continue;
        } else if (!REFERENCE_VALUE_RULES[type].test(field.value)) {
          issue(["templateFields", fieldName, "value"], REFERENCE_VALUE_RULES[type].message);
        } else if (type === "DATE") {
          const problem = dateValueProblem(field.value, values.timeZone);
          if (problem) issue(["templateFields", fieldName, "value"], problem);
        }
      }
    }

    const keys = new Set<string>();
    values.attributes.forEach((row, index) => {
      if (!row.key) issue(["attributes", index, "key"], "Give the attribute a key.");
      else if (!ATTRIBUTE_KEY_PATTERN.test(row.key)) {
        issue(["attributes", index, "key"], "Keys may use only letters, digits, - and _.");
      } else if (keys.has(row.key))
        issue(["attributes", index, "key"], `"${row.key}" is already used.`);
      keys.add(row.key);
    });
    const bytes = attributesBytes(values.attributes);
    if (bytes > L.attributesTotalBytes) {
      issue(
        ["attributes"],
        `Attributes take ${formatCount(bytes)} bytes; the limit is ${formatCount(L.attributesTotalBytes)}.`,
      );
    }

    // An over-long zone already has its message from the field's own bound.
    const isZoneShort = values.timeZone.length <= F.timeZoneMax;
    if (isZoneShort && !isValidTimeZone(values.timeZone))
      issue(["timeZone"], "Choose a time zone from the list.");
    else if (isZoneShort && values.scheduleMode === "later")
      checkSchedule(values, options.now(), furthest, issue);

    if (values.repeat)
      for (const problem of repeatProblems(values.repeat, values))
        issue(problem.path === "repeat" ? ["repeat"] : ["repeat", problem.path], problem.message);

    if (values.linkKind !== "none" && !values.linkedContactId) {
      issue(["linkedContactId"], "Enter the id of the contact to link to.");
    }

    const minutes = values.expiryAmount.length > F.expiryAmountMax ? null : expiryMinutes(values);
    if (minutes !== null && !(minutes >= L.expiryMinutesMin && minutes <= L.expiryMinutesMax)) {
      issue(["expiryAmount"], "Expiry must be a whole number between 1 minute and 90 days.");
    }

    if (values.createdByArn) {
      const match = AGENT_ARN_PATTERN.exec(values.createdByArn);
      if (!match) issue(["createdByArn"], "Choose an agent (an agent ARN of this instance).");
      else if (match[1] !== values.instanceId)
        issue(["createdByArn"], "This agent belongs to another instance.");
    }
  });
}

function checkSchedule(
  values: TaskValues,
  now: Date,
  horizonSeconds: number,
  issue: (path: string[], message: string) => void,
) {
  const problem = scheduleProblem(values.scheduledLocal, values.timeZone, now, horizonSeconds);
  if (problem) issue(["scheduledLocal"], problem);
}

/** Blank values for a new draft. */
export function emptyTask(defaults: {
  instanceId: string;
  timeZone: string;
  clientToken: string;
}): TaskFormValues {
  return {
    instanceId: defaults.instanceId,
    name: "",
    description: "",
    routingKind: "flow",
    contactFlowId: "",
    quickConnectId: "",
    taskTemplateId: "",
    templateFields: {},
    references: [],
    attributes: [],
    scheduleMode: "now",
    scheduledLocal: "",
    timeZone: defaults.timeZone,
    linkKind: "none",
    linkedContactId: "",
    expiryAmount: "",
    expiryUnit: "hours",
    createdByArn: "",
    clientToken: defaults.clientToken,
  };
}

/**
 * A draft as autosaved while typing: the task's shape and lengths, none of the "required" rules,
 * so half-typed drafts are kept.
 */
export const taskDraftSchema = taskFieldsSchema.extend({
  instanceId: z.string().max(L.instanceIdMax),
  name: z.string().max(L.nameMax),
  timeZone: z.string().max(F.timeZoneMax),
  clientToken: z.string().max(L.clientTokenMax),
});
