/** The composer's lookups through the adapter, against the seeded local endpoint. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DEMO_IDS, type RunningConnectLocal, startConnectLocal } from "@/connect-local/index";
import { installConsoleDatabase } from "@/test-support/budget-database";
import type { TestDatabase } from "@/test-support/test-database";

import type * as CatalogModule from "./catalog";
import type * as ContactsModule from "./contacts";

let consoleDatabase: TestDatabase;

let connect: RunningConnectLocal;
let catalog: typeof CatalogModule;
let contacts: typeof ContactsModule;

beforeAll(async () => {
  consoleDatabase = await installConsoleDatabase();
  connect = await startConnectLocal({ port: 0, throttling: false });
  Object.assign(process.env, {
    CONNECT_ENDPOINT: connect.url,
    CONNECT_INSTANCE_ID: DEMO_IDS.instanceId,
    BETTER_AUTH_SECRET: "connect-test-secret-7f3a9c1e5b2d8046",
    CONNECT_MAX_ATTEMPTS: "1",
  });
  catalog = await import("./catalog");
  contacts = await import("./contacts");
});

afterAll(async () => {
  await consoleDatabase.close();
  await connect.stop();
});

const I = DEMO_IDS.instanceId;

describe("catalog lookups", () => {
  it("offers only published, active inbound flows", async () => {
    const flows = await catalog.listTaskFlows(I);
    expect(flows.map((f) => f.id).sort()).toEqual(
      [DEMO_IDS.flows.generalTasks, DEMO_IDS.flows.billingTasks, DEMO_IDS.flows.escalations].sort(),
    );
    expect(flows.map((f) => f.name)).toEqual([
      "Billing follow-ups",
      "Escalations",
      "General tasks",
    ]);
  });

  it("marks which quick connects can route a task", async () => {
    const options = await catalog.listQuickConnects(I);
    const usable = Object.fromEntries(options.map((qc) => [qc.id, qc.isUsableForTasks]));
    expect(usable).toEqual({
      [DEMO_IDS.quickConnects.agentAlice]: true,
      [DEMO_IDS.quickConnects.queueBilling]: true,
      [DEMO_IDS.quickConnects.queueTechnical]: true,
      [DEMO_IDS.quickConnects.phoneEscalationDesk]: false,
    });
  });

  it("lists active templates and reads one with its constraints and defaults", async () => {
    const templates = await catalog.listActiveTemplates(I);
    expect(templates.map((t) => t.name)).toEqual([
      "Customer callback",
      "Field visit",
      "Refund review",
    ]);
    const callback = await catalog.getTaskTemplate(I, DEMO_IDS.taskTemplates.customerCallback);
    expect(callback).toMatchObject({ contactFlowId: DEMO_IDS.flows.generalTasks, isActive: true });
    expect(callback.fields.find((f) => f.name === "Phone number")).toMatchObject({
      type: "TEXT",
      isRequired: true,
    });
    expect(callback.fields.find((f) => f.name === "Case link")).toMatchObject({
      isReadOnly: true,
      defaultValue: "https://crm.northwind.example/cases",
    });
    expect(callback.fields.find((f) => f.name === "Internal score")).toMatchObject({
      isInvisible: true,
    });
    expect(callback.fields.find((f) => f.name === "Priority")?.options).toEqual([
      "Low",
      "Normal",
      "High",
    ]);
    const visit = await catalog.getTaskTemplate(I, DEMO_IDS.taskTemplates.fieldVisitNoFlow);
    expect(visit.contactFlowId).toBeNull();
  });

  it("lists every agent across pages with their ARN", async () => {
    const agents = await catalog.listAgents(I);
    expect(agents).toHaveLength(12);
    expect(agents[0]).toMatchObject({ username: "alice.nguyen" });
    expect(agents[0]?.arn).toMatch(new RegExp(`instance/${I}/agent/`));
  });
});

describe("describeContact", () => {
  it("describes an earlier voice contact", async () => {
    const contact = await contacts.describeContact(I, DEMO_IDS.contacts.voiceBillingCall);
    expect(contact).toMatchObject({ channel: "VOICE", disconnectReason: "CUSTOMER_DISCONNECT" });
    expect(contact.initiatedAt).toBeInstanceOf(Date);
  });

  it("retries a not-found read only when asked, then reports NOT_FOUND", async () => {
    const describeCalls = async () => {
      const log = (await (
        await fetch(`${connect.url}/__admin/requests?operation=DescribeContact`)
      ).json()) as {
        requests: unknown[];
      };
      return log.requests.length;
    };
    await fetch(`${connect.url}/__admin/requests`, {
      method: "DELETE",
      headers: { "content-type": "application/json" },
    });
    await expect(contacts.describeContact(I, "no-such-contact")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await describeCalls()).toBe(1);
    await expect(
      contacts.describeContact(I, "no-such-contact", { retryNotFound: true }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await describeCalls()).toBe(1 + 4);
  });
});

describe("contact reads and changes", () => {
  /** A scheduled task with one reference of each readable type, made with the bare SDK. */
  async function scheduledTask() {
    const { ConnectClient, StartTaskContactCommand } = await import("@aws-sdk/client-connect");
    const sdk = new ConnectClient({
      endpoint: connect.url,
      region: "us-east-1",
      credentials: { accessKeyId: "LOCAL", secretAccessKey: "local" },
    });
    const scheduledAt = new Date(Math.ceil(Date.now() / 1000) * 1000 + 3_600_000);
    const output = await sdk.send(
      new StartTaskContactCommand({
        InstanceId: I,
        ContactFlowId: DEMO_IDS.flows.generalTasks,
        Name: "Adapter task",
        ScheduledTime: scheduledAt,
        Attributes: { caseId: "C-42" },
        References: {
          Ticket: { Type: "URL", Value: "https://crm.example/42" },
          Amount: { Type: "NUMBER", Value: "12.5" },
          Note: { Type: "STRING", Value: "fragile" },
        },
        SegmentAttributes: {
          "connect:ContactExpiry": { ValueMap: { ExpiryDuration: { ValueInteger: 90 } } },
        },
      }),
    );
    sdk.destroy();
    return { contactId: output.ContactId!, scheduledAt };
  }

  it("reads references flattened by type, attributes, expiry and the schedule", async () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const { contactId, scheduledAt } = await scheduledTask();
    const contact = await contacts.describeContact(I, contactId);
    expect(contact).toMatchObject({
      instanceId: I,
      channel: "TASK",
      scheduledAt,
      expiryMinutes: 90,
      queueId: null,
      enqueuedAt: null,
    });
    // Connect's InitiationTimestamp of an API contact: when the request arrived.
    expect(contact.initiatedAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(contact.initiatedAt!.getTime()).toBeLessThan(scheduledAt.getTime());
    const references = await contacts.listContactReferences(I, contactId);
    expect(references.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: "Amount", type: "NUMBER", value: "12.5", status: null },
      { name: "Note", type: "STRING", value: "fragile", status: null },
      { name: "Ticket", type: "URL", value: "https://crm.example/42", status: null },
    ]);
    expect(await contacts.getContactAttributes(I, contactId)).toEqual({ caseId: "C-42" });
  });

  it("shows the start Connect reports: the queue and when the task was enqueued", async () => {
    const { contactId, scheduledAt } = await scheduledTask();
    await fetch(`${connect.url}/__admin/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ setNowMs: scheduledAt.getTime() + 60_000 }),
    });
    try {
      expect(await contacts.describeContact(I, contactId)).toMatchObject({
        scheduledAt,
        lastUpdatedAt: scheduledAt,
        queueId: DEMO_IDS.queues.general,
        enqueuedAt: scheduledAt,
      });
    } finally {
      await fetch(`${connect.url}/__admin/clock`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ reset: true }),
      });
    }
  });

  it("moves a scheduled task, then stops it; a second stop says the contact has ended", async () => {
    const { contactId, scheduledAt } = await scheduledTask();
    const later = new Date(scheduledAt.getTime() + 3_600_000);
    const moved = await contacts.updateContactSchedule(I, contactId, later);
    expect(moved.requestId).toMatch(/\S/);
    expect((await contacts.describeContact(I, contactId)).scheduledAt).toEqual(later);
    await contacts.stopContact(I, contactId);
    expect(await contacts.describeContact(I, contactId)).toMatchObject({
      disconnectReason: "API",
    });
    await expect(contacts.stopContact(I, contactId)).rejects.toMatchObject({
      code: "CONTACT_ENDED",
    });
  });
});
