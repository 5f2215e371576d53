import { describe, expect, it } from "vitest";

import { type TaskFormValues, createTaskSchema, emptyTask } from "./schema";

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
    expect(Object.keys(errorsOf(task({ name: "x".repeat(1025) })))).toEqual(["name"]);
    expect(errorsOf(task({ description: "d".repeat(4097) })).description).toBeDefined();
    expect(errorsOf(task({ contactFlowId: "" }))).toEqual({ contactFlowId: ["Choose a flow."] });
    expect(errorsOf(task({ routingKind: "template" }))).toEqual({
      taskTemplateId: ["Choose a template."],
    });
    expect(errorsOf(task({ clientToken: "t".repeat(501) })).clientToken).toBeDefined();
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
    expect(errorsOf(task({ expiryAmount: "1.5", expiryUnit: "hours" })).expiryAmount).toBeDefined();
    expect(errorsOf(task({ expiryAmount: "90", expiryUnit: "days" }))).toEqual({});
    const otherInstance = "arn:aws:connect:us-east-1:123456789012:instance/other/agent/u1";
    expect(errorsOf(task({ createdByArn: otherInstance }))).toEqual({
      createdByArn: ["This agent belongs to another instance."],
    });
    expect(errorsOf(task({ createdByArn: "alice" })).createdByArn).toBeDefined();
  });
});
