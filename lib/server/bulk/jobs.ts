import "server-only";

/**
 * Reading and steering bulk jobs: the job page's view (counts by outcome, rate, time left, rows),
 * the results file's rows, and pause / resume / cancel. A job is seen by its creator and by
 * whoever may read every task; it is steered by its creator and by whoever may manage any task.
 */
import { and, asc, count, eq, gte, inArray, sql } from "drizzle-orm";

import type { ResultRow } from "@/lib/bulk/files";
import { BULK_OUTCOMES, type BulkJobView, type BulkOutcome } from "@/lib/bulk/job-view";
import { AppError } from "@/lib/errors";
import { hasPermission } from "@/lib/permissions";
import type { Database } from "@/lib/server/db";
import { bulkJob, bulkRow } from "@/lib/server/db/schema";

import { sendBulkJob } from "./create";

export interface BulkViewer {
  id: string;
  role: string;
}

/** Rows listed on the page; the results file has them all. */
export const BULK_PAGE_ROWS = 500;
const RATE_WINDOW_SECONDS = 120;

type Job = typeof bulkJob.$inferSelect;

async function readJob(db: Database, jobId: string, viewer: BulkViewer): Promise<Job> {
  const [job] = await db.select().from(bulkJob).where(eq(bulkJob.id, jobId));
  const maySee =
    job && (job.creatorId === viewer.id || hasPermission(viewer.role, "task.read.all"));
  if (!maySee) throw new AppError("NOT_FOUND", { message: "No such bulk job." });
  return job;
}

const mayControl = (job: Job, viewer: BulkViewer) =>
  job.creatorId === viewer.id || hasPermission(viewer.role, "task.manage.any");

export async function bulkJobView(
  db: Database,
  jobId: string,
  viewer: BulkViewer,
): Promise<BulkJobView> {
  const job = await readJob(db, jobId, viewer);
  const grouped = await db
    .select({ state: bulkRow.state, total: count() })
    .from(bulkRow)
    .where(eq(bulkRow.jobId, jobId))
    .groupBy(bulkRow.state);
  const counts = Object.fromEntries(BULK_OUTCOMES.map((outcome) => [outcome, 0])) as Record<
    BulkOutcome,
    number
  >;
  for (const { state, total } of grouped) counts[state] = total;
  const since = sql`now() - make_interval(secs => ${RATE_WINDOW_SECONDS})`;
  const [recent] = await db
    .select({
      total: count(),
      first: sql<string | null>`min(${bulkRow.updatedAt})`,
      last: sql<string | null>`max(${bulkRow.updatedAt})`,
    })
    .from(bulkRow)
    .where(
      and(
        eq(bulkRow.jobId, jobId),
        inArray(bulkRow.state, ["created", "failed"]),
        gte(bulkRow.updatedAt, since),
      ),
    );
  let ratePerMinute: number | null = null;
  if (recent && recent.total > 1 && recent.first && recent.last) {
    const spanSeconds = (new Date(recent.last).getTime() - new Date(recent.first).getTime()) / 1000;
    if (spanSeconds > 0) ratePerMinute = ((recent.total - 1) / spanSeconds) * 60;
  }
  const left = counts.pending + counts.sending;
  const isMoving = job.state === "running" && left > 0;
  const secondsLeft = isMoving && ratePerMinute ? Math.round((left / ratePerMinute) * 60) : null;
  const rows = await db
    .select()
    .from(bulkRow)
    .where(eq(bulkRow.jobId, jobId))
    .orderBy(asc(bulkRow.rowNumber))
    .limit(BULK_PAGE_ROWS);
  const nameIndex = job.header.findIndex((cell) => cell.trim().toLowerCase() === "name");
  return {
    id: job.id,
    fileName: job.fileName,
    instanceId: job.instanceId,
    state: job.state,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    creatorEmail: job.creatorEmail,
    totalRows: job.totalRows,
    readyRows: job.readyRows,
    counts,
    ratePerMinute: ratePerMinute === null ? null : Math.round(ratePerMinute * 10) / 10,
    secondsLeft,
    rows: rows.map((row) => ({
      row: row.rowNumber,
      name: (nameIndex >= 0 ? row.cells[nameIndex] : "") ?? "",
      state: row.state,
      contactId: row.contactId,
      error: row.error,
    })),
    canControl: mayControl(job, viewer),
  };
}

/** Every row of the job, for the results file, with the file's header. */
export async function bulkResults(
  db: Database,
  jobId: string,
  viewer: BulkViewer,
): Promise<{ fileName: string; header: string[]; rows: ResultRow[] }> {
  const job = await readJob(db, jobId, viewer);
  const rows = await db
    .select()
    .from(bulkRow)
    .where(eq(bulkRow.jobId, jobId))
    .orderBy(asc(bulkRow.rowNumber));
  return {
    fileName: job.fileName,
    header: job.header,
    rows: rows.map((row) => ({
      row: row.rowNumber,
      cells: row.cells,
      state: row.state,
      contactId: row.contactId,
      error: row.error,
    })),
  };
}

export const BULK_CONTROLS = ["pause", "resume", "cancel"] as const;
export type BulkControl = (typeof BULK_CONTROLS)[number];

/**
 * Pause and cancel take effect between rows (the run reads the state before each one); resume
 * sends the job to the engine again. Cancelling marks the rows not yet sent as cancelled.
 */
export async function controlBulkJob(
  db: Database,
  jobId: string,
  viewer: BulkViewer,
  control: BulkControl,
): Promise<{ state: Job["state"] }> {
  const job = await readJob(db, jobId, viewer);
  if (!mayControl(job, viewer)) {
    throw new AppError("FORBIDDEN", {
      message: "Only the job's creator or a supervisor can change it.",
    });
  }
  const from: Job["state"][] =
    control === "resume" ? ["paused"] : control === "pause" ? ["running"] : ["running", "paused"];
  const to: Job["state"] =
    control === "resume" ? "running" : control === "pause" ? "paused" : "cancelled";
  const [updated] = await db
    .update(bulkJob)
    .set({
      state: to,
      updatedAt: sql`now()`,
      ...(to === "cancelled" ? { finishedAt: sql`now()` } : {}),
    })
    .where(and(eq(bulkJob.id, jobId), inArray(bulkJob.state, from)))
    .returning({ state: bulkJob.state });
  if (!updated) {
    throw new AppError("CONFLICT", {
      message: `This job is ${job.state}; it cannot be ${to === "running" ? "resumed" : to}.`,
    });
  }
  if (to === "cancelled") {
    await db
      .update(bulkRow)
      .set({ state: "cancelled", updatedAt: sql`now()` })
      .where(and(eq(bulkRow.jobId, jobId), eq(bulkRow.state, "pending")));
  }
  if (to === "running") await sendBulkJob(jobId);
  return updated;
}

/**
 * At a console's start: every running job is handed to the engine again (once per job: the
 * singleton key), so a job whose engine entry was lost or failed still finishes after a restart.
 */
export async function resumeRunningBulkJobs(db: Database): Promise<number> {
  const running = await db
    .select({ id: bulkJob.id })
    .from(bulkJob)
    .where(eq(bulkJob.state, "running"));
  for (const job of running) await sendBulkJob(job.id);
  return running.length;
}
