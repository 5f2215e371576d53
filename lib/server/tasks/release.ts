import "server-only";

/**
 * The "held.release" job: sends each held task into Connect once its time is inside the horizon
 * (held.ts, `releaseMomentOf`), through the start-task service at background priority on the
 * shared budget, with the ScheduledTime chosen and the ClientToken fixed at hold.
 *
 * Exactly once across processes: a run claims due rows with one UPDATE over a
 * `SELECT ... FOR UPDATE SKIP LOCKED`, so two runs never claim the same row; a row whose run died
 * (claimed longer ago than a run can live) is claimed again and sent with the same ClientToken,
 * which the service answers from the audit record or Connect with the task it already made
 * (docs/connect-api.md, "ClientToken and idempotency").
 *
 * Driven by a self-rescheduling singleton job rather than pg-boss's cron: cron has minute
 * resolution and needs its clock monitor, while a run that queues its successor (one key, the
 * "stately" policy: at most one waiting) wakes when the next task is due or after
 * RELEASE_POLL_SECONDS, whichever comes first, and lives in pg-boss's table across restarts;
 * every process queues it again when its workers start (a no-op when one is waiting).
 */
import { and, asc, eq, inArray, lt, lte, or, sql } from "drizzle-orm";

import { TASK_ACTIONS } from "@/lib/audit/trail";
import { connectTimings, scheduleHorizonSeconds, serverEnv } from "@/lib/env";
import { recordAuditEvent } from "@/lib/server/audit/store";
import { now } from "@/lib/server/clock";
import { type Database, getDb } from "@/lib/server/db";
import { heldTask } from "@/lib/server/db/schema";
import type { JobEngine } from "@/lib/server/jobs/engine";
import { log } from "@/lib/server/log";
import type { TaskValues } from "@/lib/task/schema";

import { type HeldTask, RELEASE_MARGIN_SECONDS, requesterOf } from "./held";
import { startInBackground } from "./start-in-background";

const releaseLog = log.child({ module: "held.release" });

export const RELEASE_QUEUE = "held.release";
const RELEASE_SINGLETON = "held.release";
/** The longest wait between two runs: a task held now is released at most this late. */
export const RELEASE_POLL_SECONDS = 15;
/** Rows one claim takes; each is sent before the next claim. */
const RELEASE_BATCH = 10;
/** Releases that ended without Connect's answer (throttled, outcome unknown) before it fails. */
export const MAX_RELEASE_ATTEMPTS = 3;

/** A claim older than this belongs to a run that died: its run time and Connect's deadline. */
function staleClaimMs(): number {
  const timings = connectTimings();
  return serverEnv().JOB_EXPIRE_SECONDS * 1000 + timings.requestTimeoutMs * timings.maxAttempts;
}

/** The furthest scheduled time the release may send now: just inside Connect's horizon. */
function releaseEdge(current: Date): Date {
  return new Date(current.getTime() + (scheduleHorizonSeconds() - RELEASE_MARGIN_SECONDS) * 1000);
}

/** Claims the next due rows for this run (held and due, or claimed by a run that died). */
async function claimDue(db: Database, current: Date): Promise<HeldTask[]> {
  const isDue = or(
    and(eq(heldTask.state, "held"), lte(heldTask.scheduledAt, releaseEdge(current))),
    and(
      eq(heldTask.state, "releasing"),
      lt(heldTask.claimedAt, new Date(current.getTime() - staleClaimMs())),
    ),
  );
  const due = db
    .select({ id: heldTask.id })
    .from(heldTask)
    .where(isDue)
    .orderBy(asc(heldTask.scheduledAt))
    .limit(RELEASE_BATCH)
    .for("update", { skipLocked: true });
  const rows = await db
    .update(heldTask)
    .set({ state: "releasing", claimedAt: current, updatedAt: sql`now()` })
    .where(and(inArray(heldTask.id, due), isDue))
    .returning();
  return rows.sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime());
}

/** What happened to one claimed row. */
export type ReleaseOutcome = "released" | "failed" | "retry";

/** One claimed row through the start-task service, audited as a start with the row as origin. */
async function releaseOne(db: Database, row: HeldTask): Promise<ReleaseOutcome> {
  const who = requesterOf(row);
  const detail = { heldTaskId: row.id };
  const mine = and(eq(heldTask.id, row.id), eq(heldTask.state, "releasing"));
  const record = (set: Partial<HeldTask>) =>
    db
      .update(heldTask)
      .set({ ...set, updatedAt: sql`now()` })
      .where(mine);
  const start = await startInBackground(db, who, row.values as TaskValues, detail);
  if (start.ok) {
    const { contactId } = start.started;
    await record({ state: "released", contactId, releasedAt: now() });
    await recordAuditEvent(db, {
      action: TASK_ACTIONS.release,
      outcome: "success",
      actor: who.actor,
      targetId: row.id,
      detail: { contactId, scheduledAt: row.scheduledAt.toISOString() },
    });
    return "released";
  }
  const attempts = row.attempts + 1;
  if (start.isRetryable && attempts < MAX_RELEASE_ATTEMPTS) {
    await record({ state: "held", attempts, claimedAt: null });
    return "retry";
  }
  await record({
    state: "release_failed",
    attempts,
    failureCode: start.error.code,
    failureMessage: start.reason,
  });
  await recordAuditEvent(db, {
    action: TASK_ACTIONS.release,
    outcome: "failure",
    actor: who.actor,
    targetId: row.id,
    errorName: start.connectError?.awsName ?? start.error.code,
    errorMessage: start.reason,
  });
  return "failed";
}

/**
 * Releases every held task due now (the console's clock), batch by batch, until none is due or
 * the signal aborts. Safe to run in several processes at once. Returns what it did, by console id.
 */
export async function releaseDueTasks(
  db: Database,
  options: { signal?: AbortSignal } = {},
): Promise<Map<string, ReleaseOutcome>> {
  const done = new Map<string, ReleaseOutcome>();
  for (;;) {
    if (options.signal?.aborted) return done;
    const rows = await claimDue(db, now());
    // A throttled row goes back to held and would be claimed again at once: the next run has it.
    const fresh = rows.filter((row) => !done.has(row.id));
    if (fresh.length === 0) {
      if (rows.length > 0) await unclaim(db, rows);
      return done;
    }
    for (const [index, row] of fresh.entries()) {
      if (options.signal?.aborted) {
        await unclaim(db, fresh.slice(index));
        return done;
      }
      done.set(row.id, await releaseOne(db, row));
    }
  }
}

/** Rows claimed and not sent (the run is ending): held again for the next run. */
async function unclaim(db: Database, rows: HeldTask[]): Promise<void> {
  await db
    .update(heldTask)
    .set({ state: "held", claimedAt: null })
    .where(
      and(
        inArray(
          heldTask.id,
          rows.map((row) => row.id),
        ),
        eq(heldTask.state, "releasing"),
      ),
    );
}

/** When the next run should look: the next task's release moment, or the poll, if sooner. */
async function nextRunAt(db: Database, current: Date): Promise<Date> {
  const poll = new Date(current.getTime() + RELEASE_POLL_SECONDS * 1000);
  const [next] = await db
    .select({ scheduledAt: heldTask.scheduledAt })
    .from(heldTask)
    .where(eq(heldTask.state, "held"))
    .orderBy(asc(heldTask.scheduledAt))
    .limit(1);
  if (!next) return poll;
  const moment = new Date(
    next.scheduledAt.getTime() - (scheduleHorizonSeconds() - RELEASE_MARGIN_SECONDS) * 1000,
  );
  return moment < poll ? moment : poll;
}

/** Queues the release job (a no-op while one waits): at start, and by each run for the next. */
export async function queueRelease(engine: JobEngine, startAfter?: Date): Promise<void> {
  await engine.send(RELEASE_QUEUE, {}, { singletonKey: RELEASE_SINGLETON, startAfter });
}

export async function releaseHeldTasksHandler(
  _data: unknown,
  context: { signal: AbortSignal; jobId: string },
): Promise<void> {
  const db = await getDb();
  try {
    const done = await releaseDueTasks(db, { signal: context.signal });
    if (done.size > 0)
      releaseLog.info(
        { engineJobId: context.jobId, outcomes: Object.fromEntries(done) },
        "held tasks released",
      );
  } catch (error) {
    // Not rethrown: the successor queued below is this run's retry (a pg-boss retry beside it
    // would be a second waiting job of the one key).
    releaseLog.error({ engineJobId: context.jobId, err: error }, "release run failed");
  }
  // Ended early (run time up, process stopping): the engine queues the same job again itself.
  if (context.signal.aborted) return;
  const { getJobEngine } = await import("@/lib/server/jobs/engine");
  await queueRelease(await getJobEngine(), await nextRunAt(db, now()));
}
