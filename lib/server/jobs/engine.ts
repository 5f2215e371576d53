import "server-only";

/**
 * Background jobs on the console's own database with pg-boss (its tables in the `pgboss` schema).
 * Every console process runs workers for every queue of queues.ts unless JOB_WORKERS=0, and
 * `npm run worker` runs them without a web server; all the processes on one database share the
 * work (pg-boss takes each job with SELECT ... FOR UPDATE SKIP LOCKED).
 *
 * Surviving a crash: a run holds its job for at most JOB_EXPIRE_SECONDS. A process that dies
 * mid-run leaves the job active; once that time has passed, pg-boss's maintenance (run by any
 * process with workers, every 30 s at most) marks it failed and it is retried by whichever
 * process fetches it next. Long jobs (a bulk job of 10,000 rows takes 83 minutes at Connect's
 * 2/s) are not given hours of expiry, which would leave a crashed job waiting for hours: their
 * handler is told through its AbortSignal when its run time is nearly up, returns, and the engine
 * queues the same job again at once to continue (handlers are idempotent and resume from what they
 * recorded). Queues use pg-boss's "stately" policy so one key has at most one queued and one
 * active job: sending a job that is already queued is a no-op (send resolves to null).
 *
 * On PGlite (the embedded database, one process) pg-boss runs over PGlite's single connection
 * through its `db.executeSql` option; PGlite serialises statements, and pg-boss's multi-statement
 * plans (migrations, maintenance) run as one exec, so they stay atomic there as well.
 */
import { randomUUID } from "node:crypto";

import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import PgBoss from "pg-boss";

import { type ServerEnv, serverEnv } from "@/lib/env";
import { openConsoleDatabase } from "@/lib/server/db";
import type { OpenDatabase } from "@/lib/server/db/open";
import { log } from "@/lib/server/log";

import type { JobHandler } from "./queues";

const jobsLog = log.child({ module: "jobs" });

export interface SendOptions {
  /** At most one queued job per key: a second send while one waits does nothing (null). */
  singletonKey?: string;
  startAfter?: Date;
}

export interface JobEngine {
  send(queue: string, data: object, options?: SendOptions): Promise<string | null>;
}

export const JOBS_SCHEMA = "pgboss";
/**
 * How often a process with workers looks for new jobs, and for expired runs (crash recovery: at
 * most half an expiry late, so a crashed run waits less than 1.5 × JOB_EXPIRE_SECONDS).
 */
const POLLING_SECONDS = 2;
const maintenanceSeconds = (env: ServerEnv) => Math.min(30, Math.ceil(env.JOB_EXPIRE_SECONDS / 2));
/** A run is told to end this long before its expiry, to record its progress and return. */
const WIND_DOWN_SECONDS = 5;
/** A failed run (an error thrown, a crash) is retried this often, 10 s apart, then growing. */
const RETRY = { retryLimit: 20, retryDelay: 10, retryBackoff: true };

interface Running {
  boss: PgBoss;
  queues: Record<string, JobHandler>;
  /** The runs in progress in this process, to abort them when it stops. */
  runs: Set<AbortController>;
  workersStarted: boolean;
}

/** Kept on globalThis: the instrumentation bundle and the action bundles share one engine. */
const holder = globalThis as unknown as { __consoleJobs?: Promise<Running> };

/** pg-boss's SQL over the console's own connection(s): the pool, or PGlite's one connection. */
export function executeSqlOn(opened: OpenDatabase): PgBoss.Db["executeSql"] {
  const client = (opened.db as unknown as { $client: pg.Pool | PGlite }).$client;
  if (opened.kind === "postgres") {
    const pool = client as pg.Pool;
    return (text, values) => pool.query(text, values);
  }
  const pglite = client as PGlite;
  // pg-boss leaves `values` out for its plans without parameters.
  return async (text, values: unknown[] | undefined) => {
    if (values && values.length > 0) return pglite.query(text, values);
    // Without parameters a plan may hold several statements; exec runs them as one.
    const results = await pglite.exec(text);
    return results.at(-1) ?? { rows: [] };
  };
}

function bossOptions(opened: OpenDatabase, env: ServerEnv): PgBoss.ConstructorOptions {
  const hasWorkers = env.JOB_WORKERS > 0;
  return {
    db: { executeSql: executeSqlOn(opened) },
    schema: JOBS_SCHEMA,
    // Maintenance (expiring crashed runs, archiving) in the processes that run jobs.
    supervise: hasWorkers,
    maintenanceIntervalSeconds: maintenanceSeconds(env),
    // No cron schedules are used.
    schedule: false,
    pollingIntervalSeconds: POLLING_SECONDS,
  };
}

function queueOptions(env: ServerEnv): Omit<PgBoss.Queue, "name"> {
  return { policy: "stately", expireInSeconds: env.JOB_EXPIRE_SECONDS, ...RETRY };
}

async function startEngine(queues: Record<string, JobHandler>): Promise<Running> {
  const env = serverEnv();
  const opened = await openConsoleDatabase();
  const boss = new PgBoss(bossOptions(opened, env));
  boss.on("error", (error) => jobsLog.error({ err: error }, "job engine error"));
  await boss.start();
  for (const name of Object.keys(queues)) {
    // createQueue does nothing for a queue that exists; updateQueue applies changed settings.
    await boss.createQueue(name, { name, ...queueOptions(env) });
    await boss.updateQueue(name, { name, ...queueOptions(env) });
  }
  jobsLog.info(
    { database: opened.kind, queues: Object.keys(queues), workers: env.JOB_WORKERS },
    "job engine started",
  );
  return { boss, queues, runs: new Set(), workersStarted: false };
}

/** The queues are those of queues.ts, read when first needed (its handlers import this module). */
function running(queues?: Record<string, JobHandler>): Promise<Running> {
  holder.__consoleJobs ??= (async () =>
    startEngine(queues ?? (await import("./queues")).JOB_QUEUES))().catch((error: unknown) => {
    holder.__consoleJobs = undefined;
    throw error;
  });
  return holder.__consoleJobs;
}

export async function getJobEngine(): Promise<JobEngine> {
  const { boss } = await running();
  return {
    send: (queue, data, options = {}) =>
      boss.send(queue, data, {
        // Under the stately policy a job without a key would be the only one of its queue.
        singletonKey: options.singletonKey ?? randomUUID(),
        ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      }),
  };
}

/**
 * Starts this process's workers (JOB_WORKERS of them per queue); `queues` only for tests.
 * Each run is logged, given its AbortSignal, and continued in a new run when its time is up.
 */
export async function startJobWorkers(queues?: Record<string, JobHandler>): Promise<void> {
  const env = serverEnv();
  const engine = await running(queues);
  if (engine.workersStarted || env.JOB_WORKERS === 0) return;
  engine.workersStarted = true;
  const runMs = Math.max(1, env.JOB_EXPIRE_SECONDS - WIND_DOWN_SECONDS) * 1_000;
  for (const [name, handler] of Object.entries(engine.queues)) {
    for (let i = 0; i < env.JOB_WORKERS; i++) {
      await engine.boss.work<object>(
        name,
        { batchSize: 1, includeMetadata: true },
        async ([job]) => {
          if (job) await runJob(engine, name, handler, job, runMs);
        },
      );
    }
  }
  jobsLog.info({ queues: Object.keys(engine.queues), perQueue: env.JOB_WORKERS }, "job workers");
}

async function runJob(
  engine: Running,
  name: string,
  handler: JobHandler,
  job: PgBoss.JobWithMetadata<object>,
  runMs: number,
): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error("run time is up")), runMs);
  engine.runs.add(controller);
  const fields = { queue: name, jobId: job.id, retryCount: job.retryCount };
  const started = performance.now();
  jobsLog.info(fields, "job run started");
  try {
    await handler(job.data, { signal: controller.signal, jobId: job.id });
  } catch (error) {
    jobsLog.error({ ...fields, err: error }, "job run failed");
    throw error;
  } finally {
    clearTimeout(timer);
    engine.runs.delete(controller);
  }
  const ms = Math.round(performance.now() - started);
  if (controller.signal.aborted) {
    // Told to end (run time up, or the process stopping): the job is not finished. Same key:
    // stately allows this one queued job beside the active run that is ending.
    await engine.boss.send(name, job.data, { singletonKey: job.singletonKey ?? randomUUID() });
    jobsLog.info(
      { ...fields, ms, reason: String(controller.signal.reason) },
      "job run ended early: continues in a new run",
    );
  } else {
    jobsLog.info({ ...fields, ms }, "job run done");
  }
}

/**
 * Stops this process's engine: no new runs are fetched, the runs in progress are told to end
 * (their signal) and waited for up to `timeoutMs`; a run still going after it is retried by
 * another process once its expiry passes.
 */
export async function stopJobEngine(timeoutMs = 20_000): Promise<void> {
  const pending = holder.__consoleJobs;
  if (!pending) return;
  holder.__consoleJobs = undefined;
  const engine = await pending.catch(() => undefined);
  if (!engine) return;
  for (const run of engine.runs) run.abort(new Error("the process is stopping"));
  await engine.boss.stop({ graceful: true, timeout: timeoutMs, close: false, wait: true });
  jobsLog.info("job engine stopped");
}
