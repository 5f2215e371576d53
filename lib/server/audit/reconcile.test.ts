/**
 * Reconciling pending audit rows, against an in-memory PGlite and the local Amazon Connect
 * endpoint in-process, through the console's own Connect adapter and the real SDK.
 */
import { randomUUID } from "node:crypto";

import { DescribeContactCommand } from "@aws-sdk/client-connect";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { DEMO_IDS, type RunningConnectLocal, startConnectLocal } from "@/connect-local/index";
import { callConnect } from "@/lib/server/connect/client";
import { ConnectError } from "@/lib/server/connect/errors";
import { startTaskContact } from "@/lib/server/connect/tasks";
import { type OpenDatabase, openDatabase } from "@/lib/server/db/open";
import { auditEvent } from "@/lib/server/db/schema";

import { type AuditScope } from "./query";
import { ReconcileRefusal, reconcilePendingEvent } from "./reconcile";
import { beginAuditAttempt, completeAuditAttempt } from "./store";

const INSTANCE = DEMO_IDS.instanceId;
const FLOW = DEMO_IDS.flows.generalTasks;
const ADMIN: AuditScope = { userId: "admin-1", canReadAll: true };
const actor = { id: "lead-1", email: "lead@demo.example", role: "lead" };
/** Reconcile runs "later": past the 2-minute guard for rows written just now. */
const later = () => new Date(Date.now() + 3 * 60_000);

let local: RunningConnectLocal;
let database: OpenDatabase;

beforeAll(async () => {
  local = await startConnectLocal({ port: 0, throttling: false });
  // The adapter builds its client from the validated environment on first use.
  process.env.CONNECT_ENDPOINT = local.url;
  process.env.CONNECT_INSTANCE_ID = INSTANCE;
  process.env.BETTER_AUTH_SECRET = "reconcile-test-secret-that-is-long-enough";
  database = await openDatabase({});
});

afterAll(async () => {
  await database?.close();
  await local?.stop();
});

afterEach(async () => {
  await admin("DELETE", "/__admin/faults");
});

async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${local.url}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok).toBe(true);
  return response.json();
}

async function startTaskRequests(): Promise<number> {
  const { requests } = (await admin("GET", "/__admin/requests?operation=StartTaskContact")) as {
    requests: unknown[];
  };
  return requests.length;
}

function taskRequest(clientToken: string, extra: Record<string, unknown> = {}) {
  return {
    InstanceId: INSTANCE,
    ContactFlowId: FLOW,
    Name: `Call back ${clientToken.slice(0, 8)}`,
    Description: "Customer asked for a call about invoice 4471.",
    Attributes: { region: "north" },
    ClientToken: clientToken,
    ...extra,
  };
}

async function pendingTaskStart(request: Record<string, unknown>) {
  return beginAuditAttempt(database.db, {
    action: "task.start",
    actor,
    instanceId: INSTANCE,
    clientToken: request.ClientToken as string,
    request,
  });
}

async function readRow(id: string) {
  const [row] = await database.db.select().from(auditEvent).where(eq(auditEvent.id, id));
  return row!;
}

const reconcile = (id: string, options: { scope?: AuditScope; now?: Date } = {}) =>
  reconcilePendingEvent(database.db, id, {
    scope: options.scope ?? ADMIN,
    reconciledBy: "admin@demo.example",
    now: options.now ?? later(),
  });

describe("a pending task.start", () => {
  it("whose call reached Connect gets the task that call created, not a second one", async () => {
    const token = randomUUID();
    // A ScheduledTime comes back from the audit store as a string; the replay must send a Date.
    const request = taskRequest(token, { ScheduledTime: new Date(Date.now() + 3_600_000) });
    const original = await startTaskContact(request);
    const id = await pendingTaskStart(request);
    const before = await startTaskRequests();

    const result = await reconcile(id);

    expect(result).toMatchObject({
      outcome: "success",
      resolution: "replayed",
      contactId: original.contactId,
    });
    expect(await startTaskRequests()).toBe(before + 1);
    const row = await readRow(id);
    expect(row.outcome).toBe("success");
    expect(row.contactId).toBe(original.contactId);
    expect(row.completedAt).not.toBeNull();
    expect(row.awsRequestId).toMatch(/\S/);
    expect(row.detail).toMatchObject({
      reconciled: { by: "admin@demo.example", resolution: "replayed" },
    });
  });

  it("whose call never reached Connect creates the task once, from the recorded request", async () => {
    const token = randomUUID();
    const id = await pendingTaskStart(taskRequest(token));

    const result = await reconcile(id);
    if (result.outcome !== "success") throw new Error(result.message);

    const contact = await callConnect(
      (client, options) =>
        client.send(
          new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: result.contactId }),
          options,
        ),
      { paced: "DescribeContact" },
    );
    expect(contact.Contact?.Name).toBe(`Call back ${token.slice(0, 8)}`);
    expect(contact.Contact?.Description).toBe("Customer asked for a call about invoice 4471.");
    // The same token again (a later retry) answers with the same task.
    const again = await startTaskContact(taskRequest(token));
    expect(again.contactId).toBe(result.contactId);
    expect((await readRow(id)).contactId).toBe(result.contactId);
  });

  it("that Connect refuses becomes a failure with Connect's error", async () => {
    const token = randomUUID();
    const id = await pendingTaskStart(
      taskRequest(token, { ContactFlowId: "a1f0c3d2-9999-4a7b-9c1e-5d6f7a8b9c99" }),
    );

    const result = await reconcile(id);

    expect(result).toMatchObject({
      outcome: "failure",
      resolution: "replayed",
      errorName: "ResourceNotFoundException",
    });
    const row = await readRow(id);
    expect(row.outcome).toBe("failure");
    expect(row.errorName).toBe("ResourceNotFoundException");
    expect(row.errorMessage).toMatch(/\S/);
    expect(row.contactId).toBeNull();
  });

  it("stays pending when Connect cannot answer, and settles on a later try", async () => {
    const id = await pendingTaskStart(taskRequest(randomUUID()));
    await admin("PUT", "/__admin/faults", {
      faults: [{ kind: "internal", operations: ["StartTaskContact"], count: 3 }],
    });

    const error = await reconcile(id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).code).toBe("UNAVAILABLE");
    expect((await readRow(id)).outcome).toBe("pending");

    await admin("DELETE", "/__admin/faults");
    const result = await reconcile(id);
    expect(result.outcome).toBe("success");
    expect((await readRow(id)).outcome).toBe("success");
  });

  it("with redacted values in its request is not replayed", async () => {
    const token = randomUUID();
    const id = await pendingTaskStart(taskRequest(token, { Attributes: { password: "hunter2" } }));
    const before = await startTaskRequests();

    const result = await reconcile(id);

    expect(result).toMatchObject({ outcome: "failure", errorName: "INTERRUPTED" });
    expect(await startTaskRequests()).toBe(before);
    expect((await readRow(id)).errorMessage).toContain(token);
  });
});

describe("other pending rows", () => {
  it("are marked interrupted without calling Connect", async () => {
    const id = await beginAuditAttempt(database.db, {
      action: "user.create",
      actor,
      targetId: "new-user@demo.example",
    });
    const before = await startTaskRequests();

    const result = await reconcile(id);

    expect(result).toMatchObject({ outcome: "failure", resolution: "interrupted" });
    expect(await startTaskRequests()).toBe(before);
    const row = await readRow(id);
    expect(row.outcome).toBe("failure");
    expect(row.errorName).toBe("INTERRUPTED");
    expect(row.targetId).toBe("new-user@demo.example");
  });
});

describe("refusals", () => {
  it("a row under 2 minutes old is left alone (its call may still be running)", async () => {
    const id = await pendingTaskStart(taskRequest(randomUUID()));
    const error = await reconcile(id, { now: new Date() }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReconcileRefusal);
    expect((error as ReconcileRefusal).code).toBe("CONFLICT");
    expect((await readRow(id)).outcome).toBe("pending");
  });

  it("a completed row is not touched again", async () => {
    const id = await pendingTaskStart(taskRequest(randomUUID()));
    await completeAuditAttempt(database.db, id, { outcome: "success", contactId: "c-1" });
    await expect(reconcile(id)).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await readRow(id)).contactId).toBe("c-1");
  });

  it("a row outside the reader's scope is not found", async () => {
    const id = await pendingTaskStart(taskRequest(randomUUID()));
    await expect(
      reconcile(id, { scope: { userId: "someone-else", canReadAll: false } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await readRow(id)).outcome).toBe("pending");
  });
});
