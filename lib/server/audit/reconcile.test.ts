/**
 * Reconciling audit rows whose outcome is not known (pending, or a task start with an unknown
 * outcome), on both databases, against the local Amazon Connect endpoint in-process, through the
 * console's own Connect adapter and the real SDK.
 */
import { randomUUID } from "node:crypto";

import { DescribeContactCommand } from "@aws-sdk/client-connect";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { DEMO_IDS, type RunningConnectLocal, startConnectLocal } from "@/connect-local/index";
import type { AppError } from "@/lib/errors";
import { callConnect, reconcileAfterMs } from "@/lib/server/connect/client";
import { ConnectError } from "@/lib/server/connect/errors";
import { startTaskContact } from "@/lib/server/connect/tasks";
import { type AuditOutcome, auditEvent } from "@/lib/server/db/schema";
import {
  DATABASE_BACKENDS,
  type TestDatabase,
  openTestDatabase,
} from "@/test-support/test-database";

import { type AuditScope } from "./query";
import { reconcileAuditAttempt } from "./reconcile";
import { beginAuditAttempt, completeAuditAttempt } from "./store";

const INSTANCE = DEMO_IDS.instanceId;
const FLOW = DEMO_IDS.flows.generalTasks;
const ADMIN: AuditScope = { userId: "admin-1", canReadAll: true };
const actor = { id: "lead-1", email: "lead@demo.example", role: "lead" };

let local: RunningConnectLocal;

beforeAll(async () => {
  local = await startConnectLocal({ port: 0, throttling: false });
  // The adapter builds its client from the validated environment on first use.
  Object.assign(process.env, {
    CONNECT_ENDPOINT: local.url,
    CONNECT_INSTANCE_ID: INSTANCE,
    BETTER_AUTH_SECRET: "reconcile-test-secret-that-is-long-enough",
    CONNECT_IDEMPOTENCY_WINDOW_MINUTES: "60",
  });
});

afterAll(async () => {
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

/** Reconcile runs "later": just past the call deadline and its margin, for rows written now. */
const later = () => new Date(Date.now() + reconcileAfterMs() + 1_000);

describe.each(DATABASE_BACKENDS)("reconcile on %s", (backend) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await database?.close();
  });

  async function attempt(
    request: Record<string, unknown> | null,
    { outcome = "pending", occurredAt }: { outcome?: AuditOutcome; occurredAt?: Date } = {},
  ) {
    const clientToken = (request?.ClientToken as string | undefined) ?? randomUUID();
    const id = await beginAuditAttempt(database.db, {
      action: "task.start",
      actor,
      instanceId: INSTANCE,
      clientToken,
      ...(request ? { request } : {}),
    });
    if (outcome !== "pending") {
      await completeAuditAttempt(database.db, id, {
        outcome: outcome as "unknown",
        errorName: "TimeoutError",
        errorMessage: "Amazon Connect did not confirm whether it acted on the request.",
      });
    }
    if (occurredAt) {
      await database.db.update(auditEvent).set({ occurredAt }).where(eq(auditEvent.id, id));
    }
    return id;
  }

  async function readRow(id: string) {
    const [row] = await database.db.select().from(auditEvent).where(eq(auditEvent.id, id));
    return row!;
  }

  const reconcile = (
    id: string,
    options: { scope?: AuditScope; now?: Date; startTask?: typeof startTaskContact } = {},
  ) =>
    reconcileAuditAttempt(database.db, id, {
      scope: options.scope ?? ADMIN,
      reconciledBy: "admin@demo.example",
      now: options.now ?? later(),
      ...(options.startTask ? { startTask: options.startTask } : {}),
    });

  const refusalOf = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error("expected a refusal");
      },
      (error: unknown) => error as AppError,
    );

  describe("a pending task.start", () => {
    it("whose call reached Connect gets the task that call created, not a second one", async () => {
      const token = randomUUID();
      // A ScheduledTime comes back from the audit store as a string; the replay sends a Date.
      const request = taskRequest(token, { ScheduledTime: new Date(Date.now() + 3_600_000) });
      const original = await startTaskContact(request);
      const id = await attempt(request);
      const before = await startTaskRequests();

      const result = await reconcile(id);

      expect(result).toMatchObject({
        outcome: "success",
        resolution: "replayed",
        contactId: original.contactId,
      });
      expect(await startTaskRequests()).toBe(before + 1);
      const row = await readRow(id);
      expect(row).toMatchObject({ outcome: "success", contactId: original.contactId });
      expect(row.completedAt).not.toBeNull();
      expect(row.awsRequestId).toMatch(/\S/);
      expect(row.detail).toMatchObject({
        reconciled: { by: "admin@demo.example", resolution: "replayed", from: "pending" },
      });
    });

    it("whose call never reached Connect creates the task once, from the recorded request", async () => {
      const token = randomUUID();
      const id = await attempt(taskRequest(token));

      const result = await reconcile(id);
      if (result.outcome !== "success" || !result.contactId) throw new Error(result.message);

      const contact = await callConnect(
        new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: result.contactId }),
      );
      expect(contact.Contact?.Name).toBe(`Call back ${token.slice(0, 8)}`);
      // The same token again (a later retry) answers with the same task.
      const again = await startTaskContact(taskRequest(token));
      expect(again.contactId).toBe(result.contactId);
    });

    it("that Connect refuses becomes a failure with Connect's error", async () => {
      const id = await attempt(
        taskRequest(randomUUID(), { ContactFlowId: "a1f0c3d2-9999-4a7b-9c1e-5d6f7a8b9c99" }),
      );
      const result = await reconcile(id);
      expect(result).toMatchObject({
        outcome: "failure",
        resolution: "replayed",
        errorName: "ResourceNotFoundException",
      });
      expect(await readRow(id)).toMatchObject({
        outcome: "failure",
        errorName: "ResourceNotFoundException",
        contactId: null,
      });
    });

    it("stays pending when Connect cannot answer, and settles on a later try", async () => {
      const id = await attempt(taskRequest(randomUUID()));
      await admin("PUT", "/__admin/faults", {
        faults: [{ kind: "internal", operations: ["StartTaskContact"], count: 3 }],
      });
      const error = await reconcile(id).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConnectError);
      expect((error as ConnectError).code).toBe("UNAVAILABLE");
      expect((await readRow(id)).outcome).toBe("pending");

      await admin("DELETE", "/__admin/faults");
      expect((await reconcile(id)).outcome).toBe("success");
      expect((await readRow(id)).outcome).toBe("success");
    });

    it("that cannot be sent again exactly is marked interrupted with an unknown outcome", async () => {
      const token = randomUUID();
      const redacted = await attempt(taskRequest(token, { Attributes: { password: "hunter2" } }));
      const invalid = await attempt(taskRequest(randomUUID(), { QuickConnectId: "qc-1" }));
      const before = await startTaskRequests();

      expect(await reconcile(redacted)).toMatchObject({
        outcome: "unknown",
        resolution: "interrupted",
        errorName: "INTERRUPTED",
      });
      expect((await readRow(redacted)).errorMessage).toMatch(/redacted values/);
      expect((await readRow(redacted)).errorMessage).toContain(token);
      expect(await reconcile(invalid)).toMatchObject({ outcome: "unknown" });
      expect((await readRow(invalid)).errorMessage).toMatch(
        /not one the console would send \(routing: exactly one of/,
      );
      expect(await startTaskRequests()).toBe(before);

      // Now unknown, it is refused from then on, with the same reason.
      const again = await refusalOf(reconcile(redacted));
      expect(again.message).toMatch(/^Not replayed\. .*redacted values/);
    });
  });

  describe("a task.start with an unknown outcome", () => {
    it("is settled by another attempt with the same token that succeeded, without calling Connect", async () => {
      const token = randomUUID();
      const id = await attempt(taskRequest(token), { outcome: "unknown" });
      const later2 = await attempt(taskRequest(token));
      await completeAuditAttempt(database.db, later2, { outcome: "success", contactId: "c-77" });
      const before = await startTaskRequests();

      const result = await reconcile(id);
      expect(result).toMatchObject({
        outcome: "success",
        resolution: "matched",
        contactId: "c-77",
      });
      expect(await startTaskRequests()).toBe(before);
      expect(await readRow(id)).toMatchObject({
        outcome: "success",
        contactId: "c-77",
        errorName: "TimeoutError",
        detail: { reconciled: { resolution: "matched", from: "unknown" } },
      });
    });

    it("is replayed with the same token when no attempt succeeded", async () => {
      const token = randomUUID();
      const id = await attempt(taskRequest(token), { outcome: "unknown" });
      const result = await reconcile(id);
      expect(result).toMatchObject({ outcome: "success", resolution: "replayed" });
      expect((await startTaskContact(taskRequest(token))).contactId).toBe(result.contactId);
    });

    it("is not replayed once its token is older than the idempotency window", async () => {
      const token = randomUUID();
      const id = await attempt(taskRequest(token), {
        outcome: "unknown",
        occurredAt: new Date(Date.now() - 61 * 60_000),
      });
      const before = await startTaskRequests();
      const refusal = await refusalOf(reconcile(id));
      expect(refusal.code).toBe("CONFLICT");
      expect(refusal.message).toMatch(/more than 60 minutes ago/);
      expect(refusal.message).toContain(token);
      expect(await startTaskRequests()).toBe(before);
      expect((await readRow(id)).outcome).toBe("unknown");
    });

    it("is not replayed when its request was cut to fit the audit row, or its instance is gone", async () => {
      const cut = await attempt(
        taskRequest(randomUUID(), {
          References: Object.fromEntries(
            Array.from({ length: 80 }, (_, i) => [
              `R${i}`,
              { Type: "STRING", Value: "v".repeat(4_000) },
            ]),
          ),
        }),
        { outcome: "unknown" },
      );
      expect((await refusalOf(reconcile(cut))).message).toMatch(/too large to keep whole/);

      const elsewhere = await beginAuditAttempt(database.db, {
        action: "task.start",
        actor,
        instanceId: DEMO_IDS.secondInstanceId,
        clientToken: randomUUID(),
        request: taskRequest(randomUUID(), { InstanceId: DEMO_IDS.secondInstanceId }),
      });
      await completeAuditAttempt(database.db, elsewhere, { outcome: "unknown" });
      expect((await refusalOf(reconcile(elsewhere))).message).toMatch(/no longer configured/);
    });
  });

  describe("other rows", () => {
    it("a pending row of another kind is marked interrupted without calling Connect", async () => {
      const id = await beginAuditAttempt(database.db, {
        action: "user.create",
        actor,
        targetId: "new-user@demo.example",
      });
      const before = await startTaskRequests();
      expect(await reconcile(id)).toMatchObject({ outcome: "failure", resolution: "interrupted" });
      expect(await startTaskRequests()).toBe(before);
      expect(await readRow(id)).toMatchObject({
        outcome: "failure",
        errorName: "INTERRUPTED",
        targetId: "new-user@demo.example",
      });
    });

    it("an unknown row of another kind cannot be reconciled", async () => {
      const id = await beginAuditAttempt(database.db, { action: "task.cancel", actor });
      await completeAuditAttempt(database.db, id, { outcome: "unknown" });
      expect((await refusalOf(reconcile(id))).message).toMatch(/check its target by hand/);
      expect((await readRow(id)).outcome).toBe("unknown");
    });
  });

  describe("refusals", () => {
    it("waits the call's whole deadline plus the margin (its call may still be running)", async () => {
      const id = await attempt(taskRequest(randomUUID()));
      const { occurredAt } = await readRow(id);
      const early = new Date(occurredAt.getTime() + reconcileAfterMs() - 2_000);
      const refusal = await refusalOf(reconcile(id, { now: early }));
      expect(refusal.code).toBe("CONFLICT");
      expect(refusal.message).toMatch(/try again in 2 s/);
      expect((await readRow(id)).outcome).toBe("pending");
      const onTime = new Date(occurredAt.getTime() + reconcileAfterMs());
      expect((await reconcile(id, { now: onTime })).outcome).toBe("success");
    });

    it("a completed row is not touched again", async () => {
      const id = await attempt(taskRequest(randomUUID()));
      await completeAuditAttempt(database.db, id, { outcome: "success", contactId: "c-1" });
      await expect(reconcile(id)).rejects.toMatchObject({ code: "CONFLICT" });
      expect((await readRow(id)).contactId).toBe("c-1");
    });

    it("a row settled while the replay ran is not overwritten", async () => {
      const id = await attempt(taskRequest(randomUUID()), { outcome: "unknown" });
      const settledMeanwhile: typeof startTaskContact = async (input) => {
        const started = await startTaskContact(input);
        await database.db
          .update(auditEvent)
          .set({ outcome: "success", contactId: "settled-elsewhere" })
          .where(eq(auditEvent.id, id));
        return started;
      };
      const refusal = await refusalOf(reconcile(id, { startTask: settledMeanwhile }));
      expect(refusal.message).toMatch(/settled this entry meanwhile/);
      expect((await readRow(id)).contactId).toBe("settled-elsewhere");
    });

    it("a row outside the reader's scope is not found", async () => {
      const id = await attempt(taskRequest(randomUUID()));
      await expect(
        reconcile(id, { scope: { userId: "someone-else", canReadAll: false } }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect((await readRow(id)).outcome).toBe("pending");
    });
  });
});
