/**
 * Whether a failed mutation may have taken effect, told apart per SDK attempt: the real SDK with
 * its retries against the local endpoint's injected faults. Two attempts of 300 ms each, so a
 * delay of 600 ms outlasts an attempt while the endpoint still goes on and creates the task.
 */
import { randomUUID } from "node:crypto";

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { DEMO_IDS, type RunningConnectLocal, startConnectLocal } from "@/connect-local/index";
import { installConsoleDatabase } from "@/test-support/budget-database";
import type { TestDatabase } from "@/test-support/test-database";

import type * as ClientModule from "./client";
import type { ConnectError } from "./errors";
import type * as InstanceModule from "./instance";
import type * as TasksModule from "./tasks";

let consoleDatabase: TestDatabase;

let connect: RunningConnectLocal;
let isStopped = false;
let adapter: {
  client: typeof ClientModule;
  tasks: typeof TasksModule;
  instance: typeof InstanceModule;
};

async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${connect.url}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok).toBe(true);
  return response.json();
}
const setFaults = (faults: unknown[]) => admin("PUT", "/__admin/faults", { faults });

async function startCalls(clientToken: string): Promise<{ status: number }[]> {
  const { requests } = (await admin("GET", "/__admin/requests?operation=StartTaskContact")) as {
    requests: { status: number; clientToken?: string }[];
  };
  return requests.filter((request) => request.clientToken === clientToken);
}

beforeAll(async () => {
  consoleDatabase = await installConsoleDatabase();
  connect = await startConnectLocal({ port: 0, throttling: false });
  Object.assign(process.env, {
    CONNECT_ENDPOINT: connect.url,
    CONNECT_INSTANCE_ID: DEMO_IDS.instanceId,
    BETTER_AUTH_SECRET: "outcome-test-secret-6d2f9b0e4a7c1358",
    CONNECT_REQUEST_TIMEOUT_MS: "300",
    CONNECT_MAX_ATTEMPTS: "2",
    CONNECT_RATE_LIMITS: "StartTaskContact=1000/1000,DescribeInstance=1000/1000",
  });
  adapter = {
    client: await import("./client"),
    tasks: await import("./tasks"),
    instance: await import("./instance"),
  };
});

afterEach(async () => {
  if (!isStopped) await admin("DELETE", "/__admin/faults");
});

afterAll(async () => {
  await consoleDatabase.close();
  if (!isStopped) await connect?.stop();
});

const start = (clientToken: string) =>
  adapter.tasks.startTaskContact({
    InstanceId: DEMO_IDS.instanceId,
    Name: "Outcome check",
    ContactFlowId: DEMO_IDS.flows.generalTasks,
    ClientToken: clientToken,
  });

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error as ConnectError,
  );

describe("a failed StartTaskContact", () => {
  it("is unknown when every attempt timed out, and Connect did create the task", async () => {
    const token = randomUUID();
    await setFaults([{ kind: "delay", operations: ["StartTaskContact"], delayMs: 600, count: 2 }]);
    const error = await failureOf(start(token));
    expect(error).toMatchObject({ name: "ConnectError", code: "TIMEOUT", isOutcomeUnknown: true });
    expect(error.message).toMatch(/did not confirm/);

    // The endpoint went on after the console gave up: the same token now answers with that task.
    await admin("DELETE", "/__admin/faults");
    const again = await start(token);
    const calls = await startCalls(token);
    expect(calls.filter((call) => call.status === 200).length).toBeGreaterThanOrEqual(2);
    expect(again.contactId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("is unknown when the connection is dropped or Connect fails with a 5xx", async () => {
    await setFaults([{ kind: "drop", operations: ["StartTaskContact"], count: 2 }]);
    expect(await failureOf(start(randomUUID()))).toMatchObject({
      code: "UNAVAILABLE",
      isOutcomeUnknown: true,
    });
    await setFaults([{ kind: "internal", operations: ["StartTaskContact"], count: 2 }]);
    expect(await failureOf(start(randomUUID()))).toMatchObject({
      code: "UNAVAILABLE",
      awsName: "InternalServiceException",
      isOutcomeUnknown: true,
      attempts: 2,
    });
  });

  it("is a failure when Connect throttled every attempt", async () => {
    const token = randomUUID();
    await setFaults([{ kind: "throttle", operations: ["StartTaskContact"], count: 2 }]);
    const error = await failureOf(start(token));
    expect(error).toMatchObject({ code: "THROTTLED", isOutcomeUnknown: false, attempts: 2 });
    expect(error.message).toMatch(/nothing was created/i);
    expect((await startCalls(token)).map((call) => call.status)).toEqual([429, 429]);
  });

  it("is unknown when the last attempt was throttled after an earlier one went unanswered", async () => {
    const token = randomUUID();
    // Attempt 1 is delayed past its timeout (and then throttled, unseen); attempt 2 is throttled.
    await setFaults([
      { kind: "delay", operations: ["StartTaskContact"], delayMs: 600, count: 1 },
      { kind: "throttle", operations: ["StartTaskContact"], count: 2 },
    ]);
    const error = await failureOf(start(token));
    expect(error).toMatchObject({
      code: "THROTTLED",
      awsName: "ThrottlingException",
      isOutcomeUnknown: true,
      attempts: 2,
    });
    expect(error.message).not.toMatch(/nothing was created/i);
  });

  it("is a failure when Connect refuses the request", async () => {
    const error = await failureOf(
      adapter.tasks.startTaskContact({
        InstanceId: DEMO_IDS.instanceId,
        Name: "Refused",
        ContactFlowId: DEMO_IDS.flows.draftUnpublished,
        ClientToken: randomUUID(),
      }),
    );
    expect(error).toMatchObject({ code: "INVALID_REQUEST", isOutcomeUnknown: false });
  });
});

describe("a failed read", () => {
  it("never has an unknown outcome: reads change nothing", async () => {
    await setFaults([{ kind: "delay", operations: ["DescribeInstance"], delayMs: 600, count: 2 }]);
    const error = await failureOf(adapter.instance.describeInstance(DEMO_IDS.instanceId));
    expect(error).toMatchObject({ code: "TIMEOUT", isOutcomeUnknown: false });
  });
});

describe("the call deadline", () => {
  it("is every attempt's connection and request timeout plus slack, and reconcile waits longer", () => {
    expect(adapter.client.callDeadlineMs()).toBe(2 * (300 + 3_000) + 5_000);
    expect(adapter.client.reconcileAfterMs()).toBe(adapter.client.callDeadlineMs() + 30_000);
  });
});

describe("a request that never left", () => {
  it("is a failure: with the endpoint gone, every attempt's connection is refused", async () => {
    await connect.stop();
    isStopped = true;
    const error = await failureOf(start(randomUUID()));
    expect(error).toMatchObject({ code: "UNAVAILABLE", isOutcomeUnknown: false });
  });
});
