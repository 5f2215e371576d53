import "server-only";

/**
 * Every background job the console runs, by queue name: the one list the engine registers its
 * workers from. A handler may run again after a crash (an engine retry), so each is idempotent.
 */
import { runBulkJobHandler } from "@/lib/server/bulk/run";

export type JobHandler = (
  data: unknown,
  context: { signal: AbortSignal; jobId: string },
) => Promise<void>;

export const JOB_QUEUES: Record<string, JobHandler> = {
  "bulk.run": runBulkJobHandler,
};
