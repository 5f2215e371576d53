/**
 * The job engine on both database kinds (pg-boss over the console's own connections): jobs sent
 * are run by this process's workers with their data, a queued key is not queued twice, a run
 * whose time is up continues in a new run, and a run left active by a crashed process is picked
 * up again once its expiry has passed.
 */
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { OpenDatabase } from "@/lib/server/db/open";
import {
  DATABASE_BACKENDS,
  type TestDatabase,
  openTestDatabase,
} from "@/test-support/test-database";

import type * as EngineModule from "./engine";
import type { JobContext, JobHandler } from "./queues";

interface Run {
  data: unknown;
  jobId: string;
  aborted: boolean;
}

const runs: Record<string, Run[]> = { echo: [], slow: [], crashed: [] };
const record = (queue: string, data: unknown, context: JobContext) =>
  runs[queue]!.push({ data, jobId: context.jobId, aborted: context.signal.aborted });

const TEST_QUEUES: Record<string, JobHandler> = {
  echo: (data, context) => {
    record("echo", data, context);
    return Promise.resolve();
  },
  // The first run waits for its signal (run time up); the next finds its work done.
  slow: async (data, context) => {
    record("slow", data, context);
    if (runs.slow!.length > 1) return;
    await new Promise((resolve) => context.signal.addEventListener("abort", resolve));
    runs.slow!.at(-1)!.aborted = true;
  },
  crashed: (data, context) => {
    record("crashed", data, context);
    return Promise.resolve();
  },
};

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the workers");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.each(DATABASE_BACKENDS)("the job engine on %s", (backend) => {
  let database: TestDatabase;
  let engine: typeof EngineModule;

  beforeAll(async () => {
    for (const list of Object.values(runs)) list.length = 0;
    Object.assign(process.env, {
      CONNECT_INSTANCE_ID: "11111111-1111-4111-8111-111111111111",
      BETTER_AUTH_SECRET: "jobs-test-secret-5c1e9a7d3b0f4826",
      JOB_EXPIRE_SECONDS: "10",
      JOB_WORKERS: "1",
    });
    database = await openTestDatabase(backend);
    (globalThis as unknown as { __consoleDb?: Promise<OpenDatabase> }).__consoleDb =
      Promise.resolve(database);
    engine = await import("./engine");
    await engine.startJobWorkers(TEST_QUEUES);
  });

  afterAll(async () => {
    await engine.stopJobEngine(2_000);
    await database.close();
  });

  it("runs each job sent with its data, and queues a waiting key once", async () => {
    const jobs = await engine.getJobEngine();
    const later = new Date(Date.now() + 3_000);
    const first = await jobs.send(
      "echo",
      { row: 1 },
      { singletonKey: "file-a", startAfter: later },
    );
    const again = await jobs.send(
      "echo",
      { row: 1 },
      { singletonKey: "file-a", startAfter: later },
    );
    const other = await jobs.send("echo", { row: 2 });
    expect(first).toEqual(expect.any(String));
    expect(again).toBeNull();
    await until(() => runs.echo!.length >= 2, 30_000);
    expect(runs.echo!.map((run) => run.data)).toEqual([{ row: 2 }, { row: 1 }]);
    expect(runs.echo!.map((run) => run.jobId)).toEqual([other, first]);
  });

  it("continues a run whose time is up in a new run of the same job", async () => {
    const jobs = await engine.getJobEngine();
    await jobs.send("slow", { bulkJobId: "b-1" }, { singletonKey: "b-1" });
    // Run time is JOB_EXPIRE_SECONDS less 5 s of wind-down: 5 s here.
    await until(() => runs.slow!.length >= 2, 40_000);
    expect(runs.slow![0]).toMatchObject({ data: { bulkJobId: "b-1" }, aborted: true });
    expect(runs.slow![1]).toMatchObject({ data: { bulkJobId: "b-1" }, aborted: false });
  });

  it("hands a run left active by a crashed process to a worker once its expiry has passed", async () => {
    const jobs = await engine.getJobEngine();
    // Due in an hour, so only the crashing process (ignoring that) takes it now.
    const jobId = await jobs.send(
      "crashed",
      { row: 7 },
      { startAfter: new Date(Date.now() + 3_600_000) },
    );
    // Another process takes the job and dies: it stays active, never completed.
    const crashed = new PgBoss({
      db: { executeSql: engine.executeSqlOn(database) },
      schema: engine.JOBS_SCHEMA,
      supervise: false,
      schedule: false,
    });
    await crashed.start();
    const taken = await crashed.fetch("crashed", { ignoreStartAfter: true });
    expect(taken.map((job) => job.id)).toEqual([jobId]);
    await crashed.stop({ graceful: false, close: false });
    expect(runs.crashed).toEqual([]);
    // Expiry 10 s, maintenance every 5 s, the retry due 10 s later, taken by this process.
    await until(() => runs.crashed!.length >= 1, 60_000);
    expect(runs.crashed).toEqual([{ data: { row: 7 }, jobId, aborted: false }]);
  }, 90_000);
});
