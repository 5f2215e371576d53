/**
 * Linked tasks (PreviousContactId chains, RelatedContactId copies), their attribute semantics,
 * and the two StartTaskContact quotas (tasks per previous contact, active tasks per instance).
 */
import {
  GetContactAttributesCommand,
  StartTaskContactCommand,
  StopContactCommand,
} from "@aws-sdk/client-connect";
import { afterEach, describe, expect, it } from "vitest";

import {
  DEMO_IDS,
  HOUR,
  INSTANCE,
  MINUTE,
  expectNotFound,
  expectQuota,
  startHarness,
  startTask,
  taskInput,
  type Harness,
} from "./helpers";

const { contacts } = DEMO_IDS;

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});
const start = async (rules: Parameters<typeof startHarness>[0] = {}) => {
  h = await startHarness(rules);
  return h;
};
const attributesOf = async (hh: Harness, id: string) =>
  (
    await hh.client.send(
      new GetContactAttributesCommand({ InstanceId: INSTANCE, InitialContactId: id }),
    )
  ).Attributes;

describe("attributes of linked tasks", () => {
  it("returns the seeded attributes of an earlier contact", async () => {
    const hh = await start();
    expect(await attributesOf(hh, contacts.voiceBillingCall)).toEqual({
      customerId: "C-10442",
      topic: "double-charge",
    });
    await expectNotFound(
      hh.client.send(
        new GetContactAttributesCommand({
          InstanceId: INSTANCE,
          InitialContactId: "no-such-contact",
        }),
      ),
    );
  });

  it("RelatedContactId copies the related contact's attributes; request keys win; the copy is one-way", async () => {
    const hh = await start();
    const id = await startTask(hh.client, {
      RelatedContactId: contacts.chatDeliveryQuestion,
      Attributes: { orderId: "O-999", note: "late parcel" },
    });
    expect(await attributesOf(hh, id)).toEqual({
      customerId: "C-31877",
      orderId: "O-999",
      note: "late parcel",
    });
    expect(await attributesOf(hh, contacts.chatDeliveryQuestion)).toEqual({
      customerId: "C-31877",
      orderId: "O-554120",
    });
  });

  it("PreviousContactId shares the chain's attribute bag", async () => {
    const hh = await start();
    const id = await startTask(hh.client, {
      PreviousContactId: contacts.voiceBillingCall,
      Attributes: { followUp: "refund" },
    });
    const merged = { customerId: "C-10442", topic: "double-charge", followUp: "refund" };
    expect(await attributesOf(hh, id)).toEqual(merged);
    expect(await attributesOf(hh, contacts.voiceBillingCall)).toEqual(merged);
    // A second task further down the chain sees and extends the same bag.
    const next = await startTask(hh.client, { PreviousContactId: id, Attributes: { step: "2" } });
    const merged2 = { ...merged, step: "2" };
    expect(await attributesOf(hh, next)).toEqual(merged2);
    expect(await attributesOf(hh, contacts.voiceBillingCall)).toEqual(merged2);
    expect(await attributesOf(hh, id)).toEqual(merged2);
  });

  it("a task without links keeps only its own attributes", async () => {
    const hh = await start();
    const id = await startTask(hh.client, { Attributes: { a: "1" } });
    expect(await attributesOf(hh, id)).toEqual({ a: "1" });
    const bare = await startTask(hh.client);
    expect(await attributesOf(hh, bare)).toEqual({});
  });
});

describe("tasks per PreviousContactId", () => {
  it("allows 12 tasks on one previous contact and refuses the 13th with 402", async () => {
    const hh = await start();
    for (let i = 0; i < 12; i++)
      await startTask(hh.client, { PreviousContactId: contacts.voiceOutageCall, Name: `t${i}` });
    await expectQuota(
      hh.client.send(
        new StartTaskContactCommand(taskInput({ PreviousContactId: contacts.voiceOutageCall })),
      ),
      /linked|previous/i,
    );
    // Other contacts are unaffected.
    await startTask(hh.client, { PreviousContactId: contacts.voiceBillingCall });
    // RelatedContactId has no such limit.
    for (let i = 0; i < 13; i++)
      await startTask(hh.client, { RelatedContactId: contacts.voiceOutageCall });
  });

  it("honours rules.maxLinkedTasksPerContact", async () => {
    const hh = await start({ rules: { maxLinkedTasksPerContact: 2 } });
    await startTask(hh.client, { PreviousContactId: contacts.chatPasswordReset });
    await startTask(hh.client, { PreviousContactId: contacts.chatPasswordReset });
    const e = await expectQuota(
      hh.client.send(
        new StartTaskContactCommand(taskInput({ PreviousContactId: contacts.chatPasswordReset })),
      ),
    );
    expect(e.$fault).toBe("client");
    expect(e.$metadata?.attempts).toBe(1);
  });
});

describe("active tasks per instance", () => {
  it("refuses the task over rules.maxActiveTasksPerInstance with 402, and stopping one frees a slot", async () => {
    const hh = await start({ rules: { maxActiveTasksPerInstance: 3 } });
    const a = await startTask(hh.client);
    await startTask(hh.client, { ScheduledTime: new Date(hh.clock.now + HOUR) }); // scheduled tasks count
    await startTask(hh.client);
    await expectQuota(hh.client.send(new StartTaskContactCommand(taskInput())), /active/i);
    // The quota is per instance: the sandbox instance still accepts tasks.
    await startTask(hh.client, {
      InstanceId: DEMO_IDS.secondInstanceId,
      ContactFlowId: "a1f0c3d2-0101-4a7b-9c1e-5d6f7a8b9d01",
    });
    await hh.client.send(new StopContactCommand({ InstanceId: INSTANCE, ContactId: a }));
    await startTask(hh.client);
    await expectQuota(hh.client.send(new StartTaskContactCommand(taskInput())), /active/i);
  });

  it("expired tasks no longer count", async () => {
    const hh = await start({ rules: { maxActiveTasksPerInstance: 2 } });
    const expiry = {
      "connect:ContactExpiry": { ValueMap: { ExpiryDuration: { ValueInteger: 30 } } },
    };
    await startTask(hh.client, { SegmentAttributes: expiry });
    await startTask(hh.client);
    await expectQuota(hh.client.send(new StartTaskContactCommand(taskInput())));
    hh.clock.now += 30 * MINUTE;
    await startTask(hh.client);
  });
});
