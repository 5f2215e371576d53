import { describe, expect, it } from "vitest";

import { toStartTaskContactInput } from "./request";
import { emptyTask } from "./schema";
import { valuesFromRequest } from "./values-from-request";

const INSTANCE = "5f1c7a2e-3b9d-4e61-9a0f-2c8d4b7e1a01";
const AGENT = `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE}/agent/e5f4a7b6-0001-4fb0-9b5c-9d0e1f2a3b01`;

/** As the audit trail keeps a request: JSON, ScheduledTime as an ISO string. */
const recorded = (request: object) =>
  JSON.parse(JSON.stringify(request)) as Record<string, unknown>;

describe("valuesFromRequest", () => {
  it("rebuilds values that map back to the same request, at the new time and token", () => {
    const values = {
      ...emptyTask({ instanceId: INSTANCE, timeZone: "Europe/Berlin", clientToken: "tok-1" }),
      name: "Refund review",
      description: "Call back",
      contactFlowId: "flow-1",
      references: [
        { name: "Case", type: "URL" as const, value: "https://example.com/case/1" },
        { name: "Due", type: "DATE" as const, value: "2026-12-20T09:30" },
      ],
      attributes: [{ key: "tier", value: "gold" }],
      scheduleMode: "later" as const,
      scheduledLocal: "2026-12-01T10:00",
      linkKind: "previous" as const,
      linkedContactId: "c0ffee00-0000-4000-8000-000000000001",
      expiryAmount: "2",
      expiryUnit: "hours" as const,
      createdByArn: AGENT,
    };
    const original = toStartTaskContactInput(values);
    const rebuilt = valuesFromRequest(recorded(original), {
      scheduledLocal: "2027-01-15T08:00",
      timeZone: "Europe/Berlin",
      clientToken: "tok-2",
    });
    expect(rebuilt).not.toBeNull();
    expect(toStartTaskContactInput(rebuilt!)).toEqual({
      ...original,
      ClientToken: "tok-2",
      ScheduledTime: new Date("2027-01-15T07:00:00Z"),
    });
  });

  it("gives a template's references back as its fields", () => {
    const rebuilt = valuesFromRequest(
      recorded({
        InstanceId: INSTANCE,
        Name: "Templated",
        TaskTemplateId: "tpl-1",
        References: { Order: { Type: "STRING", Value: "A-1" } },
      }),
      { scheduledLocal: "2027-01-15T08:00", timeZone: "UTC", clientToken: "tok-3" },
    );
    expect(rebuilt).toMatchObject({
      routingKind: "template",
      templateFields: { Order: { type: "TEXT", value: "A-1" } },
      references: [],
    });
  });

  it("answers null for a record without a name or routing target", () => {
    const options = { scheduledLocal: "2027-01-15T08:00", timeZone: "UTC", clientToken: "t" };
    expect(valuesFromRequest({ InstanceId: INSTANCE, Name: "No route" }, options)).toBeNull();
    expect(valuesFromRequest({ InstanceId: INSTANCE, ContactFlowId: "f" }, options)).toBeNull();
  });
});
