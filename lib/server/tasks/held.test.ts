/**
 * Held tasks below the browser, on both databases: the real start action (wrapper, auth, audit)
 * holds a task beyond Connect's horizon with no Connect call, the release (release.ts) sends it
 * at the right moment with the console's clock moved (never a sleep) and the local endpoint's
 * clock moved with it, exactly once with two releasers racing (two connection pools on
 * PostgreSQL, as two console processes), and a refused release fails, is retried, edited and
 * cancelled.
 */
import { DescribeContactCommand } from "@aws-sdk/client-connect";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { DEMO_IDS } from "@/connect-local/index";
import { openDatabase } from "@/lib/server/db/open";
import { auditEvent, heldTask } from "@/lib/server/db/schema";
import type { TaskListFilters } from "@/lib/task/list";
import { emptyTask } from "@/lib/task/schema";
import { type ActionHarness, startActionHarness } from "@/test-support/action-harness";
import { connectCalls, utcLocal } from "@/test-support/console-tasks";
import { DATABASE_BACKENDS, type TestDatabase } from "@/test-support/test-database";

const mocks = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(mocks.headers) }));

const I = DEMO_IDS.instanceId;
const DAY = 86_400_000;
const HORIZON_MS = 6 * DAY;
const MARGIN_MS = 30_000;

async function importConsole() {
  return {
    ...(await import("@/app/(console)/tasks/new/actions/start-task")),
    ...(await import("@/app/(console)/tasks/actions/held-task")),
    ...(await import("./held")),
    ...(await import("./release")),
    ...(await import("./registry")),
    ...(await import("./agenda")),
    ...(await import("./task-rows")),
    ...(await import("./held-list")),
    startTaskService: (await import("./start-task")).startTask,
    ...(await import("@/lib/server/audit/store")),
    ...(await import("@/lib/server/clock")),
  };
}

describe.each(DATABASE_BACKENDS)("held tasks on %s", (backend) => {
  let harness: ActionHarness;
  let app: Awaited<ReturnType<typeof importConsole>>;
  const db = () => harness.opened.db;
  /** The console's and the endpoint's "now", moved together. */
  let current = 0;

  async function setNow(at: number) {
    current = at;
    app.setClock(() => new Date(current));
    await harness.setConnectClock(at);
  }

  beforeAll(async () => {
    vi.resetModules();
    harness = await startActionHarness(mocks, {
      backend,
      users: { lead: "lead", other: "lead", supervisor: "supervisor" },
      env: {
        CONNECT_INSTANCE_ID: I,
        BETTER_AUTH_SECRET: "held-task-test-secret-0123456789abcdefghij",
      },
    });
    app = await importConsole();
  }, 120_000);

  afterEach(async () => {
    app.resetClock();
    await harness.setConnectClock(null);
    await harness.setFaults([]);
  });

  afterAll(async () => {
    await harness?.stop();
  });

  /** A whole minute, `days` after the console's now. */
  const daysAhead = (days: number) => new Date(Math.ceil(current / 60_000) * 60_000 + days * DAY);

  function values(name: string, at: Date, overrides: Record<string, unknown> = {}) {
    return {
      ...emptyTask({ instanceId: I, timeZone: "UTC", clientToken: crypto.randomUUID() }),
      name,
      contactFlowId: DEMO_IDS.flows.generalTasks,
      scheduleMode: "later" as const,
      scheduledLocal: utcLocal(at),
      ...overrides,
    };
  }

  async function hold(name: string, at: Date, overrides: Record<string, unknown> = {}) {
    harness.as("lead");
    const result = await app.startTask(values(name, at, overrides));
    if (!result.ok) throw new Error(result.formError);
    if (result.data.kind !== "held") throw new Error(`${name} was not held`);
    return result.data;
  }

  const rowOf = async (id: string) =>
    (await db().select().from(heldTask).where(eq(heldTask.id, id)))[0]!;
  const auditOf = (action: string, id: string) =>
    db()
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, action), eq(auditEvent.targetId, id)));
  const listFilters = (overrides: Partial<TaskListFilters> = {}): TaskListFilters => ({
    scope: "mine",
    status: undefined,
    from: undefined,
    to: undefined,
    q: undefined,
    page: 1,
    ...overrides,
  });
  const starts = () => connectCalls(harness, "StartTaskContact");
  /** StartTaskContact requests the endpoint answered with this ClientToken. */
  async function startsWith(clientToken: string): Promise<number> {
    const response = await fetch(
      `${harness.connect.url}/__admin/requests?operation=StartTaskContact`,
    );
    const { requests } = (await response.json()) as { requests: { clientToken?: string }[] };
    return requests.filter((request) => request.clientToken === clientToken).length;
  }

  it("holds a task beyond the horizon with no Connect call, audited, and says when it is sent", async () => {
    await setNow(Date.now());
    const before = await starts();
    const at = daysAhead(20);
    const held = await hold(`Renewal ${backend}`, at);
    expect(await starts()).toBe(before);
    expect(held.scheduledAt).toBe(at.toISOString());
    expect(held.releaseAt).toBe(new Date(at.getTime() - HORIZON_MS + MARGIN_MS).toISOString());
    const row = await rowOf(held.heldTaskId);
    expect(row).toMatchObject({ state: "held", contactId: null, timeZone: "UTC" });
    expect(row.scheduledAt.toISOString()).toBe(at.toISOString());
    expect((await auditOf("task.hold", held.heldTaskId)).map((r) => r.outcome)).toEqual([
      "success",
    ]);
    // Within the horizon nothing changes: Connect takes it at once.
    harness.as("lead");
    const direct = await app.startTask(values(`Soon ${backend}`, daysAhead(2)));
    expect(direct.ok && direct.data.kind).toBe("created");
    expect(await starts()).toBe(before + 1);
    // Beyond the maximum (365 days), refused at the field.
    harness.as("lead");
    const far = await app.startTask(values(`Far ${backend}`, daysAhead(366)));
    expect(far).toMatchObject({
      ok: false,
      fieldErrors: { scheduledLocal: ["Tasks can be scheduled at most 365 days ahead."] },
    });
  });

  it("releases a held task once its time is inside the horizon, at exactly the chosen time", async () => {
    await setNow(Date.now());
    const at = daysAhead(20);
    const held = await hold(`Release ${backend}`, at);
    const releaseAt = Date.parse(held.releaseAt);
    await setNow(releaseAt - 1_000);
    expect((await app.releaseDueTasks(db())).has(held.heldTaskId)).toBe(false);
    expect((await rowOf(held.heldTaskId)).state).toBe("held");
    await setNow(releaseAt);
    expect(await startsWith(held.clientToken)).toBe(0);
    expect((await app.releaseDueTasks(db())).get(held.heldTaskId)).toBe("released");
    expect(await startsWith(held.clientToken)).toBe(1);
    const row = await rowOf(held.heldTaskId);
    expect(row.state).toBe("released");
    const { Contact } = await harness.sdk.send(
      new DescribeContactCommand({ InstanceId: I, ContactId: row.contactId! }),
    );
    expect(Contact?.Name).toBe(`Release ${backend}`);
    expect(Contact?.ScheduledTimestamp?.toISOString()).toBe(at.toISOString());
    // The task's start is a console start (the tasks list reads it), with the held task as origin.
    const [start] = await db()
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, "task.start"), eq(auditEvent.contactId, row.contactId!)));
    expect(start).toMatchObject({ outcome: "success", clientToken: row.clientToken });
    expect(start?.detail).toEqual({ heldTaskId: held.heldTaskId });
    expect((await auditOf("task.release", held.heldTaskId)).map((r) => r.outcome)).toEqual([
      "success",
    ]);
    // A second run does not send it again.
    expect((await app.releaseDueTasks(db())).has(held.heldTaskId)).toBe(false);
    expect(await startsWith(held.clientToken)).toBe(1);
  });

  it("releases each task exactly once with two releasers racing", async () => {
    await setNow(Date.now());
    const at = daysAhead(30);
    const held = [];
    for (let index = 0; index < 6; index += 1)
      held.push(await hold(`Race ${backend} ${index}`, at));
    await setNow(Date.parse(held[0]!.releaseAt));
    // On PostgreSQL a second pool, as a second console process; PGlite has one connection.
    const url = (harness.opened as TestDatabase).url;
    const other = url ? await openDatabase({ url }) : harness.opened;
    try {
      const [a, b] = await Promise.all([app.releaseDueTasks(db()), app.releaseDueTasks(other.db)]);
      const mine = new Set(held.map((h) => h.heldTaskId));
      const ids = [...a.keys(), ...b.keys()].filter((id) => mine.has(id));
      expect(ids.sort()).toEqual([...mine].sort());
      for (const h of held) expect(await startsWith(h.clientToken)).toBe(1);
      const rows = await Promise.all(held.map((h) => rowOf(h.heldTaskId)));
      expect(rows.map((row) => row.state)).toEqual(Array(6).fill("released"));
      expect(new Set(rows.map((row) => row.contactId)).size).toBe(6);
    } finally {
      if (other !== harness.opened) await other.close();
    }
  });

  it("sends a claim whose run died again with its ClientToken: still one task", async () => {
    await setNow(Date.now());
    const at = daysAhead(25);
    const held = await hold(`Crash ${backend}`, at);
    await setNow(Date.parse(held.releaseAt));
    const row = await rowOf(held.heldTaskId);
    // The dead run reached Connect (same values, same token) and never recorded the answer.
    const who = app.requesterOf(row);
    const earlier = await app.startTaskService(db(), who, row.values as never, {
      beginAttempt: (attempt) =>
        app.beginAuditAttempt(db(), { action: "task.start", actor: who.actor, ...attempt }),
    });
    await db()
      .update(heldTask)
      .set({ state: "releasing", claimedAt: new Date(current - 3_600_000) })
      .where(eq(heldTask.id, held.heldTaskId));
    expect((await app.releaseDueTasks(db())).get(held.heldTaskId)).toBe("released");
    // Sent again with the same token, Connect answered with the task it had made.
    expect(await startsWith(held.clientToken)).toBe(2);
    expect((await rowOf(held.heldTaskId)).contactId).toBe(earlier.contactId);
  });

  it("leaves a refused release failed with Connect's reason; Retry sends it again", async () => {
    await setNow(Date.now());
    const at = daysAhead(12);
    const held = await hold(`Refused ${backend}`, at);
    await setNow(Date.parse(held.releaseAt) + 5_000);
    await harness.setFaults([{ kind: "not_found", operations: ["StartTaskContact"], count: 1 }]);
    expect((await app.releaseDueTasks(db())).get(held.heldTaskId)).toBe("failed");
    const failed = await rowOf(held.heldTaskId);
    expect(failed.state).toBe("release_failed");
    expect(failed.failureCode).toBe("CONNECT_NOT_FOUND");
    expect(failed.failureMessage).toMatch(/\S/);
    const [failure] = await auditOf("task.release", held.heldTaskId);
    expect(failure).toMatchObject({ outcome: "failure", errorMessage: failed.failureMessage });
    // A failed task is not sent again by itself.
    expect((await app.releaseDueTasks(db())).size).toBe(0);
    harness.as("lead");
    expect(await app.retryHeldTaskRelease({ id: held.heldTaskId })).toMatchObject({
      ok: true,
      data: { state: "held" },
    });
    expect((await auditOf("task.release_retry", held.heldTaskId))[0]?.outcome).toBe("success");
    expect((await app.releaseDueTasks(db())).get(held.heldTaskId)).toBe("released");
    const released = await rowOf(held.heldTaskId);
    expect(released.clientToken).toBe(failed.clientToken);
    expect(released.contactId).toMatch(/\S/);
  });

  it("edits every field and cancels a held task with no Connect call; only its creator (or a supervisor)", async () => {
    await setNow(Date.now());
    const held = await hold(`Edit ${backend}`, daysAhead(21));
    const before = await starts();
    const row = await rowOf(held.heldTaskId);
    const moved = daysAhead(28);
    const edited = {
      ...(row.values as ReturnType<typeof values>),
      name: `Edited ${backend}`,
      description: "Three weeks out",
      scheduledLocal: utcLocal(moved),
      attributes: [{ key: "team", value: "renewals" }],
      clientToken: "another-token-is-ignored",
    };
    // Another lead does not see it at all (leads see the tasks they created).
    harness.as("other");
    expect(await app.editHeldTaskValues({ id: held.heldTaskId, values: edited })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    harness.as("lead");
    expect(await app.editHeldTaskValues({ id: held.heldTaskId, values: edited })).toMatchObject({
      ok: true,
      data: { state: "held", scheduledAt: moved.toISOString() },
    });
    const after = await rowOf(held.heldTaskId);
    expect(after.values).toMatchObject({
      name: `Edited ${backend}`,
      description: "Three weeks out",
    });
    expect(after.clientToken).toBe(row.clientToken);
    expect(after.scheduledAt.toISOString()).toBe(moved.toISOString());
    // Edited into the window: the next release sends it.
    harness.as("supervisor");
    const inside = { ...edited, scheduledLocal: utcLocal(daysAhead(3)) };
    expect(await app.editHeldTaskValues({ id: held.heldTaskId, values: inside })).toMatchObject({
      ok: true,
    });
    const second = await hold(`Cancel ${backend}`, daysAhead(40));
    harness.as("lead");
    expect(await app.cancelHeldTaskById({ id: second.heldTaskId })).toMatchObject({
      ok: true,
      data: { state: "cancelled" },
    });
    expect(await starts()).toBe(before);
    expect(await startsWith(row.clientToken)).toBe(0);
    const done = await app.releaseDueTasks(db());
    expect(done.get(held.heldTaskId)).toBe("released");
    expect(done.has(second.heldTaskId)).toBe(false);
    expect((await rowOf(second.heldTaskId)).state).toBe("cancelled");
    harness.as("lead");
    expect(await app.cancelHeldTaskById({ id: held.heldTaskId })).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
    expect((await auditOf("task.hold_edit", held.heldTaskId)).length).toBe(3);
    expect((await auditOf("task.hold_cancel", second.heldTaskId))[0]?.outcome).toBe("success");
  });

  it("lists held and failed tasks in the tasks list, the agenda and the failures; moves them without Connect", async () => {
    await setNow(Date.now());
    const held = await hold(`Listed ${backend}`, daysAhead(50));
    const failing = await hold(`Listed failing ${backend}`, daysAhead(9));
    await db()
      .update(heldTask)
      .set({
        state: "release_failed",
        failureCode: "CONNECT_NOT_FOUND",
        failureMessage: "Flow gone",
      })
      .where(eq(heldTask.id, failing.heldTaskId));
    const lead = harness.users.lead!;
    const scope = { userId: lead.id, canReadAll: false };
    const page = await app.listConsoleTasks(db(), listFilters(), scope);
    const item = page.tasks.find((task) => task.id === held.heldTaskId);
    expect(item).toMatchObject({
      kind: "held",
      state: "held",
      contactId: null,
      name: `Listed ${backend}`,
    });
    const onlyFailed = await app.listConsoleTasks(
      db(),
      listFilters({ status: "release_failed" }),
      scope,
    );
    expect(onlyFailed.tasks.map((task) => task.id)).toContain(failing.heldTaskId);
    expect(onlyFailed.tasks.every((task) => task.state === "release_failed")).toBe(true);
    // Another lead sees neither.
    const other = { userId: harness.users.other!.id, canReadAll: false };
    const theirs = await app.listConsoleTasks(db(), listFilters(), other);
    expect(theirs.tasks.some((task) => task.id === held.heldTaskId)).toBe(false);
    const agenda = await app.listScheduledTasks(db(), scope, {
      mineOnly: true,
      from: new Date(current),
      to: new Date(current + 365 * DAY),
    });
    const ids = agenda.tasks.map((task) => task.id);
    expect(ids).toContain(held.heldTaskId);
    expect(ids.indexOf(failing.heldTaskId)).toBeLessThan(ids.indexOf(held.heldTaskId));
    const failures = await app.listReleaseFailures(db(), scope);
    expect(failures.map((task) => [task.id, task.failureMessage])).toContainEqual([
      failing.heldTaskId,
      "Flow gone",
    ]);
    // The agenda's bulk move of a held task: the console alone.
    const before = await starts();
    harness.as("lead");
    const moved = await app.moveHeldTaskBy({
      id: held.heldTaskId,
      offsetMinutes: 60,
      fromScheduledAt: item!.scheduledAt!,
    });
    expect(moved).toMatchObject({ ok: true, data: { state: "held" } });
    const after = new Date(Date.parse(item!.scheduledAt!) + 3_600_000).toISOString();
    expect((await rowOf(held.heldTaskId)).scheduledAt.toISOString()).toBe(after);
    // Asked again with the time seen before: not moved twice.
    harness.as("lead");
    expect(
      await app.moveHeldTaskBy({
        id: held.heldTaskId,
        offsetMinutes: 60,
        fromScheduledAt: item!.scheduledAt!,
      }),
    ).toMatchObject({ ok: false, code: "CONFLICT" });
    harness.as("lead");
    expect(await app.cancelHeldTaskFromAgenda({ id: held.heldTaskId })).toMatchObject({ ok: true });
    expect(await starts()).toBe(before);
  });
});
