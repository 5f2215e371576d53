import "server-only";

/**
 * The "bulk.run" job: sends a bulk job's pending rows through the start-task service, a few at a
 * time, each with its own ClientToken and at background priority, and records each row's outcome.
 *
 * Idempotent, because the engine may run it again after a crash: one run at a time holds the job
 * (`runner`, kept alive by `heartbeat_at`); a run that takes over a job whose runner went silent
 * sends that runner's claimed rows again with the same ClientTokens, which the service answers
 * from the audit record or Connect answers with the task it already made (docs/connect-api.md,
 * "ClientToken and idempotency"). Pause and cancel are read between rows.
 */
import { randomUUID } from "node:crypto";

import { and, asc, eq, inArray, lt, or, isNull, sql } from "drizzle-orm";
import { z } from "zod";

import { BULK_BATCH_SIZE } from "@/lib/bulk/limits";
import { serverEnv } from "@/lib/env";
import { isRole } from "@/lib/permissions";
import type { Database } from "@/lib/server/db";
import { getDb } from "@/lib/server/db";
import { bulkJob, bulkRow } from "@/lib/server/db/schema";
import { log } from "@/lib/server/log";
import { startInBackground } from "@/lib/server/tasks/start-in-background";
import { type StartRequester, serverTaskSchema } from "@/lib/server/tasks/start-task";

const runLog = log.child({ module: "bulk.run" });

/** Sends ended without an answer (throttled, outcome unknown) before a row is failed. */
export const MAX_ROW_ATTEMPTS = 3;

type Row = typeof bulkRow.$inferSelect;
type Job = typeof bulkJob.$inferSelect;

export interface RunOptions {
  signal?: AbortSignal;
  /** Called after each row is recorded (tests stop a run midway with it). */
  afterRow?: (row: number) => void;
}

/** Takes the job for this run, unless another live run holds it or it is not running. */
async function acquire(db: Database, jobId: string, runner: string): Promise<Job | null> {
  // A runner silent this long is taken to be dead (heartbeats come after every row).
  const stale = sql`now() - make_interval(secs => ${serverEnv().BULK_RUNNER_STALE_SECONDS})`;
  const [job] = await db
    .update(bulkJob)
    .set({ runner, heartbeatAt: sql`now()` })
    .where(
      and(
        eq(bulkJob.id, jobId),
        eq(bulkJob.state, "running"),
        or(isNull(bulkJob.runner), lt(bulkJob.heartbeatAt, stale)),
      ),
    )
    .returning();
  return job ?? null;
}

const holds = (jobId: string, runner: string) =>
  and(eq(bulkJob.id, jobId), eq(bulkJob.runner, runner));

/** The next few pending rows, in file order, marked as being sent by this run. */
async function claim(db: Database, jobId: string): Promise<Row[]> {
  const next = db
    .select({ rowNumber: bulkRow.rowNumber })
    .from(bulkRow)
    .where(and(eq(bulkRow.jobId, jobId), eq(bulkRow.state, "pending")))
    .orderBy(asc(bulkRow.rowNumber))
    .limit(BULK_BATCH_SIZE);
  const rows = await db
    .update(bulkRow)
    .set({ state: "sending", updatedAt: sql`now()` })
    .where(and(eq(bulkRow.jobId, jobId), inArray(bulkRow.rowNumber, next)))
    .returning();
  return rows.sort((a, b) => a.rowNumber - b.rowNumber);
}

function requesterOf(job: Job): StartRequester {
  if (!isRole(job.creatorRole)) throw new Error(`bulk job ${job.id} has no valid role`);
  return {
    role: job.creatorRole,
    actor: { id: job.creatorId, email: job.creatorEmail, role: job.creatorRole },
  };
}

/** Why a send ended without Connect's answer, so the row is sent again with its token. */
/** One row through the start-task service, audited as any start, with the job as its origin. */
async function sendRow(db: Database, job: Job, row: Row): Promise<void> {
  const who = requesterOf(job);
  const detail = { bulkJobId: job.id, row: row.rowNumber };
  const record = (set: Partial<Row>) =>
    db
      .update(bulkRow)
      .set({ ...set, updatedAt: sql`now()` })
      .where(and(eq(bulkRow.jobId, job.id), eq(bulkRow.rowNumber, row.rowNumber)));
  const parsed = serverTaskSchema().safeParse(row.values);
  if (!parsed.success) {
    const message = parsed.error.issues.map((issue) => issue.message).join(" ");
    await record({ state: "failed", error: message });
    return;
  }
  const start = await startInBackground(db, who, parsed.data, detail);
  const { auditId } = start;
  if (start.ok) {
    await record({ state: "created", contactId: start.started.contactId, error: null, auditId });
    return;
  }
  const attempts = row.attempts + 1;
  if (start.isRetryable && attempts < MAX_ROW_ATTEMPTS)
    await record({ state: "pending", attempts, auditId });
  else await record({ state: "failed", attempts, error: start.reason, auditId });
}

/**
 * Runs the job until its rows are done, it is paused or cancelled, the signal aborts, or another
 * live run holds it. Returns whether this run finished the job.
 */
export async function runBulkJob(
  db: Database,
  jobId: string,
  options: RunOptions = {},
): Promise<boolean> {
  const runner = randomUUID();
  const job = await acquire(db, jobId, runner);
  if (!job) return false;
  try {
    // Rows an earlier run claimed and never recorded: sent again with the same tokens.
    await db
      .update(bulkRow)
      .set({ state: "pending" })
      .where(and(eq(bulkRow.jobId, jobId), eq(bulkRow.state, "sending")));
    for (;;) {
      if (options.signal?.aborted) return false;
      const rows = await claim(db, jobId);
      if (rows.length === 0) {
        await db
          .update(bulkJob)
          .set({ state: "finished", finishedAt: sql`now()`, updatedAt: sql`now()` })
          .where(and(holds(jobId, runner), eq(bulkJob.state, "running")));
        return true;
      }
      for (const [index, row] of rows.entries()) {
        const [current] = await db
          .update(bulkJob)
          .set({ heartbeatAt: sql`now()` })
          .where(holds(jobId, runner))
          .returning({ state: bulkJob.state });
        if (!current || current.state !== "running" || options.signal?.aborted) {
          const left = rows.slice(index).map((item) => item.rowNumber);
          await db
            .update(bulkRow)
            .set({ state: current?.state === "cancelled" ? "cancelled" : "pending" })
            .where(
              and(
                eq(bulkRow.jobId, jobId),
                inArray(bulkRow.rowNumber, left),
                eq(bulkRow.state, "sending"),
              ),
            );
          return false;
        }
        await sendRow(db, job, row);
        options.afterRow?.(row.rowNumber);
      }
    }
  } finally {
    await db.update(bulkJob).set({ runner: null }).where(holds(jobId, runner));
  }
}

const jobData = z.object({ jobId: z.uuid() });

export async function runBulkJobHandler(
  data: unknown,
  context: { signal: AbortSignal; jobId: string },
): Promise<void> {
  const { jobId } = jobData.parse(data);
  const db = await getDb();
  const isFinished = await runBulkJob(db, jobId, { signal: context.signal });
  runLog.info({ bulkJobId: jobId, engineJobId: context.jobId, isFinished }, "bulk run ended");
}
