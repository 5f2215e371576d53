import "server-only";

/**
 * Creating a bulk job from a file: the server checks every row again with the same code the
 * browser ran (lib/bulk/check.ts) against its own reading of the instance, stores the ready rows
 * to send and the others as rejected (for the results file; they are never sent), and hands the
 * job to the engine. The same file again (same digest, instance and user) is answered with the
 * earlier job instead of a new one.
 */
import { and, eq } from "drizzle-orm";

import { checkFile, parseFile, templateValuesOf } from "@/lib/bulk/check";
import { bulkLimits, isConfiguredInstance, scheduleHorizonSeconds } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { hasPermission } from "@/lib/permissions";
import type { Database } from "@/lib/server/db";
import { bulkJob, bulkRow } from "@/lib/server/db/schema";
import { getJobEngine } from "@/lib/server/jobs/engine";
import type { StartRequester } from "@/lib/server/tasks/start-task";

import { serverBulkLookups } from "./lookups";

export const BULK_RUN_QUEUE = "bulk.run";

export interface BulkFileInput {
  instanceId: string;
  timeZone: string;
  fileName: string;
  text: string;
}

export interface CreatedBulkJob {
  jobId: string;
  /** The job made earlier from this same file; nothing new was stored or sent. */
  isEarlierJob: boolean;
  readyRows: number;
  totalRows: number;
}

/** Rows per INSERT: far below PostgreSQL's 65,535 parameters at 9 columns a row. */
const INSERT_CHUNK = 500;

async function findJob(db: Database, creatorId: string, instanceId: string, digest: string) {
  const [job] = await db
    .select({ jobId: bulkJob.id, readyRows: bulkJob.readyRows, totalRows: bulkJob.totalRows })
    .from(bulkJob)
    .where(
      and(
        eq(bulkJob.creatorId, creatorId),
        eq(bulkJob.instanceId, instanceId),
        eq(bulkJob.fileDigest, digest),
      ),
    );
  return job;
}

/** Sends the job to the engine: once per job at a time (its id is the singleton key). */
export async function sendBulkJob(jobId: string): Promise<void> {
  await (
    await engineSender()
  )(jobId);
}

export interface CreateOptions {
  now?: () => Date;
  /** Hands the stored job to a runner; default the job engine, asked for before anything is stored. */
  send?: (jobId: string) => Promise<void>;
}

async function engineSender(): Promise<(jobId: string) => Promise<void>> {
  const engine = await getJobEngine();
  return async (jobId) => {
    await engine.send(BULK_RUN_QUEUE, { jobId }, { singletonKey: jobId });
  };
}

export async function createBulkJob(
  db: Database,
  who: StartRequester,
  input: BulkFileInput,
  options: CreateOptions = {},
): Promise<CreatedBulkJob> {
  const now = options.now ?? (() => new Date());
  if (!isConfiguredInstance(input.instanceId)) {
    throw new AppError("INVALID_INPUT", {
      message: "Choose one of the configured instances.",
      fieldErrors: { instanceId: ["This instance is not configured in the console."] },
    });
  }
  const creatorId = who.actor.id;
  if (!creatorId) throw new AppError("UNAUTHENTICATED");
  const parsed = parseFile(input.text);
  const lookups = await serverBulkLookups(input.instanceId, templateValuesOf(parsed));
  const check = await checkFile(
    input.text,
    {
      instanceId: input.instanceId,
      timeZone: input.timeZone,
      lookups,
      canSchedule: hasPermission(who.role, "task.schedule"),
      limits: bulkLimits(),
      now,
      scheduleHorizonSeconds: scheduleHorizonSeconds(),
    },
    parsed,
  );
  if (!check.ok) {
    throw new AppError("INVALID_INPUT", {
      message: check.message,
      fieldErrors: { text: [check.message] },
    });
  }
  const earlier = await findJob(db, creatorId, input.instanceId, check.digest);
  if (earlier) return { ...earlier, isEarlierJob: true };
  // Before anything is stored: a job no engine can run would wait for ever.
  const send = options.send ?? (await engineSender());
  if (check.ready === 0) {
    throw new AppError("INVALID_INPUT", {
      message: "No row is ready: fix the problems shown and check the file again.",
    });
  }

  const jobId = await db.transaction(async (tx) => {
    const [job] = await tx
      .insert(bulkJob)
      .values({
        instanceId: input.instanceId,
        fileName: input.fileName,
        fileDigest: check.digest,
        timeZone: input.timeZone,
        header: check.header,
        creatorId,
        creatorEmail: who.actor.email,
        creatorRole: who.role,
        totalRows: check.rows.length,
        readyRows: check.ready,
      })
      .onConflictDoNothing()
      .returning({ id: bulkJob.id });
    if (!job) return null;
    const rows = check.rows.map((row) => ({
      jobId: job.id,
      rowNumber: row.row,
      cells: row.cells,
      values: row.values,
      clientToken: row.values?.clientToken ?? null,
      state: row.values ? ("pending" as const) : ("rejected" as const),
      error: row.values ? null : row.problems.map(describeProblem).join(" "),
    }));
    for (let start = 0; start < rows.length; start += INSERT_CHUNK)
      await tx.insert(bulkRow).values(rows.slice(start, start + INSERT_CHUNK));
    return job.id;
  });
  // Two uploads of one file at once: the other one stored it first.
  if (!jobId) {
    const raced = await findJob(db, creatorId, input.instanceId, check.digest);
    if (!raced) throw new Error("bulk job vanished after a conflicting insert");
    return { ...raced, isEarlierJob: true };
  }
  await send(jobId);
  return { jobId, isEarlierJob: false, readyRows: check.ready, totalRows: check.rows.length };
}

function describeProblem(problem: { column: string | null; message: string }): string {
  return problem.column ? `${problem.column}: ${problem.message}` : problem.message;
}
