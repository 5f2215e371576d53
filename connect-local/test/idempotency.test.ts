/**
 * ClientToken idempotency of StartTaskContact.
 */
import { StartTaskContactCommand } from "@aws-sdk/client-connect";
import { afterEach, describe, expect, it } from "vitest";

import {
  DEMO_IDS,
  SECOND,
  expectConnectError,
  expectQuota,
  startHarness,
  startTask,
  taskInput,
  type Harness,
} from "./helpers";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});
const start = async (options: Parameters<typeof startHarness>[0] = {}) =>
  (h = await startHarness(options));

describe("ClientToken", () => {
  it("the same token and request return the same ContactId without creating a second task", async () => {
    const hh = await start({ rules: { maxActiveTasksPerInstance: 1 } });
    const input = { ClientToken: "console-7f3a", Name: "Callback", Attributes: { a: "1" } };
    const first = await startTask(hh.client, input);
    const again = await startTask(hh.client, input);
    expect(again).toBe(first);
    // Only one task exists: the quota of 1 is now used up by that one task.
    await expectQuota(
      hh.client.send(new StartTaskContactCommand(taskInput({ ClientToken: "another-token" }))),
    );
  });

  it("the same token with a different request → IdempotencyException 409", async () => {
    const hh = await start();
    await startTask(hh.client, { ClientToken: "tok-1", Name: "Callback" });
    await expectConnectError(
      hh.client.send(
        new StartTaskContactCommand(taskInput({ ClientToken: "tok-1", Name: "Something else" })),
      ),
      "IdempotencyException",
      409,
    );
    await expectConnectError(
      hh.client.send(
        new StartTaskContactCommand(
          taskInput({ ClientToken: "tok-1", Name: "Callback", Attributes: { x: "y" } }),
        ),
      ),
      "IdempotencyException",
      409,
    );
  });

  it("different tokens with the same request create different tasks", async () => {
    const hh = await start();
    const a = await startTask(hh.client, { ClientToken: "tok-a" });
    const b = await startTask(hh.client, { ClientToken: "tok-b" });
    expect(a).not.toBe(b);
  });

  it("without a ClientToken the SDK generates one per call, so repeated calls create new tasks", async () => {
    const hh = await start();
    const a = await startTask(hh.client, { Name: "same" });
    const b = await startTask(hh.client, { Name: "same" });
    expect(a).not.toBe(b);
  });

  it("a replay of the already-created 12th linked task still returns its ContactId", async () => {
    const hh = await start();
    const prev = DEMO_IDS.contacts.voiceBillingCall;
    let twelfth = "";
    for (let i = 1; i <= 12; i++)
      twelfth = await startTask(hh.client, { PreviousContactId: prev, ClientToken: `link-${i}` });
    await expectQuota(
      hh.client.send(
        new StartTaskContactCommand(taskInput({ PreviousContactId: prev, ClientToken: "link-13" })),
      ),
    );
    expect(await startTask(hh.client, { PreviousContactId: prev, ClientToken: "link-12" })).toBe(
      twelfth,
    );
  });

  it("is forgotten after rules.clientTokenTtlSeconds", async () => {
    const hh = await start({ rules: { clientTokenTtlSeconds: 60 } });
    const first = await startTask(hh.client, { ClientToken: "short-lived" });
    hh.clock.now += 30 * SECOND;
    expect(await startTask(hh.client, { ClientToken: "short-lived" })).toBe(first);
    hh.clock.now += 61 * SECOND; // over 60 s after both the first use and the replay
    const later = await startTask(hh.client, { ClientToken: "short-lived" });
    expect(later).not.toBe(first);
  });

  it("a replay still returns the same task after other traffic", async () => {
    const hh = await start();
    const a = await startTask(hh.client, { ClientToken: "shared" });
    // The replay with identical input is still the same task after other traffic.
    await startTask(hh.client, { ClientToken: "other" });
    expect(await startTask(hh.client, { ClientToken: "shared" })).toBe(a);
  });
});
