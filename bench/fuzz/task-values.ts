/**
 * The composer's values for tasks that Connect accepts, in every routing kind, with references,
 * attributes, schedules in several zones, links, expiry and a creating agent: the valid class of
 * startTask and saveDraft, and the start of their near-valid and hostile cases.
 */
import fc from "fast-check";

import { DEMO_IDS } from "../../connect-local/index";

const I = DEMO_IDS;
export const ZONES = [
  "UTC",
  "Europe/Paris",
  "America/New_York",
  "Asia/Kolkata",
  "Australia/Lord_Howe",
  "Pacific/Chatham",
  "America/St_Johns",
  "Asia/Kathmandu",
  "Pacific/Kiritimati",
] as const;
export const SEEDED_CONTACTS = Object.values(I.contacts);
const AGENT_ARN = (userId: string) =>
  `arn:aws:connect:us-east-1:123456789012:instance/${I.instanceId}/agent/${userId}`;

/** "YYYY-MM-DDTHH:mm" of an instant in a zone: always a wall-clock time that exists there. */
export function localIn(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  ) as Record<string, string>;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

export const zone = fc.constantFrom(...ZONES);
/** 2 hours to 5 days ahead: inside the 6-day horizon, clear of "in the past" either way. */
export const futureInstant = fc
  .integer({ min: 2 * 60, max: 5 * 24 * 60 })
  .map((minutes) => new Date(Date.now() + minutes * 60_000));
export const text = (max: number) => fc.string({ maxLength: max, unit: "grapheme" });
const name = fc
  .tuple(fc.string({ minLength: 1, maxLength: 40, unit: "grapheme" }), fc.nat())
  .map(([t, n]) => `fuzz ${t.trim() || "task"} ${n}`);
export const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);

const referenceValue = (type: string) => {
  switch (type) {
    case "URL":
      return fc.webUrl({ validSchemes: ["https", "http"] });
    case "NUMBER":
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }).map(String);
    case "EMAIL":
      return fc.constantFrom("agent@example.org", "first.last@northwind.example", "a+b@x.io");
    default:
      return text(200).filter((value) => value !== "");
  }
};

const reference = fc.constantFrom("URL", "NUMBER", "STRING", "DATE", "EMAIL").chain((type) =>
  fc.record({
    type: fc.constant(type),
    value:
      type === "DATE"
        ? // Whatever zone the task uses, a time of the day before now exists in every zone.
          fc.constant("DATE")
        : referenceValue(type),
  }),
);

/** The composer's values for a task that Connect accepts. */
export function taskValues(options: { canSchedule: boolean }) {
  return fc
    .record({
      name,
      description: fc.oneof(fc.constant(""), text(300)),
      routing: fc.oneof(
        pick(
          Object.values({
            a: I.flows.generalTasks,
            b: I.flows.billingTasks,
            c: I.flows.escalations,
          }),
        ).map((id) => ({ routingKind: "flow", contactFlowId: id })),
        pick([
          I.quickConnects.agentAlice,
          I.quickConnects.queueBilling,
          I.quickConnects.queueTechnical,
        ]).map((id) => ({ routingKind: "quickConnect", quickConnectId: id })),
        fc.constant({
          routingKind: "template",
          taskTemplateId: I.taskTemplates.customerCallback,
          templateFields: { "Phone number": { type: "TEXT", value: "+15551234567" } },
        }),
        {
          // The one template with a DATE_TIME field: twice as likely, for its zone rules.
          weight: 2,
          arbitrary: fc.double({ min: 0, max: 10_000, noNaN: true }).map((amount) => ({
            routingKind: "template",
            taskTemplateId: I.taskTemplates.refundReview,
            templateFields: {
              Amount: { type: "NUMBER", value: amount.toFixed(2) },
              // Filled in the task's zone below: the day before, which exists in every zone.
              "Order date": { type: "DATE_TIME", value: "DATE" },
              "Gift order": { type: "BOOLEAN", value: "false" },
            },
          })),
        },
        fc.constant({
          routingKind: "template",
          taskTemplateId: I.taskTemplates.fieldVisitNoFlow,
          quickConnectId: I.quickConnects.queueBilling,
          templateFields: { "Site address": { type: "TEXT", value: "1 Harbour St" } },
        }),
      ),
      references: fc.uniqueArray(
        fc.tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,20}$/), reference),
        { maxLength: 3, selector: ([key]) => key.trim() },
      ),
      attributes: fc.uniqueArray(
        fc.record({ key: fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/), value: text(100) }),
        { maxLength: 3, selector: (row) => row.key },
      ),
      timeZone: zone,
      schedule: options.canSchedule ? fc.option(futureInstant, { nil: null }) : fc.constant(null),
      link: fc.oneof(
        fc.constant({ linkKind: "none", linkedContactId: "" }),
        pick(SEEDED_CONTACTS).map((id) => ({ linkKind: "related", linkedContactId: id })),
        pick(SEEDED_CONTACTS).map((id) => ({ linkKind: "previous", linkedContactId: id })),
      ),
      expiry: fc.oneof(
        fc.constant({ expiryAmount: "", expiryUnit: "hours" }),
        fc
          .integer({ min: 1, max: 2_160 })
          .map((n) => ({ expiryAmount: String(n), expiryUnit: "hours" })),
        fc
          .integer({ min: 1, max: 90 })
          .map((n) => ({ expiryAmount: String(n), expiryUnit: "days" })),
      ),
      createdByArn: fc.oneof(fc.constant(""), pick(I.users).map(AGENT_ARN)),
      clientToken: fc.uuid(),
    })
    .map((t) => ({
      instanceId: I.instanceId,
      name: t.name,
      description: t.description,
      contactFlowId: "",
      quickConnectId: "",
      taskTemplateId: "",
      ...t.routing,
      references: t.references.map(([refName, ref]) => ({
        name: refName.trim() || "ref",
        type: ref.type,
        value:
          ref.value === "DATE" ? localIn(new Date(Date.now() - 86_400_000), t.timeZone) : ref.value,
      })),
      templateFields: Object.fromEntries(
        Object.entries(
          (t.routing as { templateFields?: Record<string, { type: string; value: string }> })
            .templateFields ?? {},
        ).map(([field, v]) => [
          field,
          v.value === "DATE"
            ? { ...v, value: localIn(new Date(Date.now() - 86_400_000), t.timeZone) }
            : v,
        ]),
      ),
      attributes: t.attributes,
      scheduleMode: t.schedule ? "later" : "now",
      scheduledLocal: t.schedule ? localIn(t.schedule, t.timeZone) : "",
      timeZone: t.timeZone,
      ...t.link,
      ...t.expiry,
      createdByArn: t.createdByArn,
      clientToken: t.clientToken,
    }));
}
