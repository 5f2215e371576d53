/**
 * Boundary and cross-cutting cases of StartTaskContact and its neighbours: exact limits, map-key
 * constraints, ids that must not resolve across instances, concurrent idempotent calls, and the
 * per-operation throttling of the contact read operations.
 */
import {
  GetContactAttributesCommand,
  ListContactFlowsCommand,
  ListQuickConnectsCommand,
  ListContactReferencesCommand,
  StartTaskContactCommand,
  StopContactCommand,
  type TaskAttachment,
} from "@aws-sdk/client-connect";
import { afterEach, describe, expect, it } from "vitest";

import {
  DEMO_IDS,
  INSTANCE,
  SECOND,
  expectConnectError,
  expectInvalidParameter,
  expectInvalidRequest,
  expectNotFound,
  startHarness,
  startTask,
  taskInput,
  type Harness,
} from "./helpers";

const SANDBOX = DEMO_IDS.secondInstanceId;
const SANDBOX_FLOW = "a1f0c3d2-0101-4a7b-9c1e-5d6f7a8b9d01";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});
const start = async (options: Parameters<typeof startHarness>[0] = {}) =>
  (h = await startHarness(options));
const sendWith = (hh: Harness, input: Parameters<typeof taskInput>[0]) =>
  hh.client.send(new StartTaskContactCommand(taskInput(input)));

describe("exact limits", () => {
  it("ScheduledTime exactly 60 s in the past is tolerated, 61 s is not", async () => {
    const hh = await start();
    await startTask(hh.client, { ScheduledTime: new Date(hh.clock.now - 60 * SECOND) });
    await expectInvalidRequest(
      sendWith(hh, { ScheduledTime: new Date(hh.clock.now - 61 * SECOND) }),
    );
  });

  it("an attribute value longer than 32,767 characters is a model constraint (InvalidParameterException)", async () => {
    const hh = await start();
    await expectInvalidParameter(
      sendWith(hh, { Attributes: { k: "a".repeat(32_768) } }),
      "Attributes",
    );
  });

  it("an empty attribute key is a model constraint (InvalidParameterException)", async () => {
    const hh = await start();
    await expectInvalidParameter(sendWith(hh, { Attributes: { "": "v" } }), "Attributes");
  });

  it("a reference name longer than 4096 characters → InvalidParameterException", async () => {
    const hh = await start();
    await expectInvalidParameter(
      sendWith(hh, { References: { ["r".repeat(4097)]: { Type: "STRING", Value: "x" } } }),
      "References",
    );
  });

  it("a reference Value longer than 4096 characters → InvalidParameterException", async () => {
    const hh = await start();
    await expectInvalidParameter(
      sendWith(hh, { References: { note: { Type: "STRING", Value: "v".repeat(4097) } } }),
      "Value",
    );
  });

  it("a segment attribute key longer than 128 characters → InvalidParameterException", async () => {
    const hh = await start();
    await expectInvalidParameter(
      sendWith(hh, { SegmentAttributes: { ["s".repeat(129)]: { ValueString: "x" } } }),
      "SegmentAttributes",
    );
  });

  it("more than 5 attachments → InvalidParameterException", async () => {
    const hh = await start();
    const att: TaskAttachment = {
      FileName: "a.pdf",
      S3Url: "https://bucket.s3.amazonaws.com/a.pdf?X-Amz-Signature=x",
    };
    await expectInvalidParameter(
      sendWith(hh, { Attachments: Array(6).fill(att) as TaskAttachment[] }),
      "Attachments",
    );
  });
});

describe("ids do not resolve across instances", () => {
  it("a contact, template or quick connect of the main instance is unknown in the sandbox", async () => {
    const hh = await start();
    await expectNotFound(
      sendWith(hh, {
        InstanceId: SANDBOX,
        ContactFlowId: SANDBOX_FLOW,
        PreviousContactId: DEMO_IDS.contacts.voiceBillingCall,
      }),
    );
    await expectNotFound(
      sendWith(hh, {
        InstanceId: SANDBOX,
        ContactFlowId: SANDBOX_FLOW,
        RelatedContactId: DEMO_IDS.contacts.chatPasswordReset,
      }),
    );
    await expectNotFound(
      sendWith(hh, {
        InstanceId: SANDBOX,
        ContactFlowId: undefined,
        TaskTemplateId: DEMO_IDS.taskTemplates.customerCallback,
      }),
    );
    await expectNotFound(
      sendWith(hh, {
        InstanceId: SANDBOX,
        ContactFlowId: undefined,
        QuickConnectId: DEMO_IDS.quickConnects.agentAlice,
      }),
    );
    await expectNotFound(
      hh.client.send(
        new GetContactAttributesCommand({
          InstanceId: SANDBOX,
          InitialContactId: DEMO_IDS.contacts.voiceBillingCall,
        }),
      ),
    );
    await expectNotFound(
      hh.client.send(
        new ListContactReferencesCommand({
          InstanceId: SANDBOX,
          ContactId: DEMO_IDS.contacts.voiceBillingCall,
          ReferenceTypes: ["URL"],
        }),
      ),
    );
  });
});

describe("idempotency under concurrency", () => {
  it("two simultaneous calls with the same token create one task", async () => {
    const hh = await start({ rules: { maxActiveTasksPerInstance: 1 } });
    const input = taskInput({ ClientToken: "concurrent" });
    const [a, b] = await Promise.all([
      hh.client.send(new StartTaskContactCommand(input)),
      hh.client.send(new StartTaskContactCommand(input)),
    ]);
    expect(a.ContactId).toBe(b.ContactId);
  });

  it("a token whose first use failed validation can be used for a valid request", async () => {
    const hh = await start();
    await expectInvalidRequest(
      sendWith(hh, { ClientToken: "first-failed", ContactFlowId: DEMO_IDS.flows.draftUnpublished }),
    );
    const id = await startTask(hh.client, { ClientToken: "first-failed" });
    expect(await startTask(hh.client, { ClientToken: "first-failed" })).toBe(id);
  });
});

describe("more list validation", () => {
  it("malformed tokens are refused by every paginated list", async () => {
    const hh = await start();
    await expectInvalidRequest(
      hh.client.send(new ListContactFlowsCommand({ InstanceId: INSTANCE, NextToken: "%%%" })),
    );
    await expectInvalidRequest(
      hh.client.send(new ListQuickConnectsCommand({ InstanceId: INSTANCE, NextToken: "bm9wZQ==" })),
    );
    await expectInvalidParameter(
      hh.client.send(new ListQuickConnectsCommand({ InstanceId: INSTANCE, MaxResults: 0 })),
    );
  });
});

describe("throttling of contact operations (10/s, burst 15)", () => {
  it("GetContactAttributes and StopContact have their own buckets of 15", async () => {
    const hh = await start({ throttling: true });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await startTask(hh.client));
    const get = () =>
      hh.client.send(
        new GetContactAttributesCommand({ InstanceId: INSTANCE, InitialContactId: ids[0] }),
      );
    for (let i = 0; i < 15; i++) await get();
    await expectConnectError(get(), "ThrottlingException", 429);
    // StopContact is a separate bucket: the first stops go through.
    for (const id of ids)
      await hh.client.send(new StopContactCommand({ InstanceId: INSTANCE, ContactId: id }));
  });
});
