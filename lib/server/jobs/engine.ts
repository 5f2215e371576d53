import "server-only";

/**
 * The job engine: pg-boss 10 on the console's PostgreSQL server (its own `pgboss` schema), with a
 * worker per queue of JOB_QUEUES in this process, so any console process sharing the server runs
 * the work, and a job interrupted by a crash is run again after its expiry. Started on first use
 * (and at startup, lib/server/startup.ts). pg-boss needs a connection pool, which PGlite cannot
 * serve: on PGlite `getJobEngine` refuses with a message that says so.
 */
import PgBoss from "pg-boss";

import { serverEnv } from "@/lib/env";
import { log } from "@/lib/server/log";

import { JOB_QUEUES } from "./queues";

export interface JobEngine {
  send(
    queue: string,
    data: object,
    options?: { singletonKey?: string; startAfter?: Date },
  ): Promise<string | null>;
}

export const JOBS_NEED_POSTGRES_MESSAGE =
  "Background jobs need a PostgreSQL server (DATABASE_URL); the embedded PGlite database cannot run them.";

const engineLog = log.child({ module: "jobs" });

interface RunningEngine extends JobEngine {
  stop(): Promise<void>;
}

/** On globalThis: the dev server's module reloads and the several bundles share one engine. */
const holder = globalThis as unknown as { __jobEngine?: Promise<RunningEngine> };

async function startEngine(connectionString: string): Promise<RunningEngine> {
  const boss = new PgBoss({ connectionString, schema: "pgboss" });
  boss.on("error", (error) => engineLog.error({ err: error }, "job engine error"));
  await boss.start();
  const stopping = new AbortController();
  for (const [queue, handler] of Object.entries(JOB_QUEUES)) {
    await boss.createQueue(queue);
    await boss.work<object>(queue, { batchSize: 1, pollingIntervalSeconds: 1 }, async (jobs) => {
      for (const job of jobs) await handler(job.data, { signal: stopping.signal, jobId: job.id });
    });
  }
  return {
    send: (queue, data, options = {}) =>
      boss.send(queue, data, {
        ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
        ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      }),
    stop: async () => {
      stopping.abort();
      await boss.stop({ graceful: true, wait: true });
    },
  };
}

export async function getJobEngine(): Promise<JobEngine> {
  const url = serverEnv().DATABASE_URL;
  if (!url) throw new Error(JOBS_NEED_POSTGRES_MESSAGE);
  holder.__jobEngine ??= startEngine(url).catch((error: unknown) => {
    holder.__jobEngine = undefined;
    throw error;
  });
  return holder.__jobEngine;
}

/** Stops this process's workers (tests; a shutdown). The jobs stay in the database. */
export async function stopJobEngine(): Promise<void> {
  const running = holder.__jobEngine;
  holder.__jobEngine = undefined;
  if (running) await (await running).stop();
}
