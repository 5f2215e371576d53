/**
 * The request-shaped schema that a recorded StartTaskContact request must pass before a
 * reconcile sends it again: what the console builds passes, after the audit store's JSON round
 * trip too; anything the console would never send is refused with the member it is about.
 */
import { describe, expect, it } from "vitest";

import { toStartTaskContactInput } from "./request";
import { type TaskFormValues, createTaskSchema, emptyTask } from "./schema";
import { parseRecordedStartRequest } from "./start-request";

const NOW = new Date("2026-11-24T12:00:00Z");
const INSTANCE = "5f1c7a2e-3b9d-4e61-9a0f-2c8d4b7e1a01";
const AGENT = `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE}/agent/e5f4a7b6-0001-4fb0-9b5c-9d0e1f2a3b01`;
const OTHER_AGENT = AGENT.replace(INSTANCE, "9a8b7c6d-0000-4000-8000-000000000000");

function built(overrides: Partial<TaskFormValues>, options?: { templateHasFlow?: boolean }) {
  const values = createTaskSchema({ now: () => NOW }).parse({
    ...emptyTask({ instanceId: INSTANCE, timeZone: "Europe/Berlin", clientToken: "tok-1" }),
    name: "Refund review",
    ...overrides,
  });
  return toStartTaskContactInput(values, options);
}
/** As the audit store gives it back: JSON, a Date as its ISO string. */
const recorded = (request: unknown) => JSON.parse(JSON.stringify(request)) as unknown;
const base = { InstanceId: INSTANCE, Name: "Refund review", ClientToken: "tok-1" };

function problemsOf(request: unknown): string[] {
  const result = parseRecordedStartRequest(request);
  if (result.ok) throw new Error("expected the request to be refused");
  return result.problems;
}

describe("parseRecordedStartRequest", () => {
  it("accepts every request the composer builds, after the store's JSON round trip", () => {
    const requests = [
      built({ contactFlowId: "flow-1" }),
      built({ routingKind: "quickConnect", quickConnectId: "qc-1" }),
      built({ routingKind: "template", taskTemplateId: "tpl-1" }, { templateHasFlow: true }),
      built(
        { routingKind: "template", taskTemplateId: "tpl-1", quickConnectId: "qc-1" },
        { templateHasFlow: false },
      ),
      built({
        contactFlowId: "flow-1",
        description: "Customer asked twice",
        references: [
          { name: "Case", type: "URL", value: "https://crm.example/cases/1" },
          { name: "Amount", type: "NUMBER", value: "-4.5e2" },
          { name: "Due", type: "DATE", value: "2026-11-30T09:00" },
          { name: "Contact", type: "EMAIL", value: "kim@example.com" },
          { name: "Note", type: "STRING", value: "  kept as typed " },
        ],
        attributes: [{ key: "order-id", value: "4471" }],
        scheduleMode: "later",
        scheduledLocal: "2026-11-25T09:30",
        linkKind: "previous",
        linkedContactId: "c-previous",
        expiryAmount: "2",
        expiryUnit: "days",
        createdByArn: AGENT,
      }),
      built({ contactFlowId: "flow-1", linkKind: "related", linkedContactId: "c-related" }),
    ];
    for (const request of requests) {
      const result = parseRecordedStartRequest(recorded(request));
      expect(result).toEqual({ ok: true, input: request });
    }
  });

  it("gives ScheduledTime back as a Date", () => {
    const request = built({
      contactFlowId: "flow-1",
      scheduleMode: "later",
      scheduledLocal: "2026-11-25T09:30",
    });
    const result = parseRecordedStartRequest(recorded(request));
    expect(result.ok && result.input.ScheduledTime).toEqual(new Date("2026-11-25T08:30:00.000Z"));
    expect(problemsOf({ ...base, ContactFlowId: "f", ScheduledTime: "next tuesday" })).toEqual([
      "ScheduledTime: not a time",
    ]);
  });

  it("wants exactly one routing member, or a template with one flow or quick connect", () => {
    expect(problemsOf(base)).toEqual([
      "routing: exactly one of ContactFlowId, QuickConnectId or TaskTemplateId",
    ]);
    expect(problemsOf({ ...base, ContactFlowId: "f", QuickConnectId: "q" })).toHaveLength(1);
    expect(
      problemsOf({ ...base, TaskTemplateId: "t", ContactFlowId: "f", QuickConnectId: "q" }),
    ).toHaveLength(1);
  });

  it("refuses a previous and a related contact together", () => {
    expect(
      problemsOf({ ...base, ContactFlowId: "f", PreviousContactId: "a", RelatedContactId: "b" }),
    ).toEqual(["PreviousContactId: not together with RelatedContactId"]);
  });

  it("refuses members the console never sends: a cut request, a redacted secret, attachments", () => {
    const withFlow = { ...base, ContactFlowId: "f" };
    expect(problemsOf({ ...withFlow, $truncated: { omitted: ["References"] } })).toEqual([
      expect.stringMatching(/^\(request\): unknown member "\$truncated"/),
    ]);
    expect(problemsOf({ ...withFlow, password: "[redacted]" })[0]).toMatch(/"password"/);
    expect(problemsOf({ ...withFlow, Attachments: [] })[0]).toMatch(/"Attachments"/);
  });

  it("checks lengths, reference values, attribute keys and size, expiry and the creating agent", () => {
    const withFlow = { ...base, ContactFlowId: "f" };
    expect(problemsOf({ ...withFlow, Name: "n".repeat(1025) })[0]).toMatch(/^Name: /);
    expect(problemsOf({ ...withFlow, ClientToken: "" })[0]).toMatch(/^ClientToken: /);
    expect(
      problemsOf({ ...withFlow, References: { Due: { Type: "DATE", Value: "2026-11-30" } } }),
    ).toEqual(["References.Due.Value: a DATE is whole epoch seconds"]);
    expect(
      problemsOf({ ...withFlow, References: { Doc: { Type: "ATTACHMENT", Value: "x" } } })[0],
    ).toMatch(/^References\.Doc\.Type: /);
    expect(
      problemsOf({ ...withFlow, References: { Site: { Type: "URL", Value: "ftp://x" } } }),
    ).toEqual(["References.Site.Value: not an http(s) URL"]);
    expect(problemsOf({ ...withFlow, Attributes: { "bad key": "v" } })[0]).toMatch(
      /^Attributes\.bad key: /,
    );
    expect(
      problemsOf({ ...withFlow, Attributes: { a: "x".repeat(20_000), b: "x".repeat(12_767) } }),
    ).toEqual(["Attributes: 32,769 bytes; at most 32,768"]);
    const expiry = (minutes: number) => ({
      ...withFlow,
      SegmentAttributes: {
        "connect:ContactExpiry": { ValueMap: { ExpiryDuration: { ValueInteger: minutes } } },
      },
    });
    expect(parseRecordedStartRequest(expiry(129_600)).ok).toBe(true);
    expect(problemsOf(expiry(0))[0]).toMatch(/ExpiryDuration/);
    expect(
      problemsOf({
        ...withFlow,
        SegmentAttributes: { "connect:CreatedByUser": { ValueString: OTHER_AGENT } },
      }),
    ).toEqual(["SegmentAttributes.connect:CreatedByUser: an agent of another instance"]);
    expect(problemsOf({ ...withFlow, SegmentAttributes: { "connect:Other": {} } })[0]).toMatch(
      /connect:Other/,
    );
  });

  it("refuses what is not a request at all", () => {
    expect(problemsOf(null)).toHaveLength(1);
    expect(problemsOf(["InstanceId"])).toHaveLength(1);
  });
});
