import { describe, expect, it } from "vitest";

import { type TaskFormValues, createTaskSchema, emptyTask } from "./schema";
import { defaultRepeat } from "../schedule/series-rule";


const NOW = new Date("2026-11-24T12:00:00Z");
const INSTANCE = "5f1c7a2e-3b9d-4e61-9a0f-2c8d4b7e1a01";
const schema = createTaskSchema({ now: () => NOW });

function task(overrides: Partial<TaskFormValues> = {}): TaskFormValues {
  return {
    ...emptyTask({ instanceId: INSTANCE, timeZone: "Europe/Berlin", clientToken: "draft-token-1" }),
    name: "Call back Mrs Jones",
    contactFlowId: "flow-1",
    ...overrides,
  };
}

function errorsOf(values: TaskFormValues): Record<string, string[]> {
  const result = schema.safeParse(values);
  if (result.success) return {};
  const out: Record<string, string[]> = {};
  for (const issue of result.error.issues) (out[issue.path.join(".")] ??= []).push(issue.message);
  return out;
}

describe("task schema", () => {
  it("accepts a minimal task routed to a flow", () => {
    expect(schema.safeParse(task()).success).toBe(true);
  });

  it("names the field for every missing or too long value", () => {
    expect(errorsOf(task({ name: "  " }))).toEqual({ name: ["Give the task a name."] });
    expect(errorsOf(task({ name: "x".repeat(1025) }))).toEqual({
      name: ["The name is at most 1,024 characters."],
    });
    expect(errorsOf(task({ description: "d".repeat(4097) }))).toEqual({
      description: ["The description is at most 4,096 characters."],
    });
    expect(errorsOf(task({ contactFlowId: "" }))).toEqual({ contactFlowId: ["Choose a flow."] });
    expect(errorsOf(task({ routingKind: "template" }))).toEqual({
      taskTemplateId: ["Choose a template."],
    });
    expect(errorsOf(task({ clientToken: "t".repeat(501) }))).toEqual({
      clientToken: ["The client token is at most 500 characters."],
    });
  });

  it("checks each reference by its type and keeps names unique", () => {
    const errors = errorsOf(
      task({
        references: [
          { name: "Case", type: "URL", value: "crm/123" },
          { name: "Amount", type: "NUMBER", value: "12,5" },
          { name: "Customer", type: "EMAIL", value: "jones@" },
          { name: "Due", type: "DATE", value: "tomorrow" },
          { name: "Case", type: "STRING", value: "dup" },
          { name: "Note", type: "STRING", value: "" },
        ],
      }),
    );
    expect(errors["references.0.value"]).toEqual([
      "Enter a full web address starting with http:// or https://.",
    ]);
    expect(errors["references.1.value"]).toEqual(["Enter a number, e.g. 42 or 3.5."]);
    expect(errors["references.2.value"]).toEqual([
      "Enter an email address such as name@example.com.",
    ]);
    expect(errors["references.3.value"]).toEqual(["Pick a date and time."]);
    expect(errors["references.4.name"]).toEqual(['"Case" is already used by another reference.']);
    expect(errors["references.5.value"]).toEqual(["Enter a value."]);
  });

  it("checks attribute keys and the 32,768-byte total in UTF-8", () => {
    expect(errorsOf(task({ attributes: [{ key: "order id", value: "1" }] }))).toEqual({
      "attributes.0.key": ["Keys may use only letters, digits, - and _."],
    });
    // "é" is two bytes: key (1) + 16,383 × 2 = 32,767 bytes fits; one more byte does not.
    expect(errorsOf(task({ attributes: [{ key: "a", value: "é".repeat(16_383) }] }))).toEqual({});
    expect(errorsOf(task({ attributes: [{ key: "ab", value: "é".repeat(16_384) }] }))).toEqual({
      attributes: ["Attributes take 32,770 bytes; the limit is 32,768."],
    });
  });

  it("refuses schedules in the past, beyond the horizon, or in a DST gap", () => {
    const later = (scheduledLocal: string) => task({ scheduleMode: "later", scheduledLocal });
    expect(errorsOf(later("2026-11-24T14:00"))).toEqual({}); // 13:00Z, one hour ahead
    expect(errorsOf(later("2026-11-24T12:30")).scheduledLocal?.[0]).toMatch(
      /^This time is in the past/,
    );
    expect(errorsOf(later("2026-11-30T14:00"))).toEqual({
      scheduledLocal: ["Tasks can be scheduled at most 6 days ahead."],
    });
    const longHorizon = createTaskSchema({ now: () => NOW, scheduleHorizonSeconds: 90 * 86_400 });
    expect(longHorizon.safeParse(later("2026-11-30T14:00")).success).toBe(true);
    // Beyond the horizon and up to the maximum the console holds the task; past it, refused.
    const holding = createTaskSchema({
      now: () => NOW,
      scheduleHorizonSeconds: 6 * 86_400,
      scheduleMaxSeconds: 365 * 86_400,
    });
    expect(holding.safeParse(later("2026-12-15T14:00")).success).toBe(true);
    expect(holding.safeParse(later("2027-11-24T12:59")).success).toBe(true);
    expect(holding.safeParse(later("2027-11-24T13:01")).error?.issues[0]?.message).toBe(
      "Tasks can be scheduled at most 365 days ahead.",
    );
    expect(holding.safeParse(later("2026-11-24T12:30")).error?.issues[0]?.message).toMatch(
      /^This time is in the past/,
    );
    const spring = createTaskSchema({ now: () => new Date("2026-03-27T12:00:00Z") });
    const gap = spring.safeParse(later("2026-03-29T02:30"));
    expect(gap.success).toBe(false);
    expect(gap.error?.issues[0]?.message).toMatch(/does not exist in Europe\/Berlin/);
  });

  it("checks link, expiry and creator", () => {
    expect(errorsOf(task({ linkKind: "previous" }))).toEqual({
      linkedContactId: ["Enter the id of the contact to link to."],
    });
    expect(errorsOf(task({ expiryAmount: "91", expiryUnit: "days" }))).toEqual({
      expiryAmount: ["Expiry must be a whole number between 1 minute and 90 days."],
    });
    expect(errorsOf(task({ expiryAmount: "1.5", expiryUnit: "hours" }))).toEqual({
      expiryAmount: ["Expiry must be a whole number between 1 minute and 90 days."],
    });
    expect(errorsOf(task({ expiryAmount: "90", expiryUnit: "days" }))).toEqual({});
    const otherInstance = "arn:aws:connect:us-east-1:123456789012:instance/other/agent/u1";
    expect(errorsOf(task({ createdByArn: otherInstance }))).toEqual({
      createdByArn: ["This agent belongs to another instance."],
    });
    expect(errorsOf(task({ createdByArn: "alice" }))).toEqual({
      createdByArn: ["Choose an agent (an agent ARN of this instance)."],
    });
  });

  it("checks email references with dot-separated labels after the @", () => {
    const email = (value: string) =>
      errorsOf(task({ references: [{ name: "Customer", type: "EMAIL", value }] }));
    expect(email("jones@example.co.uk")).toEqual({});
    for (const bad of ["jones@example", "jones@example..com", "jones@.example.com", "a b@x.io"])
      expect(email(bad), bad).toEqual({
        "references.0.value": ["Enter an email address such as name@example.com."],
      });
  });
});

describe("template fields", () => {
  const templated = (templateFields: TaskFormValues["templateFields"]) =>
    task({ routingKind: "template", contactFlowId: "", taskTemplateId: "tpl-1", templateFields });

  it("refuses a date and time that a DST change skips in the task's zone, next to the field", () => {
    // Europe/Berlin skips 02:00-03:00 on 29 March 2026; the field travels as epoch seconds.
    const spring = createTaskSchema({ now: () => new Date("2026-03-27T12:00:00Z") });
    const gap = spring.safeParse(
      templated({ "Order date": { type: "DATE_TIME", value: "2026-03-29T02:30" } }),
    );
    expect(gap.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      [
        "templateFields.Order date.value",
        "This date and time does not exist in the chosen time zone.",
      ],
    ]);
    const fine = spring.safeParse(
      templated({ "Order date": { type: "DATE_TIME", value: "2026-03-29T03:30" } }),
    );
    expect(fine.success).toBe(true);
  });

  it("refuses dates before 1970 in references and template fields: Connect takes epoch seconds", () => {
    const message =
      "Pick a date from 1 January 1970 on: Connect stores dates as seconds since then.";
    expect(
      errorsOf(
        task({
          references: [
            { name: "Old", type: "DATE", value: "1969-12-31T23:59" },
            { name: "Ancient", type: "DATE", value: "0001-01-01T00:00" },
            { name: "Fine", type: "DATE", value: "1970-01-01T02:00" },
          ],
        }),
      ),
    ).toEqual({ "references.0.value": [message], "references.1.value": [message] });
    expect(
      errorsOf(templated({ "Order date": { type: "DATE_TIME", value: "1969-07-20T20:17" } })),
    ).toEqual({ "templateFields.Order date.value": [message] });
  });

  it("accepts at most 50 fields, each named with 1-100 characters", () => {
    const fields = (count: number) =>
      Object.fromEntries(
        Array.from({ length: count }, (_, index) => [
          `Field ${index}`,
          { type: "TEXT" as const, value: "" },
        ]),
      );
    expect(errorsOf(templated(fields(50)))).toEqual({});
    expect(errorsOf(templated(fields(51)))).toEqual({
      templateFields: ["A template has at most 50 fields."],
    });
    const long = "n".repeat(101);
    expect(errorsOf(templated({ [long]: { type: "TEXT", value: "x" } }))).toEqual({
      [`templateFields.${long}`]: ["A template field name is 1-100 characters."],
    });
  });
});

describe("bounded values", () => {
  it("takes time zones only as exact names from the list", () => {
    expect(errorsOf(task({ timeZone: "Asia/Kolkata" }))).toEqual({});
    for (const timeZone of ["europe/berlin", "EUROPE/BERLIN", "+02:00", "Mars/Olympus"])
      expect(errorsOf(task({ timeZone })), timeZone).toEqual({
        timeZone: ["Choose a time zone from the list."],
      });
    expect(errorsOf(task({ timeZone: "Europe/".repeat(20) }))).toEqual({
      timeZone: ["Choose a time zone from the list."],
    });
  });

  it("bounds the schedule and expiry texts", () => {
    expect(errorsOf(task({ scheduledLocal: "2".repeat(33) }))).toEqual({
      scheduledLocal: ["Pick a date and time."],
    });
    expect(errorsOf(task({ expiryAmount: "1".repeat(13) }))).toEqual({
      expiryAmount: ["Expiry must be a whole number between 1 minute and 90 days."],
    });
  });
});

describe("Repeat in the task schema", () => {
  // Thursday 26 November 2026, 09:00 Berlin: two days after NOW.
  const first = "2026-11-26T09:00";
  const later = { scheduleMode: "later" as const, scheduledLocal: first };

  it("accepts a series whose first occurrence is the schedule, and keeps the fields as typed", () => {
    const result = schema.safeParse(task({ ...later, repeat: defaultRepeat(first) }));
    expect(result.success && result.data.repeat).toEqual({
      frequency: "weekly",
      interval: "1",
      weekdays: ["TH"],
      monthlyBy: "dayOfMonth",
      ends: "count",
      count: "10",
      until: "",
    });
  });

  it("puts each problem at its Repeat field", () => {
    const repeat = defaultRepeat(first);
    expect(
      errorsOf(task({ ...later, repeat: { ...repeat, weekdays: ["MO"], count: "0" } })),
    ).toEqual({
      "repeat.weekdays": [
        "The first occurrence is on a Thursday: tick Thursday, or change the date.",
      ],
      "repeat.count": ["Occurrences must be a whole number from 1 to 500."],
    });
    expect(errorsOf(task({ repeat }))).toEqual({
      repeat: ["A series starts at a scheduled time: choose Schedule."],
    });
    // A bad first occurrence is the schedule's own problem, said once, at the schedule.
    expect(errorsOf(task({ scheduleMode: "later", scheduledLocal: "", repeat }))).toEqual({
      scheduledLocal: ["Pick a date and time."],
    });
  });
});
