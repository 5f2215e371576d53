import "server-only";

/**
 * The one registry of background job queues: every queue here is created when a console process
 * (or `npm run worker`) starts its job engine, and its handler is run by the workers of every
 * process on the database (engine.ts). A handler must be idempotent: a run interrupted by a crash
 * or by the end of its run time (JOB_EXPIRE_SECONDS, signalled through `signal`) is run again,
 * with the same data, by whichever process takes it next.
 */
import { runBulkJobHandler } from "@/lib/server/bulk/run";
import { RELEASE_QUEUE, releaseHeldTasksHandler } from "@/lib/server/tasks/release";
import { TOPUP_QUEUE, topUpSeriesHandler } from "@/lib/server/tasks/series-topup";

export interface JobContext {
  /** Aborted when this run must end: its run time is up, or the process is stopping. */
  signal: AbortSignal;
  jobId: string;
}

export type JobHandler = (data: unknown, context: JobContext) => Promise<void>;

export const JOB_QUEUES: Record<string, JobHandler> = {
  "bulk.run": runBulkJobHandler,
  [RELEASE_QUEUE]: releaseHeldTasksHandler,
  [TOPUP_QUEUE]: topUpSeriesHandler,
};
