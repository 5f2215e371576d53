/**
 * The reverse of request.ts: task values rebuilt from the StartTaskContact input the console
 * recorded when it created a task (the audit trail's task.start row, ScheduledTime as an ISO
 * string). A task moved beyond Connect's horizon is held with these values, so the copy sent
 * back later asks Connect for the same task. A template's References come back as its fields;
 * DATE references come back as wall-clock time in `timeZone`, as the form holds them.
 */
import { REFERENCE_TYPES, type ReferenceType } from "./limits";
import type { TaskValues } from "./schema";
import { instantToZonedLocal } from "./zoned-time";

type Recorded = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === "string" ? value : "");

const isReferenceType = (value: unknown): value is ReferenceType =>
  typeof value === "string" && (REFERENCE_TYPES as readonly string[]).includes(value);

/** A template field type that travels as this reference type (request.ts's table, reversed). */
const FIELD_TYPE_OF = {
  URL: "URL",
  NUMBER: "NUMBER",
  EMAIL: "EMAIL",
  DATE: "DATE_TIME",
  STRING: "TEXT",
} as const;

function localOfEpochText(value: string, timeZone: string): string {
  return /^\d+$/.test(value) ? instantToZonedLocal(new Date(Number(value) * 1000), timeZone) : "";
}

/**
 * Values for `request`, scheduled at `scheduledLocal` in `timeZone`, with `clientToken`. Null
 * when the record lacks what a task needs (an instance, a name, a routing target).
 */
export function valuesFromRequest(
  request: Recorded,
  options: { scheduledLocal: string; timeZone: string; clientToken: string },
): TaskValues | null {
  const instanceId = text(request.InstanceId);
  const name = text(request.Name);
  const contactFlowId = text(request.ContactFlowId);
  const quickConnectId = text(request.QuickConnectId);
  const taskTemplateId = text(request.TaskTemplateId);
  if (!instanceId || !name || !(contactFlowId || quickConnectId || taskTemplateId)) return null;
  const routingKind = taskTemplateId ? "template" : quickConnectId ? "quickConnect" : "flow";
  const { timeZone } = options;

  const templateFields: TaskValues["templateFields"] = {};
  const references: TaskValues["references"] = [];
  const recordedReferences = (request.References ?? {}) as Record<string, unknown>;
  for (const [refName, raw] of Object.entries(recordedReferences)) {
    const reference = (raw ?? {}) as Recorded;
    if (!isReferenceType(reference.Type)) continue;
    const type = reference.Type;
    const value =
      type === "DATE" ? localOfEpochText(text(reference.Value), timeZone) : text(reference.Value);
    if (routingKind === "template" && type in FIELD_TYPE_OF) {
      templateFields[refName] = { type: FIELD_TYPE_OF[type], value };
    } else {
      references.push({ name: refName, type, value });
    }
  }

  const attributes = Object.entries((request.Attributes ?? {}) as Record<string, unknown>).map(
    ([key, value]) => ({ key, value: text(value) }),
  );
  const segments = (request.SegmentAttributes ?? {}) as Record<string, Recorded | undefined>;
  const expiry = (segments["connect:ContactExpiry"]?.ValueMap ?? {}) as Record<string, Recorded>;
  const minutes = expiry.ExpiryDuration?.ValueInteger;
  const previous = text(request.PreviousContactId);
  const related = text(request.RelatedContactId);

  return {
    instanceId,
    name,
    description: text(request.Description),
    routingKind,
    contactFlowId,
    quickConnectId,
    taskTemplateId,
    templateFields,
    references,
    attributes,
    scheduleMode: "later",
    scheduledLocal: options.scheduledLocal,
    timeZone,
    linkKind: previous ? "previous" : related ? "related" : "none",
    linkedContactId: previous || related,
    expiryAmount: typeof minutes === "number" ? String(minutes) : "",
    expiryUnit: "minutes",
    createdByArn: text(segments["connect:CreatedByUser"]?.ValueString),
    clientToken: options.clientToken,
  };
}
