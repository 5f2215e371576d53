/**
 * The adapter against the local Connect endpoint with the real SDK: coded errors, bounded
 * latency and ClientToken ownership. Environment is set before the adapter is first imported,
 * because it reads its configuration once.
 */
import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DEMO_IDS, type RunningConnectLocal, startConnectLocal } from "@/connect-local/index";
import { installConsoleDatabase } from "@/test-support/budget-database";
import type { TestDatabase } from "@/test-support/test-database";

import type * as ClientModule from "./client";
import type * as InstanceModule from "./instance";
import type * as TasksModule from "./tasks";

let consoleDatabase: TestDatabase;

let connect: RunningConnectLocal;
let adapter: {
  client: typeof ClientModule;
  tasks: typeof TasksModule;
  instance: typeof InstanceModule;
};

async function setFaults(faults: unknown[]) {
  const response = await fetch(`${connect.url}/__admin/faults`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ faults }),
  });
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  consoleDatabase = await installConsoleDatabase();
  connect = await startConnectLocal({ port: 0, throttling: false });
  Object.assign(process.env, {
    CONNECT_ENDPOINT: connect.url,
    CONNECT_INSTANCE_ID: DEMO_IDS.instanceId,
    BETTER_AUTH_SECRET: "connect-test-secret-7f3a9c1e5b2d8046",
    CONNECT_REQUEST_TIMEOUT_MS: "300",
    CONNECT_MAX_ATTEMPTS: "1",
  });
  adapter = {
    client: await import("./client"),
    tasks: await import("./tasks"),
    instance: await import("./instance"),
  };
});

afterAll(async () => {
  await consoleDatabase.close();
  await connect.stop();
});

const taskInput = (clientToken: string) => ({
  InstanceId: DEMO_IDS.instanceId,
  Name: "Adapter check",
  ContactFlowId: DEMO_IDS.flows.generalTasks,
  ClientToken: clientToken,
});

describe("Connect adapter", () => {
  it("reports the local endpoint, never a secret", () => {
    expect(adapter.client.connectSettings()).toEqual({
      mode: "local",
      region: "us-east-1",
      endpoint: connect.url,
      credentialSource: "fixed local credentials (local Connect endpoint)",
    });
  });

  it("returns the console's own types", async () => {
    const instance = await adapter.instance.describeInstance(DEMO_IDS.instanceId);
    expect(instance).toMatchObject({
      id: DEMO_IDS.instanceId,
      alias: "northwind-support",
      status: "ACTIVE",
    });
    expect(instance.createdAt).toBeInstanceOf(Date);
  });

  it("creates one task per ClientToken, whatever the number of sends", async () => {
    const token = randomUUID();
    const first = await adapter.tasks.startTaskContact(taskInput(token));
    const again = await adapter.tasks.startTaskContact(taskInput(token));
    expect(again.contactId).toBe(first.contactId);
    expect(first.requestId).toMatch(/\S/);
    expect(first.attempts).toBe(1);
  });

  it("maps throttling to THROTTLED with the AWS request id", async () => {
    await setFaults([{ kind: "throttle", operations: ["StartTaskContact"], count: 1 }]);
    const error = await adapter.tasks
      .startTaskContact(taskInput(randomUUID()))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(
      adapter.client.callConnect.constructor === Function ? Error : Error,
    );
    expect(error).toMatchObject({
      name: "ConnectError",
      code: "THROTTLED",
      awsName: "ThrottlingException",
      httpStatus: 429,
    });
    expect((error as { requestId?: string }).requestId).toMatch(/\S/);
  });

  it("turns a hanging call into TIMEOUT instead of waiting", async () => {
    await setFaults([
      { kind: "delay", operations: ["DescribeInstance"], delayMs: 3_000, count: 1 },
    ]);
    const error = await adapter.instance
      .describeInstance(DEMO_IDS.instanceId)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ConnectError", code: "TIMEOUT" });
  });

  it("turns a dropped connection into UNAVAILABLE", async () => {
    await setFaults([{ kind: "drop", operations: ["DescribeInstance"], count: 1 }]);
    const error = await adapter.instance
      .describeInstance(DEMO_IDS.instanceId)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ConnectError", code: "UNAVAILABLE" });
  });

  it("keeps Connect's message for a refused request", async () => {
    const error = await adapter.tasks
      .startTaskContact({
        ...taskInput(randomUUID()),
        ContactFlowId: DEMO_IDS.flows.draftUnpublished,
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "INVALID_REQUEST",
      awsName: "InvalidRequestException",
      httpStatus: 400,
    });
    expect((error as Error).message).toMatch(/publish/i);
  });
});
