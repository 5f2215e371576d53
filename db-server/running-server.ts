/**
 * Finding the PostgreSQL server already running on a cluster (embedded.ts): PostgreSQL's own
 * postmaster.pid names its pid and port; the pid must still run a postgres binary, and the
 * server must accept the console's sign-in before it counts as running.
 */
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";

import pg from "pg";

import { isProcessAlive } from "./folder-lock";
import { SERVER_USER } from "./server-account";

/** PostgreSQL's postmaster.pid: line 1 the pid, line 4 the port, line 8 the status. */
export function readPostmaster(cluster: string): { pid: number; port: number } | null {
  try {
    const lines = readFileSync(path.join(cluster, "postmaster.pid"), "utf8").split("\n");
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    return pid > 0 && port > 0 ? { pid, port } : null;
  } catch {
    return null;
  }
}

/** Whether `pid` runs a postgres binary (a pid reused by another program after a crash is not). */
export function isPostgresProcess(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0]!.endsWith("postgres");
  } catch {
    // No /proc (not Linux): trust the pid.
    return isProcessAlive(pid);
  }
}

export const urlFor = (password: string, port: number, database: string) =>
  `postgresql://${SERVER_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

async function canSignIn(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The server running on this cluster, or null when there is none (a stale postmaster.pid is
 * removed). A server that is starting or shutting down is waited for.
 */
export async function runningServer(cluster: string, password: string) {
  const info = readPostmaster(cluster);
  if (!info) return null;
  if (!isProcessAlive(info.pid) || !isPostgresProcess(info.pid)) {
    rmSync(path.join(cluster, "postmaster.pid"), { force: true });
    return null;
  }
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await canSignIn(urlFor(password, info.port, "postgres"))) return info;
    if (!isProcessAlive(info.pid)) return null;
    await sleep(200);
  }
  throw new Error(
    `A PostgreSQL (pid ${info.pid}) holds ${cluster} but does not accept this console's sign-in on port ${info.port}. Stop it, or check ${path.dirname(cluster)}/postgres.log.`,
  );
}
