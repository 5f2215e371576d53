/**
 * Starting a task when Connect's answer is lost: the attempt is recorded as unknown, the draft
 * and its ClientToken stay, a retry gets the task Connect did create (one task), the unknown row
 * is settled by it, and a token Connect may have forgotten is not sent again. The real start
 * action, SDK and local endpoint (whose state file shows how many tasks exist), on both
 * databases. Attempts time out after 500 ms; the idempotency window is 5 minutes.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { saveDraft } from "@/app/(console)/tasks/new/actions/save-draft";
import { startTask } from "@/app/(console)/tasks/new/actions/start-task";
import { DEMO_IDS, type RunningConnectLocal, startConnectLocal } from "@/connect-local/index";
import { auditEvent } from "@/lib/server/db/schema";
import { taskListFiltersSchema } from "@/lib/task/list";
import { type TaskFormValues, emptyTask } from "@/lib/task/schema";
import { type ActionHarness, startActionHarness } from "@/test-support/action-harness";
import { DATABASE_BACKENDS } from "@/test-support/test-database";

import { loadDraft } from "./drafts";
import { listConsoleTasks } from "./registry";
import { countLinkedTasks, findTaskRecords, tasksLinkedTo } from "./task-record";

const mocks = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(mocks.headers) }));

const I = DEMO_IDS.instanceId;
let connect: RunningConnectLocal;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "start-outcomes-"));
  connect = await startConnectLocal({ port: 0, throttling: false, dataDir });
});
afterAll(async () => {
  await connect?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function admin(path: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(`${connect.url}${path}`, {
    ...init,
    headers: { "content-type": "application/json" },
  });
  expect(response.ok).toBe(true);
  return response.json();
}

async function startCalls(clientToken: string): Promise<number[]> {
  const { requests } = (await admin("/__admin/requests?operation=StartTaskContact")) as {
    requests: { status: number; clientToken?: string }[];
  };
  return requests.filter((entry) => entry.clientToken === clientToken).map((e) => e.status);
}

/** Resolves once the endpoint has answered `count` requests with this token (it logs when done). */
async function untilAnswered(clientToken: string, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await startCalls(clientToken)).length < count) {
    if (Date.now() > deadline) throw new Error("the endpoint never finished the delayed request");
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Tasks in the endpoint's own state with this name. */
async function tasksNamed(name: string): Promise<string[]> {
  const state = JSON.parse(await readFile(join(dataDir, "state.json"), "utf8")) as {
    contacts: Record<string, { Name?: string }>;
  };
  return Object.entries(state.contacts)
    .filter(([, contact]) => contact.Name === name)
    .map(([id]) => id);
}

describe.each(DATABASE_BACKENDS)("task start outcomes on %s", (backend) => {
  let harness: ActionHarness;

  beforeAll(async () => {
    harness = await startActionHarness(mocks, {
      users: { supervisor: "supervisor" },
      env: {
        CONNECT_INSTANCE_ID: I,
        BETTER_AUTH_SECRET: "start-outcomes-secret-0123456789abcdef",
        CONNECT_REQUEST_TIMEOUT_MS: "500",
        CONNECT_MAX_ATTEMPTS: "1",
        CONNECT_IDEMPOTENCY_WINDOW_MINUTES: "5",
        CONNECT_RATE_LIMITS: "StartTaskContact=1000/1000",
      },
      backend,
      connect,
    });
    harness.as("supervisor");
  }, 90_000);
  afterAll(async () => {
    await harness?.setFaults([]);
    await harness?.stop();
  });

  const task = (name: string): TaskFormValues => ({
    ...emptyTask({ instanceId: I, timeZone: "UTC", clientToken: randomUUID() }),
    name,
    contactFlowId: DEMO_IDS.flows.generalTasks,
  });
  const rowsOf = (clientToken: string) =>
    harness.opened.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, "task.start"), eq(auditEvent.clientToken, clientToken)))
      .orderBy(auditEvent.occurredAt);
  const supervisorId = () => harness.users.supervisor!.id;

  it("records a lost answer as unknown, keeps the draft, and a retry gets the one task Connect made", async () => {
    const name = `Lost answer ${backend} ${randomUUID().slice(0, 8)}`;
    const values = task(name);
    expect(await saveDraft(values)).toMatchObject({ ok: true });
    await harness.setFaults([
      { kind: "delay", operations: ["StartTaskContact"], delayMs: 900, count: 1 },
    ]);

    const lost = await startTask(values);
    expect(lost).toMatchObject({
      ok: false,
      code: "CONNECT_TIMEOUT",
      isOutcomeUnknown: true,
      formError: "Outcome unknown: Amazon Connect did not confirm whether the task was created.",
    });
    expect((await rowsOf(values.clientToken)).map((row) => row.outcome)).toEqual(["unknown"]);
    const kept = await loadDraft(harness.opened.db, supervisorId());
    expect(kept?.values).toMatchObject({ name, clientToken: values.clientToken });

    // Connect went on and created the task after the console stopped waiting.
    await untilAnswered(values.clientToken, 1);
    const [created] = await tasksNamed(name);
    expect(created).toBeDefined();

    const retry = await startTask(values);
    expect(retry).toMatchObject({ ok: true, data: { contactId: created } });
    expect(await tasksNamed(name)).toEqual([created]);
    expect(await startCalls(values.clientToken)).toEqual([200, 200]);

    const [first, second] = await rowsOf(values.clientToken);
    expect(second).toMatchObject({ outcome: "success", contactId: created });
    expect(first).toMatchObject({
      outcome: "success",
      contactId: created,
      // What the attempt itself saw stays on the row.
      errorName: "TimeoutError",
      detail: { settled: { byAuditEvent: second!.id } },
    });
    expect(await loadDraft(harness.opened.db, supervisorId())).toBeNull();

    // The tasks list shows the task once, though two rows now carry its ContactId.
    const page = await listConsoleTasks(
      harness.opened.db,
      taskListFiltersSchema.parse({ q: name }),
      { userId: supervisorId(), canReadAll: true },
    );
    expect(page.tasks.map((item) => item.contactId)).toEqual([created]);
    expect(page.total).toBe(1);
  });

  it("counts a linked task once, however many of its rows carry its ContactId", async () => {
    const previous = DEMO_IDS.contacts.voiceBillingCall;
    const before = await countLinkedTasks(harness.opened.db, I, previous);
    const values = {
      ...task(`Linked retry ${backend}`),
      linkKind: "previous" as const,
      linkedContactId: previous,
    };
    await harness.setFaults([
      { kind: "delay", operations: ["StartTaskContact"], delayMs: 900, count: 1 },
    ]);
    expect(await startTask(values)).toMatchObject({ ok: false, isOutcomeUnknown: true });
    await untilAnswered(values.clientToken, 1);
    const retry = await startTask(values);
    if (!retry.ok) throw new Error(retry.formError);
    if (retry.data.kind !== "created") throw new Error("the task was held");
    expect((await rowsOf(values.clientToken)).map((row) => row.outcome)).toEqual([
      "success",
      "success",
    ]);

    expect(await countLinkedTasks(harness.opened.db, I, previous)).toBe(before + 1);
    const linked = await tasksLinkedTo(harness.opened.db, I, previous, "PreviousContactId");
    expect(linked.filter((item) => item.contactId === retry.data.contactId)).toHaveLength(1);
    expect(await findTaskRecords(harness.opened.db, [retry.data.contactId])).toHaveLength(1);
  });

  it("answers a start whose token already succeeded with that task, without calling Connect", async () => {
    const values = task(`Answered twice ${backend}`);
    const first = await startTask(values);
    if (!first.ok) throw new Error(first.formError);
    const again = await startTask(values);

    expect(again).toMatchObject({ ok: true, data: { contactId: first.data.contactId } });
    expect(await startCalls(values.clientToken)).toEqual([200]);
    const rows = await rowsOf(values.clientToken);
    expect(rows.map((row) => [row.outcome, row.contactId, row.attempts])).toEqual([
      ["success", first.data.contactId, 1],
      ["success", first.data.contactId, 0],
    ]);
    expect(rows[1]?.detail).toMatchObject({ answeredFromAuditEvent: rows[0]!.id });
  });

  it("refuses to send a token whose unknown first attempt is older than the idempotency window", async () => {
    const values = task(`Forgotten token ${backend}`);
    await harness.opened.db.insert(auditEvent).values({
      action: "task.start",
      outcome: "unknown",
      actorId: supervisorId(),
      instanceId: I,
      clientToken: values.clientToken,
      request: { InstanceId: I, Name: values.name, ClientToken: values.clientToken },
      occurredAt: new Date(Date.now() - 6 * 60_000),
      completedAt: new Date(Date.now() - 6 * 60_000),
    });

    const refused = await startTask(values);
    expect(refused).toMatchObject({ ok: false, code: "CONFLICT" });
    if (!refused.ok) {
      expect(refused.formError).toMatch(/more than 5 minutes ago/);
      expect(refused.fieldErrors.clientToken?.[0]).toMatch(/could create a second task/);
    }
    expect(await startCalls(values.clientToken)).toEqual([]);
    expect((await rowsOf(values.clientToken)).map((row) => row.outcome)).toEqual([
      "unknown",
      "failure",
    ]);
  });

  it("sends again a token whose unknown attempt is within the window", async () => {
    const values = task(`Recent unknown ${backend}`);
    await harness.opened.db.insert(auditEvent).values({
      action: "task.start",
      outcome: "unknown",
      actorId: supervisorId(),
      instanceId: I,
      clientToken: values.clientToken,
      occurredAt: new Date(Date.now() - 4 * 60_000),
    });
    const result = await startTask(values);
    expect(result.ok).toBe(true);
    expect((await rowsOf(values.clientToken)).map((row) => row.outcome)).toEqual([
      "success",
      "success",
    ]);
  });
});
