/**
 * A StartTaskContact request as the console sends it, checked member by member: request-shaped
 * (the composer's schema is form-shaped), for requests that come back from storage, such as the
 * audit trail's record of an attempt that a reconcile would send again. Lengths and rules are
 * the ones the composer applies (limits.ts); only the members the console sends are allowed, so
 * a record that was cut to fit, or had a secret redacted, is refused rather than sent altered.
 */
import type { StartTaskContactCommandInput } from "@aws-sdk/client-connect";
import { z } from "zod";

import {
  AGENT_ARN_PATTERN,
  ATTRIBUTE_KEY_PATTERN,
  REFERENCE_TYPES,
  TASK_LIMITS as L,
  utf8Bytes,
} from "./limits";
import { EMAIL_PATTERN, NUMBER_PATTERN, isHttpUrl } from "./reference-values";

const text = (max: number) => z.string().max(max);
const id = (max: number) => z.string().min(1).max(max);

/** How each reference type's value must look once built (a DATE travels as epoch seconds). */
const REFERENCE_VALUE: Record<(typeof REFERENCE_TYPES)[number], [(v: string) => boolean, string]> =
  {
    URL: [isHttpUrl, "not an http(s) URL"],
    NUMBER: [(v) => NUMBER_PATTERN.test(v), "not a number"],
    DATE: [(v) => /^\d{1,12}$/.test(v), "a DATE is whole epoch seconds"],
    EMAIL: [(v) => EMAIL_PATTERN.test(v), "not an email address"],
    STRING: [() => true, ""],
  };

const reference = z.strictObject({
  Type: z.enum(REFERENCE_TYPES),
  Value: text(L.referenceValueMax).min(1, "a reference needs a value"),
});

const segmentAttributes = z.strictObject({
  "connect:ContactExpiry": z
    .strictObject({
      ValueMap: z.strictObject({
        ExpiryDuration: z.strictObject({
          ValueInteger: z.number().int().min(L.expiryMinutesMin).max(L.expiryMinutesMax),
        }),
      }),
    })
    .optional(),
  "connect:CreatedByUser": z
    .strictObject({ ValueString: text(L.segmentStringMax).regex(AGENT_ARN_PATTERN) })
    .optional(),
});

/** The audit store keeps JSON: a ScheduledTime comes back as its ISO string. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const scheduledTime = z.union([z.date(), z.string()]).transform((value, ctx) => {
  const date = new Date(value);
  if ((typeof value === "string" && !ISO_TIME.test(value)) || Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: "custom", message: "not a time" });
    return z.NEVER;
  }
  return date;
});

const requestObject = z.strictObject({
  InstanceId: id(L.instanceIdMax),
  Name: text(L.nameMax),
  Description: text(L.descriptionMax).optional(),
  ContactFlowId: id(L.contactFlowIdMax).optional(),
  QuickConnectId: id(L.contactFlowIdMax).optional(),
  TaskTemplateId: id(L.taskTemplateIdMax).optional(),
  PreviousContactId: id(L.contactIdMax).optional(),
  RelatedContactId: id(L.contactIdMax).optional(),
  References: z.record(id(L.referenceNameMax), reference).optional(),
  Attributes: z
    .record(
      id(L.attributeKeyMax).regex(ATTRIBUTE_KEY_PATTERN, "letters, digits, - and _ only"),
      text(L.attributeValueMax),
    )
    .optional(),
  ScheduledTime: scheduledTime.optional(),
  SegmentAttributes: segmentAttributes.optional(),
  ClientToken: id(L.clientTokenMax),
});

export const startTaskRequestSchema = requestObject.superRefine((request, ctx) => {
  const issue = (path: string[], message: string) =>
    ctx.addIssue({ code: "custom", path, message });
  const routing = [request.ContactFlowId, request.QuickConnectId].filter(Boolean).length;
  // A template runs alone, or (a template without a flow) with one flow or quick connect.
  if (request.TaskTemplateId ? routing > 1 : routing !== 1)
    issue(["routing"], "exactly one of ContactFlowId, QuickConnectId or TaskTemplateId");
  if (request.PreviousContactId && request.RelatedContactId)
    issue(["PreviousContactId"], "not together with RelatedContactId");
  for (const [name, { Type, Value }] of Object.entries(request.References ?? {})) {
    const [isValid, message] = REFERENCE_VALUE[Type];
    if (!isValid(Value)) issue(["References", name, "Value"], message);
  }
  const bytes = Object.entries(request.Attributes ?? {}).reduce(
    (total, [key, value]) => total + utf8Bytes(key) + utf8Bytes(value),
    0,
  );
  if (bytes > L.attributesTotalBytes) {
    issue(
      ["Attributes"],
      `${bytes.toLocaleString("en")} bytes; at most ${L.attributesTotalBytes.toLocaleString("en")}`,
    );
  }
  const agent = request.SegmentAttributes?.["connect:CreatedByUser"]?.ValueString;
  if (agent && AGENT_ARN_PATTERN.exec(agent)?.[1] !== request.InstanceId)
    issue(["SegmentAttributes", "connect:CreatedByUser"], "an agent of another instance");
});

export type RecordedStartRequest =
  | { ok: true; input: StartTaskContactCommandInput & { ClientToken: string } }
  | { ok: false; problems: string[] };

/** A stored request, checked and made a StartTaskContact input again, or what is wrong with it. */
export function parseRecordedStartRequest(value: unknown): RecordedStartRequest {
  const result = startTaskRequestSchema.safeParse(value);
  if (result.success) return { ok: true, input: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => {
      const path = issue.path.map(String).join(".") || "(request)";
      if (issue.code === "unrecognized_keys")
        return `${path}: unknown member ${issue.keys.map((key) => `"${key}"`).join(", ")}`;
      return `${path}: ${issue.message}`;
    }),
  };
}
