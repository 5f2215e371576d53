/**
 * Every adapter call goes through callConnect and is paced by its own operation, lists included
 * (one token per page), and no list reads pages without end. The operation is read from the
 * command itself and is the one the SDK sends. Against the local endpoint with the real SDK; the
 * budget's `take` is watched, not replaced.
 */
import { randomUUID } from "node:crypto";

import * as Sdk from "@aws-sdk/client-connect";
import { ListUsersCommand } from "@aws-sdk/client-connect";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { DEMO_IDS, type RunningConnectLocal, startConnectLocal } from "@/connect-local/index";
import { installConsoleDatabase } from "@/test-support/budget-database";
import type { TestDatabase } from "@/test-support/test-database";

import type * as CatalogModule from "./catalog";
import type * as ClientModule from "./client";
import type * as ContactsModule from "./contacts";
import type * as InstanceModule from "./instance";
import type * as PagesModule from "./pages";
import { RateBudget } from "./rate-budget";
import type * as TasksModule from "./tasks";

let consoleDatabase: TestDatabase;

let connect: RunningConnectLocal;
let catalog: typeof CatalogModule;
let client: typeof ClientModule;
let contacts: typeof ContactsModule;
let instance: typeof InstanceModule;
let pages: typeof PagesModule;
let tasks: typeof TasksModule;
const take = vi.spyOn(RateBudget.prototype, "take");
const sent: string[] = [];
const I = DEMO_IDS.instanceId;

beforeAll(async () => {
  consoleDatabase = await installConsoleDatabase();
  connect = await startConnectLocal({ port: 0, throttling: false });
  Object.assign(process.env, {
    CONNECT_ENDPOINT: connect.url,
    CONNECT_INSTANCE_ID: I,
    BETTER_AUTH_SECRET: "pacing-test-secret-3e8a1c7f5b9d0264",
    CONNECT_MAX_ATTEMPTS: "1",
  });
  catalog = await import("./catalog");
  client = await import("./client");
  // What the SDK itself says each sent call is (its middleware context), beside what was paced.
  client.connectClient().middlewareStack.add(
    (next, context) => (args) => {
      sent.push(context.commandName?.replace(/Command$/, "") ?? "(none)");
      return next(args);
    },
    { step: "initialize", name: "pacingTestWatch" },
  );
  contacts = await import("./contacts");
  instance = await import("./instance");
  pages = await import("./pages");
  tasks = await import("./tasks");
});

afterAll(async () => {
  await consoleDatabase.close();
  await connect.stop();
});

beforeEach(() => {
  take.mockClear();
  sent.length = 0;
});

/** The operations paced, after checking each is the one the SDK then sent. */
const taken = () => {
  const paced = take.mock.calls.map(([operation]) => operation);
  expect(paced).toEqual(sent);
  return paced;
};

async function requestsOf(operation: string): Promise<number> {
  const response = await fetch(`${connect.url}/__admin/requests?operation=${operation}`);
  return ((await response.json()) as { requests: unknown[] }).requests.length;
}

describe("pacing", () => {
  it("paces the instance and catalog reads by their own operation", async () => {
    await instance.describeInstance(I);
    await catalog.listTaskFlows(I);
    await catalog.listQuickConnects(I);
    await catalog.listActiveTemplates(I);
    await catalog.getTaskTemplate(I, DEMO_IDS.taskTemplates.customerCallback);
    await catalog.listAgents(I);
    expect(taken()).toEqual([
      "DescribeInstance",
      "ListContactFlows",
      "ListQuickConnects",
      "ListTaskTemplates",
      "GetTaskTemplate",
      "ListUsers",
    ]);
  });

  it("paces the task calls and the contact reads", async () => {
    const started = await tasks.startTaskContact({
      InstanceId: I,
      Name: "Paced",
      ContactFlowId: DEMO_IDS.flows.generalTasks,
      ScheduledTime: new Date(Date.now() + 3_600_000),
      ClientToken: randomUUID(),
    });
    await contacts.describeContact(I, started.contactId);
    await contacts.listContactReferences(I, started.contactId);
    await contacts.getContactAttributes(I, started.contactId);
    await contacts.updateContactSchedule(I, started.contactId, new Date(Date.now() + 7_200_000));
    await contacts.stopContact(I, started.contactId);
    expect(taken()).toEqual([
      "StartTaskContact",
      "DescribeContact",
      "ListContactReferences",
      "GetContactAttributes",
      "UpdateContactSchedule",
      "StopContact",
    ]);
  });

  it("takes one token per page of a list", async () => {
    const before = await requestsOf("ListUsers");
    const listed = await pages.readPages(
      (nextToken) => new ListUsersCommand({ InstanceId: I, MaxResults: 5, NextToken: nextToken }),
      { what: "agents" },
    );
    // 12 demo agents, 5 a page.
    expect(listed).toHaveLength(3);
    expect(await requestsOf("ListUsers")).toBe(before + 3);
    expect(taken()).toEqual(["ListUsers", "ListUsers", "ListUsers"]);
  });
});

describe("the operation of a command", () => {
  it("is the SDK's own name for every command of the client", () => {
    type AnyCommand = new (input: object) => Parameters<typeof client.operationOf>[0];
    const commands = Object.entries(Sdk as Record<string, unknown>).filter(
      ([name, value]) =>
        name.endsWith("Command") && name !== "$Command" && typeof value === "function",
    ) as [string, AnyCommand][];
    expect(commands.length).toBeGreaterThan(100);
    const mismatched = commands.filter(
      ([name, Command]) => client.operationOf(new Command({})) !== name.replace(/Command$/, ""),
    );
    expect(mismatched.map(([name]) => name)).toEqual([]);
  });

  it("is refused when the command carries none, before anything is paced or sent", async () => {
    const bare = Object.assign(new Sdk.DescribeInstanceCommand({ InstanceId: I }), {
      schema: undefined,
    });
    await expect(client.callConnect(bare)).rejects.toThrow(/without an operation schema/);
    expect(take).not.toHaveBeenCalled();
  });
});

describe("page cap", () => {
  it("stops with a clear error instead of reading pages without end", async () => {
    const before = await requestsOf("ListUsers");
    const error = await pages
      .readPages(
        (nextToken) => new ListUsersCommand({ InstanceId: I, MaxResults: 2, NextToken: nextToken }),
        { what: "agents", maxPages: 3 },
      )
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: "ConnectError",
      code: "TOO_MANY_RESULTS",
      isOutcomeUnknown: false,
    });
    expect((error as Error).message).toMatch(/more agents than the console reads \(3 pages/);
    expect(await requestsOf("ListUsers")).toBe(before + 3);
  });

  it("lets the pickers and the references read the whole list within the cap", async () => {
    expect(await catalog.listAgents(I)).toHaveLength(12);
    expect(pages.MAX_PAGES).toBeGreaterThanOrEqual(5);
  });
});
