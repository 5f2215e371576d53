/** What the console previews is what lands in Connect: parse → map → real SDK → read back. */
import {
  ConnectClient,
  DescribeContactCommand,
  GetContactAttributesCommand,
  ListContactReferencesCommand,
  StartTaskContactCommand,
} from "@aws-sdk/client-connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DEMO_IDS, type RunningConnectLocal, startConnectLocal } from "@/connect-local/index";

import { toStartTaskContactInput } from "./request";
import { type TaskFormValues, createTaskSchema, emptyTask } from "./schema";

let connect: RunningConnectLocal;
let client: ConnectClient;

beforeAll(async () => {
  connect = await startConnectLocal({ port: 0, throttling: false });
  client = new ConnectClient({
    endpoint: connect.url,
    region: "us-east-1",
    credentials: { accessKeyId: "LOCAL", secretAccessKey: "local" },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  client.destroy();
  await connect.stop();
});

const AGENT = `arn:aws:connect:us-east-1:123456789012:instance/${DEMO_IDS.instanceId}/agent/${DEMO_IDS.users[2]}`;

function build(overrides: Partial<TaskFormValues>) {
  const values = createTaskSchema({ now: () => new Date() }).parse({
    ...emptyTask({
      instanceId: DEMO_IDS.instanceId,
      timeZone: "America/New_York",
      clientToken: crypto.randomUUID(),
    }),
    name: "Follow up on refund",
    ...overrides,
  });
  return toStartTaskContactInput(values, { templateHasFlow: true });
}

describe("a composed task as it lands in the local Connect endpoint", () => {
  it("keeps every part of the request", async () => {
    const inTwoDays = new Date(Date.now() + 2 * 86_400_000);
    const local = new Intl.DateTimeFormat("sv-SE", {
      timeZone: "America/New_York",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .format(inTwoDays)
      .replace(" ", "T");
    const input = build({
      description: "Customer called twice about a double charge",
      contactFlowId: DEMO_IDS.flows.billingTasks,
      references: [
        { name: "Case", type: "URL", value: "https://crm.northwind.example/cases/10442" },
        { name: "Amount", type: "NUMBER", value: "19.99" },
        { name: "Due", type: "DATE", value: "2026-12-01T09:00" },
        { name: "Customer", type: "EMAIL", value: "jones@example.com" },
        { name: "Note", type: "STRING", value: "Prefers mornings" },
      ],
      attributes: [
        { key: "orderId", value: "O-554120" },
        { key: "locale", value: "fr-FR" },
      ],
      scheduleMode: "later",
      scheduledLocal: local,
      linkKind: "previous",
      linkedContactId: DEMO_IDS.contacts.voiceBillingCall,
      expiryAmount: "3",
      expiryUnit: "days",
      createdByArn: AGENT,
    });

    const { ContactId } = await client.send(new StartTaskContactCommand(input));
    const { Contact } = await client.send(
      new DescribeContactCommand({ InstanceId: DEMO_IDS.instanceId, ContactId }),
    );
    expect(Contact).toMatchObject({
      Channel: "TASK",
      Name: "Follow up on refund",
      Description: "Customer called twice about a double charge",
      PreviousContactId: DEMO_IDS.contacts.voiceBillingCall,
      SegmentAttributes: input.SegmentAttributes,
    });
    expect(Contact?.ScheduledTimestamp?.getTime()).toBe(input.ScheduledTime?.getTime());

    const { ReferenceSummaryList } = await client.send(
      new ListContactReferencesCommand({
        InstanceId: DEMO_IDS.instanceId,
        ContactId,
        ReferenceTypes: ["URL", "NUMBER", "DATE", "EMAIL", "STRING"],
      }),
    );
    const landed = Object.fromEntries(
      (ReferenceSummaryList ?? []).map((summary) => {
        const [type, body] = Object.entries(summary).find(([, v]) => v !== undefined)! as [
          string,
          { Name: string; Value: string },
        ];
        return [body.Name, { Type: type.toUpperCase(), Value: body.Value }];
      }),
    );
    expect(landed).toEqual(input.References);
    expect(input.References?.Due?.Value).toBe(String(Date.parse("2026-12-01T14:00:00Z") / 1000));

    const { Attributes } = await client.send(
      new GetContactAttributesCommand({
        InstanceId: DEMO_IDS.instanceId,
        InitialContactId: ContactId,
      }),
    );
    // The previous contact's chain shares attributes: the seeded call's keys are there too.
    expect(Attributes).toMatchObject({
      orderId: "O-554120",
      locale: "fr-FR",
      customerId: "C-10442",
    });
  });

  it("is accepted for each routing kind", async () => {
    const flow = build({ contactFlowId: DEMO_IDS.flows.generalTasks });
    const quickConnect = build({
      routingKind: "quickConnect",
      quickConnectId: DEMO_IDS.quickConnects.queueBilling,
    });
    const template = build({
      routingKind: "template",
      taskTemplateId: DEMO_IDS.taskTemplates.customerCallback,
    });
    for (const input of [flow, quickConnect, template]) {
      const { ContactId } = await client.send(new StartTaskContactCommand(input));
      expect(ContactId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
