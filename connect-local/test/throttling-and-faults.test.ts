/**
 * Token-bucket throttling on a frozen monotonic clock, and injected faults (throttle, internal,
 * delay, drop), including the SDK's own retries absorbing a short burst.
 */
import {
  DescribeContactCommand,
  ListUsersCommand,
  StartTaskContactCommand,
} from "@aws-sdk/client-connect";
import { afterEach, describe, expect, it } from "vitest";

import {
  INSTANCE,
  admin,
  expectConnectError,
  expectQuota,
  loggedRequests,
  rejectionOf,
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
const throttled = (p: Promise<unknown>) => expectConnectError(p, "ThrottlingException", 429);

describe("throttling (token buckets)", () => {
  it("StartTaskContact: burst 5, then 429; 500 ms refills one token", async () => {
    const hh = await start({ throttling: true });
    for (let i = 0; i < 5; i++) await startTask(hh.client);
    await throttled(hh.client.send(new StartTaskContactCommand(taskInput())));
    hh.clock.mono += 500;
    await startTask(hh.client);
    await throttled(hh.client.send(new StartTaskContactCommand(taskInput())));
    hh.clock.mono += 1_000; // 2 more tokens at 2/s
    await startTask(hh.client);
    await startTask(hh.client);
    await throttled(hh.client.send(new StartTaskContactCommand(taskInput())));
  });

  it("buckets are per operation: DescribeContact allows 15 while StartTaskContact is empty", async () => {
    const hh = await start({ throttling: true });
    let id = "";
    for (let i = 0; i < 5; i++) id = await startTask(hh.client);
    await throttled(hh.client.send(new StartTaskContactCommand(taskInput())));
    const describe = () =>
      hh.client.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: id }));
    for (let i = 0; i < 15; i++) await describe();
    await throttled(describe());
    hh.clock.mono += 100; // 10/s → one token
    await describe();
    await throttled(describe());
  });

  it("list operations: burst 5 at 2/s", async () => {
    const hh = await start({ throttling: true });
    const list = () => hh.client.send(new ListUsersCommand({ InstanceId: INSTANCE }));
    for (let i = 0; i < 5; i++) await list();
    await throttled(list());
  });

  it("can be switched off and on at run time via /__admin/throttling", async () => {
    const hh = await start({ throttling: true });
    expect((await admin(hh.url, "/__admin/throttling")).body).toMatchObject({ enabled: true });
    for (let i = 0; i < 5; i++) await startTask(hh.client);
    await throttled(hh.client.send(new StartTaskContactCommand(taskInput())));
    const off = await admin(hh.url, "/__admin/throttling", "PUT", { enabled: false });
    expect(off.status).toBe(200);
    expect((await admin(hh.url, "/__admin/throttling")).body).toMatchObject({ enabled: false });
    for (let i = 0; i < 8; i++) await startTask(hh.client);
    await admin(hh.url, "/__admin/throttling", "PUT", { enabled: true });
    // Back on (whether or not the bucket was refilled): at most a burst of 5 more gets through.
    let accepted = 0;
    let error: unknown;
    for (let i = 0; i < 6 && !error; i++) {
      await hh.client.send(new StartTaskContactCommand(taskInput())).then(
        () => accepted++,
        (e: unknown) => (error = e),
      );
    }
    expect(accepted).toBeLessThanOrEqual(5);
    expect(error).toMatchObject({
      name: "ThrottlingException",
      $metadata: { httpStatusCode: 429 },
    });
  });

  it("is off with throttling: false", async () => {
    const hh = await start({ throttling: false });
    for (let i = 0; i < 20; i++) await startTask(hh.client);
  });
});

describe("injected faults", () => {
  const setFaults = async (url: string, faults: unknown[]) => {
    const res = await admin(url, "/__admin/faults", "PUT", { faults });
    expect(res.status).toBe(200);
  };

  it("throttle → ThrottlingException 429, only for the named operation, for count calls", async () => {
    const hh = await start();
    await setFaults(hh.url, [{ kind: "throttle", operations: ["StartTaskContact"], count: 2 }]);
    await hh.client.send(new ListUsersCommand({ InstanceId: INSTANCE }));
    await throttled(hh.client.send(new StartTaskContactCommand(taskInput())));
    const state = await admin<{ faults: { kind: string; hits: number; remaining: number }[] }>(
      hh.url,
      "/__admin/faults",
    );
    expect(state.body.faults).toHaveLength(1);
    expect(state.body.faults[0]).toMatchObject({ kind: "throttle", hits: 1, remaining: 1 });
    await throttled(hh.client.send(new StartTaskContactCommand(taskInput())));
    await startTask(hh.client);
  });

  it("clientTokens → only requests with one of those tokens are hit; others pass untouched", async () => {
    const hh = await start();
    const mine = crypto.randomUUID();
    await setFaults(hh.url, [
      { kind: "throttle", operations: ["StartTaskContact"], clientTokens: [mine], count: 1 },
    ]);
    // Another caller's start (a background job) neither fails nor uses the fault up.
    await hh.client.send(
      new StartTaskContactCommand(taskInput({ ClientToken: crypto.randomUUID() })),
    );
    await hh.client.send(new StartTaskContactCommand(taskInput()));
    await throttled(hh.client.send(new StartTaskContactCommand(taskInput({ ClientToken: mine }))));
    await hh.client.send(new StartTaskContactCommand(taskInput({ ClientToken: mine })));
    const refused = await admin(hh.url, "/__admin/faults", "PUT", {
      faults: [{ kind: "throttle", clientTokens: "not-a-list" }],
    });
    expect(refused.status).toBe(400);
  });

  it("not_found → ResourceNotFoundException 404 for a contact that exists, then it is visible", async () => {
    const hh = await start();
    const id = await startTask(hh.client);
    await setFaults(hh.url, [{ kind: "not_found", operations: ["DescribeContact"], count: 1 }]);
    await expectConnectError(
      hh.client.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: id })),
      "ResourceNotFoundException",
      404,
    );
    const { Contact } = await hh.client.send(
      new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: id }),
    );
    expect(Contact?.Id).toBe(id);
  });

  it("internal → InternalServiceException 500 with $fault server", async () => {
    const hh = await start();
    await setFaults(hh.url, [{ kind: "internal", operations: ["DescribeContact"] }]);
    const id = await startTask(hh.client);
    const e = await expectConnectError(
      hh.client.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: id })),
      "InternalServiceException",
      500,
    );
    expect(e.$fault).toBe("server");
    const del = await admin(hh.url, "/__admin/faults", "DELETE");
    expect(del.status).toBe(200);
    expect((await admin<{ faults: unknown[] }>(hh.url, "/__admin/faults")).body.faults).toEqual([]);
    await hh.client.send(new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: id }));
  });

  it("rate 0 never fires; faults without operations apply to every operation", async () => {
    const hh = await start();
    await setFaults(hh.url, [{ kind: "internal", rate: 0 }]);
    await startTask(hh.client);
    await setFaults(hh.url, [{ kind: "internal", rate: 1, count: 1 }]);
    await expectConnectError(
      hh.client.send(new ListUsersCommand({ InstanceId: INSTANCE })),
      "InternalServiceException",
      500,
    );
    await hh.client.send(new ListUsersCommand({ InstanceId: INSTANCE }));
  });

  it("delay → the request waits delayMs (on the injected sleep) before it is answered", async () => {
    const asked: number[] = [];
    let entered!: () => void;
    const inDelay = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const hh = await start({
      sleep: (ms) => {
        asked.push(ms);
        entered();
        return released;
      },
    });
    await setFaults(hh.url, [{ kind: "delay", operations: ["ListUsers"], delayMs: 300, count: 1 }]);
    let settled = false;
    const call = hh.client.send(new ListUsersCommand({ InstanceId: INSTANCE }));
    void call.finally(() => (settled = true)).catch(() => undefined);

    await inDelay;
    expect(asked).toEqual([300]);
    // Held in the delay: not answered, not yet in the request log (admin calls are never delayed).
    expect(await loggedRequests(hh.url, "ListUsers")).toEqual([]);
    expect(settled).toBe(false);

    release();
    expect((await call).UserSummaryList).toHaveLength(12);
    expect((await loggedRequests(hh.url, "ListUsers")).map((r) => r.status)).toEqual([200]);
    // count 1: the next call is not delayed.
    await hh.client.send(new ListUsersCommand({ InstanceId: INSTANCE }));
    expect(asked).toEqual([300]);
  });

  it("drop → the socket is destroyed and the SDK throws a network error, not a Connect error", async () => {
    const hh = await start();
    await setFaults(hh.url, [{ kind: "drop", operations: ["ListUsers"], count: 1 }]);
    const e = await rejectionOf(hh.client.send(new ListUsersCommand({ InstanceId: INSTANCE })));
    expect(e.$metadata?.httpStatusCode).toBeUndefined();
    expect(e.name).not.toMatch(/Exception$/);
    expect(`${e.name} ${e.message} ${JSON.stringify(e.code ?? "")}`).toMatch(
      /ECONNRESET|socket hang up|other side closed|EPIPE|closed/i,
    );
    // The server keeps working.
    expect(
      (await hh.client.send(new ListUsersCommand({ InstanceId: INSTANCE }))).UserSummaryList,
    ).toHaveLength(12);
  });

  it("the SDK's retries absorb two injected throttles: one task, three requests with the same ClientToken", async () => {
    const hh = await start({ rules: { maxActiveTasksPerInstance: 1 } });
    await admin(hh.url, "/__admin/requests", "DELETE");
    await setFaults(hh.url, [{ kind: "throttle", operations: ["StartTaskContact"], count: 2 }]);
    const retrying = hh.newClient({ maxAttempts: 3 });
    const out = await retrying.send(new StartTaskContactCommand(taskInput()));
    expect(out.ContactId).toMatch(/\S/);
    expect(out.$metadata.attempts).toBe(3);
    const log = await loggedRequests(hh.url, "StartTaskContact");
    expect(log.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(log.map((r) => r.errorType)).toEqual([
      "ThrottlingException",
      "ThrottlingException",
      undefined,
    ]);
    const tokens = new Set(log.map((r) => r.clientToken));
    expect(tokens.size).toBe(1);
    expect([...tokens][0]).toMatch(/^[0-9a-f-]{36}$/);
    // Exactly one task exists (quota of 1 is used up).
    await expectQuota(hh.client.send(new StartTaskContactCommand(taskInput())));
  });

  it("the SDK's retries absorb two injected internal errors", async () => {
    const hh = await start({ rules: { maxActiveTasksPerInstance: 1 } });
    await setFaults(hh.url, [{ kind: "internal", operations: ["StartTaskContact"], count: 2 }]);
    const retrying = hh.newClient({ maxAttempts: 3 });
    const out = await retrying.send(
      new StartTaskContactCommand(taskInput({ ClientToken: "retry-me" })),
    );
    expect(out.$metadata.attempts).toBe(3);
    const log = await loggedRequests(hh.url, "StartTaskContact");
    expect(log.map((r) => [r.status, r.clientToken])).toEqual([
      [500, "retry-me"],
      [500, "retry-me"],
      [200, "retry-me"],
    ]);
    await expectQuota(hh.client.send(new StartTaskContactCommand(taskInput())));
  });

  it("a fault with maxAttempts 1 is not retried", async () => {
    const hh = await start();
    await setFaults(hh.url, [{ kind: "throttle", operations: ["StartTaskContact"], count: 1 }]);
    const e = await throttled(hh.client.send(new StartTaskContactCommand(taskInput())));
    expect(e.$metadata?.attempts).toBe(1);
    expect(await loggedRequests(hh.url, "StartTaskContact")).toHaveLength(1);
  });
});
