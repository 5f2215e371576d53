import { describe, expect, it } from "vitest";

import { toStartTaskContactInput } from "./request";
import { type TaskFormValues, createTaskSchema, emptyTask } from "./schema";

const NOW = new Date("2026-11-24T12:00:00Z");
const INSTANCE = "5f1c7a2e-3b9d-4e61-9a0f-2c8d4b7e1a01";
const AGENT = `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE}/agent/e5f4a7b6-0001-4fb0-9b5c-9d0e1f2a3b01`;

function map(overrides: Partial<TaskFormValues>, options?: { templateHasFlow?: boolean }) {
  const values = createTaskSchema({ now: () => NOW }).parse({
    ...emptyTask({ instanceId: INSTANCE, timeZone: "Europe/Berlin", clientToken: "tok-1" }),
    name: "Refund review",
    ...overrides,
  });
  return toStartTaskContactInput(values, options);
}

describe("toStartTaskContactInput", () => {
  it("sends only what was filled in", () => {
    expect(map({ contactFlowId: "flow-1" })).toEqual({
      InstanceId: INSTANCE,
      Name: "Refund review",
      ClientToken: "tok-1",
      ContactFlowId: "flow-1",
    });
  });

  it("sends exactly one routing member even when others were typed before switching", () => {
    const typed = { contactFlowId: "flow-1", quickConnectId: "qc-1", taskTemplateId: "tpl-1" };
    expect(map({ ...typed, routingKind: "quickConnect" })).toMatchObject({
      QuickConnectId: "qc-1",
    });
    expect(map({ ...typed, routingKind: "quickConnect" }).ContactFlowId).toBeUndefined();
    const template = map({ ...typed, routingKind: "template" }, { templateHasFlow: true });
    expect([template.TaskTemplateId, template.ContactFlowId, template.QuickConnectId]).toEqual([
      "tpl-1",
      undefined,
      undefined,
    ]);
    // A template without a flow needs a flow (or quick connect) beside it.
    const flowless = map({ ...typed, routingKind: "template" }, { templateHasFlow: false });
    expect([flowless.TaskTemplateId, flowless.ContactFlowId, flowless.QuickConnectId]).toEqual([
      "tpl-1",
      "flow-1",
      undefined,
    ]);
  });

  it("maps references, template fields, attributes, schedule, link, expiry and creator", () => {
    const input = map({
      routingKind: "template",
      taskTemplateId: "tpl-1",
      description: "Customer asked twice",
      templateFields: {
        Amount: { type: "NUMBER", value: "42.5" },
        "Order date": { type: "DATE_TIME", value: "2026-11-20T10:00" },
        "Gift order": { type: "BOOLEAN", value: "true" },
        Empty: { type: "TEXT", value: "" },
      },
      references: [
        { name: "Case", type: "URL", value: " https://crm.example/cases/1 " },
        { name: "Note", type: "STRING", value: "  keep my spaces " },
      ],
      attributes: [{ key: "customerId", value: "C-10442" }],
      scheduleMode: "later",
      scheduledLocal: "2026-11-25T09:30",
      linkKind: "previous",
      linkedContactId: "contact-1",
      expiryAmount: "2",
      expiryUnit: "days",
      createdByArn: AGENT,
    });
    expect(input).toEqual({
      InstanceId: INSTANCE,
      Name: "Refund review",
      Description: "Customer asked twice",
      ClientToken: "tok-1",
      TaskTemplateId: "tpl-1",
      References: {
        Amount: { Type: "NUMBER", Value: "42.5" },
        "Order date": { Type: "DATE", Value: String(Date.parse("2026-11-20T09:00:00Z") / 1000) },
        "Gift order": { Type: "STRING", Value: "true" },
        Case: { Type: "URL", Value: "https://crm.example/cases/1" },
        Note: { Type: "STRING", Value: "  keep my spaces " },
      },
      Attributes: { customerId: "C-10442" },
      ScheduledTime: new Date("2026-11-25T08:30:00Z"),
      PreviousContactId: "contact-1",
      SegmentAttributes: {
        "connect:ContactExpiry": { ValueMap: { ExpiryDuration: { ValueInteger: 2_880 } } },
        "connect:CreatedByUser": { ValueString: AGENT },
      },
    });
  });

  it("links to a related contact instead when asked", () => {
    const input = map({
      contactFlowId: "flow-1",
      linkKind: "related",
      linkedContactId: "contact-2",
    });
    expect(input.RelatedContactId).toBe("contact-2");
    expect(input.PreviousContactId).toBeUndefined();
  });
});
