/**
 * StartTaskContact routing: the one-of rule for ContactFlowId / QuickConnectId / TaskTemplateId,
 * which flows, quick connects and templates are usable, linking ids, and what DescribeContact
 * shows for the created task.
 */
import { ListContactFlowsCommand, StartTaskContactCommand } from "@aws-sdk/client-connect";
import { describe, expect, it } from "vitest";

import {
  DEMO_IDS,
  FLOW,
  INSTANCE,
  childArn,
  describeContact,
  expectInvalidRequest,
  expectNotFound,
  instanceArn,
  ms,
  harnessFor,
  startTask,
  taskInput,
} from "./helpers";

const { flows, quickConnects: qc, taskTemplates: tpl, contacts } = DEMO_IDS;
const UNKNOWN = "00000000-dead-4bee-8f00-000000000000";

const h = harnessFor();

const send = (input: Parameters<typeof taskInput>[0]) =>
  h.client.send(new StartTaskContactCommand(taskInput(input)));

describe("StartTaskContact with a flow", () => {
  it("creates a TASK contact that DescribeContact shows with the sent fields", async () => {
    const id = await startTask(h.client, {
      Name: "Refund check",
      Description: "Order O-1 was charged twice",
    });
    const c = await describeContact(h.client, id);
    expect(c.Id).toBe(id);
    expect(c.Arn).toBe(childArn("contact", id));
    expect(c.Arn?.endsWith(`/contact/${id}`)).toBe(true);
    expect(c.Channel).toBe("TASK");
    expect(c.InitiationMethod).toBe("API");
    expect(c.Name).toBe("Refund check");
    expect(c.Description).toBe("Order O-1 was charged twice");
    expect(ms(c.InitiationTimestamp)).toBe(h.clock.now);
    expect(c.DisconnectTimestamp).toBeUndefined();
    expect(c.TaskTemplateInfo).toBeUndefined();
  });

  it("gives every task a distinct ContactId", async () => {
    const a = await startTask(h.client);
    const b = await startTask(h.client);
    expect(a).not.toBe(b);
  });

  it.each([
    ["saved but not published", flows.draftUnpublished],
    ["archived", flows.retiredArchived],
    ["agent transfer", flows.transferToAgent],
    ["queue transfer", flows.transferToQueue],
    ["customer queue", flows.customerQueue],
  ])("refuses a %s flow with InvalidRequestException", async (_label, flowId) => {
    await expectInvalidRequest(send({ ContactFlowId: flowId }));
  });

  it("refuses an unknown flow, and a flow of another instance, with ResourceNotFoundException", async () => {
    await expectNotFound(send({ ContactFlowId: UNKNOWN }));
    await expectNotFound(send({ ContactFlowId: "a1f0c3d2-0101-4a7b-9c1e-5d6f7a8b9d01" })); // sandbox flow
  });

  it("refuses an unknown instance with ResourceNotFoundException", async () => {
    await expectNotFound(send({ InstanceId: UNKNOWN }));
  });

  it("accepts a task in the second (sandbox) instance with its own flow", async () => {
    const flowsOut = await h.client.send(
      new ListContactFlowsCommand({ InstanceId: DEMO_IDS.secondInstanceId }),
    );
    const sandboxFlow = flowsOut.ContactFlowSummaryList?.[0]?.Id;
    expect(sandboxFlow).toBeDefined();
    const id = await startTask(h.client, {
      InstanceId: DEMO_IDS.secondInstanceId,
      ContactFlowId: sandboxFlow,
    });
    const c = await describeContact(h.client, id, DEMO_IDS.secondInstanceId);
    expect(c.Arn).toBe(`${instanceArn(DEMO_IDS.secondInstanceId)}/contact/${id}`);
    await expectNotFound(describeContact(h.client, id, INSTANCE));
  });
});

describe("the one-of routing rule", () => {
  it("refuses a request with no flow, quick connect or template", async () => {
    await expectInvalidRequest(send({ ContactFlowId: undefined }));
  });

  it("refuses a flow together with a quick connect", async () => {
    await expectInvalidRequest(send({ ContactFlowId: FLOW, QuickConnectId: qc.agentAlice }));
  });

  it("refuses a template that has a flow together with a flow or a quick connect", async () => {
    await expectInvalidRequest(send({ ContactFlowId: FLOW, TaskTemplateId: tpl.customerCallback }));
    await expectInvalidRequest(
      send({
        ContactFlowId: undefined,
        QuickConnectId: qc.queueBilling,
        TaskTemplateId: tpl.customerCallback,
      }),
    );
  });

  it("refuses all three together", async () => {
    await expectInvalidRequest(
      send({
        ContactFlowId: FLOW,
        QuickConnectId: qc.agentAlice,
        TaskTemplateId: tpl.fieldVisitNoFlow,
      }),
    );
  });
});

describe("StartTaskContact with a quick connect", () => {
  it.each([
    ["USER", qc.agentAlice],
    ["QUEUE", qc.queueBilling],
    ["QUEUE (technical)", qc.queueTechnical],
  ])("accepts a %s quick connect", async (_label, quickConnectId) => {
    const id = await startTask(h.client, {
      ContactFlowId: undefined,
      QuickConnectId: quickConnectId,
    });
    const c = await describeContact(h.client, id);
    expect(c.Channel).toBe("TASK");
  });

  it("refuses a PHONE_NUMBER quick connect with InvalidRequestException", async () => {
    await expectInvalidRequest(
      send({ ContactFlowId: undefined, QuickConnectId: qc.phoneEscalationDesk }),
    );
  });

  it("refuses an unknown quick connect with ResourceNotFoundException", async () => {
    await expectNotFound(send({ ContactFlowId: undefined, QuickConnectId: UNKNOWN }));
  });
});

describe("StartTaskContact with a task template", () => {
  it("runs a template with a flow on its own and records TaskTemplateInfo", async () => {
    const id = await startTask(h.client, {
      ContactFlowId: undefined,
      TaskTemplateId: tpl.customerCallback,
    });
    const c = await describeContact(h.client, id);
    expect(c.TaskTemplateInfo).toEqual({
      Arn: childArn("task-template", tpl.customerCallback),
      Name: "Customer callback",
    });
  });

  it("refuses a template without a flow used alone", async () => {
    await expectInvalidRequest(
      send({ ContactFlowId: undefined, TaskTemplateId: tpl.fieldVisitNoFlow }),
    );
  });

  it("accepts a template without a flow combined with one flow", async () => {
    const id = await startTask(h.client, {
      ContactFlowId: flows.billingTasks,
      TaskTemplateId: tpl.fieldVisitNoFlow,
    });
    const c = await describeContact(h.client, id);
    expect(c.TaskTemplateInfo?.Name).toBe("Field visit");
    expect(c.TaskTemplateInfo?.Arn).toBe(childArn("task-template", tpl.fieldVisitNoFlow));
  });

  it("accepts a template without a flow combined with one quick connect", async () => {
    const id = await startTask(h.client, {
      ContactFlowId: undefined,
      QuickConnectId: qc.agentAlice,
      TaskTemplateId: tpl.fieldVisitNoFlow,
    });
    expect((await describeContact(h.client, id)).TaskTemplateInfo?.Name).toBe("Field visit");
  });

  it("still checks the flow named beside a template without a flow", async () => {
    await expectInvalidRequest(
      send({ ContactFlowId: flows.draftUnpublished, TaskTemplateId: tpl.fieldVisitNoFlow }),
    );
    await expectInvalidRequest(
      send({
        ContactFlowId: undefined,
        QuickConnectId: qc.phoneEscalationDesk,
        TaskTemplateId: tpl.fieldVisitNoFlow,
      }),
    );
  });

  it("refuses an INACTIVE template", async () => {
    await expectInvalidRequest(
      send({ ContactFlowId: undefined, TaskTemplateId: tpl.legacyInactive }),
    );
  });

  it("refuses an unknown template with ResourceNotFoundException", async () => {
    await expectNotFound(send({ ContactFlowId: undefined, TaskTemplateId: UNKNOWN }));
  });
});

describe("linking to earlier contacts", () => {
  it("records PreviousContactId", async () => {
    const id = await startTask(h.client, { PreviousContactId: contacts.voiceBillingCall });
    const c = await describeContact(h.client, id);
    expect(c.PreviousContactId).toBe(contacts.voiceBillingCall);
    expect(c.RelatedContactId).toBeUndefined();
  });

  it("records RelatedContactId", async () => {
    const id = await startTask(h.client, { RelatedContactId: contacts.chatDeliveryQuestion });
    const c = await describeContact(h.client, id);
    expect(c.RelatedContactId).toBe(contacts.chatDeliveryQuestion);
    expect(c.PreviousContactId).toBeUndefined();
  });

  it("accepts a task as the previous contact of another task", async () => {
    const first = await startTask(h.client);
    const second = await startTask(h.client, { PreviousContactId: first });
    expect((await describeContact(h.client, second)).PreviousContactId).toBe(first);
  });

  it("refuses PreviousContactId together with RelatedContactId", async () => {
    await expectInvalidRequest(
      send({
        PreviousContactId: contacts.voiceBillingCall,
        RelatedContactId: contacts.chatPasswordReset,
      }),
    );
  });

  it("refuses unknown previous or related contacts with ResourceNotFoundException", async () => {
    await expectNotFound(send({ PreviousContactId: UNKNOWN }));
    await expectNotFound(send({ RelatedContactId: UNKNOWN }));
  });
});
