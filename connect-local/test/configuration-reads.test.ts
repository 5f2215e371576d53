/**
 * Describe/Get operations for the seeded configuration and contacts.
 */
import {
  DescribeContactCommand,
  DescribeInstanceCommand,
  DescribeQuickConnectCommand,
  DescribeUserCommand,
  GetTaskTemplateCommand,
  ListTaskTemplatesCommand,
  TaskTemplateFieldType,
} from "@aws-sdk/client-connect";
import { describe, expect, it } from "vitest";

import {
  DEMO_IDS,
  INSTANCE,
  childArn,
  expectNotFound,
  instanceArn,
  ms,
  harnessFor,
} from "./helpers";

const UNKNOWN = "00000000-0000-4000-8000-00000000beef";
const { flows, quickConnects: qc, taskTemplates: tpl, users, contacts } = DEMO_IDS;

// Read-only tests: one server for the file.
const h = harnessFor("all");

describe("DescribeInstance", () => {
  it("describes the seeded instance", async () => {
    const out = await h.client.send(new DescribeInstanceCommand({ InstanceId: INSTANCE }));
    expect(out.Instance).toMatchObject({
      Id: INSTANCE,
      Arn: instanceArn(INSTANCE),
      InstanceAlias: "northwind-support",
      IdentityManagementType: "CONNECT_MANAGED",
      InstanceStatus: "ACTIVE",
      InboundCallsEnabled: true,
      OutboundCallsEnabled: true,
      InstanceAccessUrl: "https://northwind-support.my.connect.aws",
    });
    expect(ms(out.Instance?.CreatedTime)).toBeLessThan(h.clock.now);
    expect(h.running.instanceId).toBe(INSTANCE);
  });

  it("describes the sandbox instance and refuses an unknown one", async () => {
    const out = await h.client.send(
      new DescribeInstanceCommand({ InstanceId: DEMO_IDS.secondInstanceId }),
    );
    expect(out.Instance?.InstanceAlias).toBe("northwind-sandbox");
    expect(out.Instance?.OutboundCallsEnabled).toBe(false);
    await expectNotFound(h.client.send(new DescribeInstanceCommand({ InstanceId: UNKNOWN })));
  });
});

describe("DescribeQuickConnect", () => {
  const dq = (id: string, instanceId: string = INSTANCE) =>
    h.client.send(new DescribeQuickConnectCommand({ InstanceId: instanceId, QuickConnectId: id }));

  it("returns a USER quick connect with its UserConfig", async () => {
    const out = await dq(qc.agentAlice);
    expect(out.QuickConnect).toMatchObject({
      QuickConnectId: qc.agentAlice,
      QuickConnectARN: childArn("transfer-destination", qc.agentAlice),
      Name: "Alice Nguyen (agent)",
      QuickConnectConfig: {
        QuickConnectType: "USER",
        UserConfig: { UserId: users[0], ContactFlowId: flows.transferToAgent },
      },
    });
    expect(out.QuickConnect?.LastModifiedTime).toBeInstanceOf(Date);
  });

  it("returns QUEUE and PHONE_NUMBER quick connects with their configs", async () => {
    const queue = await dq(qc.queueBilling);
    expect(queue.QuickConnect?.QuickConnectConfig).toEqual({
      QuickConnectType: "QUEUE",
      QueueConfig: { QueueId: DEMO_IDS.queues.billing, ContactFlowId: flows.transferToQueue },
    });
    const phone = await dq(qc.phoneEscalationDesk);
    expect(phone.QuickConnect?.QuickConnectConfig).toEqual({
      QuickConnectType: "PHONE_NUMBER",
      PhoneConfig: { PhoneNumber: "+442071234567" },
    });
  });

  it("refuses an unknown quick connect, or one asked for in the wrong instance", async () => {
    await expectNotFound(dq(UNKNOWN));
    await expectNotFound(dq(qc.agentAlice, DEMO_IDS.secondInstanceId));
  });
});

describe("GetTaskTemplate", () => {
  const get = (id: string) =>
    h.client.send(new GetTaskTemplateCommand({ InstanceId: INSTANCE, TaskTemplateId: id }));

  it("returns fields, constraints and defaults of a template", async () => {
    const t = await get(tpl.customerCallback);
    expect(t).toMatchObject({
      Id: tpl.customerCallback,
      Arn: childArn("task-template", tpl.customerCallback),
      Name: "Customer callback",
      ContactFlowId: flows.generalTasks,
      Status: "ACTIVE",
      Constraints: {
        RequiredFields: [{ Id: { Name: "Task name" } }, { Id: { Name: "Phone number" } }],
        ReadOnlyFields: [{ Id: { Name: "Case link" } }],
        InvisibleFields: [{ Id: { Name: "Internal score" } }],
      },
    });
    expect(t.Fields).toHaveLength(8);
    expect(t.Fields).toContainEqual({
      Id: { Name: "Priority" },
      Description: "How urgent",
      Type: "SINGLE_SELECT",
      SingleSelectOptions: ["Low", "Normal", "High"],
    });
    expect(t.Defaults?.DefaultFieldValues).toContainEqual({
      Id: { Name: "Priority" },
      DefaultValue: "Normal",
    });
    expect(t.CreatedTime).toBeInstanceOf(Date);
    expect(t.LastModifiedTime).toBeInstanceOf(Date);
  });

  it("a template without a flow has no ContactFlowId; the inactive one is INACTIVE", async () => {
    const noFlow = await get(tpl.fieldVisitNoFlow);
    expect(noFlow.ContactFlowId ?? undefined).toBeUndefined();
    expect(noFlow.Fields?.map((f) => f.Type)).toContain("QUICK_CONNECT");
    expect((await get(tpl.legacyInactive)).Status).toBe("INACTIVE");
    const refund = await get(tpl.refundReview);
    expect(refund.SelfAssignFlowId).toBe(flows.transferToAgent);
  });

  it("the seeded templates together use all 14 TaskTemplateFieldType values", async () => {
    const list = await h.client.send(new ListTaskTemplatesCommand({ InstanceId: INSTANCE }));
    const ids = (list.TaskTemplates ?? []).map((t) => t.Id as string);
    expect(ids).toHaveLength(4);
    const types = new Set<string>();
    for (const id of ids) for (const f of (await get(id)).Fields ?? []) types.add(f.Type as string);
    const all = Object.values(TaskTemplateFieldType);
    expect(all).toHaveLength(14);
    expect([...types].sort()).toEqual([...all].sort());
  });

  it("refuses an unknown template", async () => {
    await expectNotFound(get(UNKNOWN));
  });
});

describe("DescribeUser", () => {
  const du = (id: string, instanceId: string = INSTANCE) =>
    h.client.send(new DescribeUserCommand({ InstanceId: instanceId, UserId: id }));

  it("returns the agent with IdentityInfo (UTF-8 names intact)", async () => {
    const alice = await du(users[0]);
    expect(alice.User).toMatchObject({
      Id: users[0],
      Arn: childArn("agent", users[0]),
      Username: "alice.nguyen",
      IdentityInfo: {
        FirstName: "Alice",
        LastName: "Nguyen",
        Email: "alice.nguyen@northwind.example",
      },
      PhoneConfig: { PhoneType: "SOFT_PHONE", AutoAccept: false, AfterContactWorkTimeLimit: 60 },
    });
    const chloe = await du(users[2]);
    expect(chloe.User?.IdentityInfo?.FirstName).toBe("Chloé");
  });

  it("refuses an unknown user, or a user asked for in the wrong instance", async () => {
    await expectNotFound(du(UNKNOWN));
    await expectNotFound(du(users[0], DEMO_IDS.secondInstanceId));
  });
});

describe("DescribeContact on seeded contacts", () => {
  it("returns an ended voice contact with its timestamps as Dates", async () => {
    const out = await h.client.send(
      new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: contacts.voiceBillingCall }),
    );
    const c = out.Contact;
    expect(c).toMatchObject({
      Id: contacts.voiceBillingCall,
      Arn: childArn("contact", contacts.voiceBillingCall),
      Channel: "VOICE",
      InitiationMethod: "INBOUND",
      DisconnectReason: "CUSTOMER_DISCONNECT",
    });
    const start = ms(c?.InitiationTimestamp);
    expect(ms(c?.DisconnectTimestamp) - start).toBe(12 * 60_000);
    expect(start).toBe(h.clock.now - 3 * 3_600_000);
  });

  it("returns a chat contact with its name; unknown ids → 404", async () => {
    const out = await h.client.send(
      new DescribeContactCommand({
        InstanceId: INSTANCE,
        ContactId: contacts.chatDeliveryQuestion,
      }),
    );
    expect(out.Contact?.Channel).toBe("CHAT");
    expect(out.Contact?.Name).toBe("Where is my parcel?");
    await expectNotFound(
      h.client.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: UNKNOWN })),
    );
    await expectNotFound(
      h.client.send(
        new DescribeContactCommand({ InstanceId: UNKNOWN, ContactId: contacts.voiceBillingCall }),
      ),
    );
  });
});
