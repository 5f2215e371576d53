/**
 * `npm run worker`: a process that only runs background jobs (lib/server/jobs), beside or instead
 * of the console's own workers, on the same database (DATABASE_URL). Same settings and checks as
 * the console: the .env files `next start` reads, then lib/env.ts. SIGTERM or SIGINT stops it
 * gracefully: no new job is taken, the runs in progress are told to end and continue elsewhere.
 * Run through tsx with the react-server condition, as the console's server modules expect.
 */
import nextEnv from "@next/env";

import { serverEnv } from "@/lib/env";
import { openConsoleDatabase } from "@/lib/server/db";
import { getJobEngine, startJobWorkers, stopJobEngine } from "@/lib/server/jobs/engine";
import { log } from "@/lib/server/log";
import { queueRelease } from "@/lib/server/tasks/release";

const workerLog = log.child({ module: "worker" });

async function main(): Promise<void> {
  nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
  const env = serverEnv();
  if (env.JOB_WORKERS === 0) {
    throw new Error("JOB_WORKERS=0: a worker process with no workers would do nothing.");
  }
  const opened = await openConsoleDatabase();
  await startJobWorkers();
  await queueRelease(await getJobEngine());
  workerLog.info({ database: opened.kind, pid: process.pid }, "worker ready");

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    workerLog.info({ signal }, "worker stopping");
    await stopJobEngine();
    await opened.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  const reason = error instanceof Error ? error.message : String(error);
  workerLog.fatal({ err: error }, `worker start failed: ${reason}`);
  // The logger writes JSON for machines; the reason also goes to the terminal as text.
  console.error(reason);
  process.exit(1);
});
