import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { testConsoleEnv } from "./test-env";
import { distDir } from "../bench/support";
import { DEMO_IDS, startConnectLocal } from "../connect-local/index";
import { STATE_FILE, type State } from "../connect-local/src/state";
import { embeddedPaths, stopEmbeddedDatabase } from "../db-server/embedded";
import { freePort } from "../db-server/free-port";

/**
 * The harness shared by the bench, the fault soak and the fuzzer: a local Connect endpoint in
 * this process (its own temp data folder), the BUILT console as a child process (`next start`,
 * its own temp DATA_DIR and environment) on the embedded default as a user runs it (no
 * DATABASE_URL: the console starts its own PostgreSQL server in DATA_DIR/postgres, on a free
 * port), calls made over HTTP exactly as a browser makes them, and the memory of the console and
 * of its database read from /proc. Everything is stopped and removed by `stop()`.
 */
export interface ConsoleStack {
  base: string;
  connectUrl: string;
  /** The console process (the one `next start` runs in). */
  pid: number;
  /** The last lines the console wrote (JSON log and anything else), for diagnostics. */
  logTail: (lines?: number) => string[];
  /** How many lines the console has written so far (to read what one request logged). */
  logCount: () => number;
  /** The embedded PostgreSQL server's pid (its postmaster.pid), null before it runs. */
  databasePid: () => number | null;
  /**
   * Kills the console (SIGKILL: nothing of it runs on) and starts it again on the same data, port
   * and settings; the embedded database and the local endpoint keep running.
   */
  crashAndRestart: () => Promise<void>;
  /**
   * Starts one more console process on the same data, database and endpoint, on its own port (as
   * a second machine behind a load balancer would run); `stop()` ends it too.
   */
  addConsole: () => Promise<{ base: string; pid: number }>;
  /** Stops both servers, returns the endpoint's final state (read from its file) and cleans up. */
  stop: () => Promise<State>;
}

export interface StackOptions {
  /** Names the temp folders, e.g. "soak". */
  label: string;
  /** Connect's default quotas on the local endpoint (the e2e suite turns them off). */
  throttling?: boolean;
  /** Extra console environment (wins over the defaults below). */
  env?: Record<string, string>;
  /** The local endpoint's rules (e.g. a 1-day scheduling horizon, to match the console's). */
  connectRules?: NonNullable<Parameters<typeof startConnectLocal>[0]>["rules"];
}

const LOG_LINES_KEPT = 5_000;

/** Builds the console when no build is there (the bench scripts may run on a fresh clone). */
export function ensureBuild(): void {
  if (existsSync(path.join(distDir, "BUILD_ID"))) return;
  console.log("No build found: running npm run build…");
  // npm run build: next build, then the compile hints (scripts/compile-hints.ts).
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

export async function startConsoleStack(options: StackOptions): Promise<ConsoleStack> {
  ensureBuild();
  const connectDir = mkdtempSync(path.join(tmpdir(), `ctc-${options.label}-connect-`));
  const consoleDir = mkdtempSync(path.join(tmpdir(), `ctc-${options.label}-console-`));
  // As root PostgreSQL runs as `postgres`, which must enter the folder to keep its cluster in it.
  chmodSync(consoleDir, 0o755);
  const connect = await startConnectLocal({
    port: 0,
    dataDir: connectDir,
    throttling: options.throttling ?? false,
    rules: options.connectRules,
  });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // Only these settings: none from the caller's shell or .env.local (test-env.ts).
  const env = testConsoleEnv({
    CONNECT_ENDPOINT: connect.url,
    CONNECT_INSTANCE_ID: `${DEMO_IDS.instanceId},${DEMO_IDS.secondInstanceId}`,
    AWS_REGION: "us-east-1",
    BETTER_AUTH_SECRET: randomUUID() + randomUUID(),
    APP_URL: base,
    DATA_DIR: consoleDir,
    DEMO_USERS: "1",
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    ...options.env,
  });
  const launchOn = (onPort: number, appUrl: string) =>
    spawn(
      "node_modules/.bin/next",
      ["start", "--port", String(onPort), "--hostname", "127.0.0.1"],
      {
        env: { ...env, APP_URL: appUrl },
        stdio: ["ignore", "pipe", "pipe"],
        // Its own process group, so stop() ends whatever `next start` may have spawned with it.
        detached: true,
      },
    );
  const launch = () => launchOn(port, base);
  let child = launch();
  const others: ChildProcess[] = [];
  const lines: string[] = [];
  let written = 0;
  const keep = (chunk: Buffer) => {
    const added = chunk.toString("utf8").split("\n").filter(Boolean);
    written += added.length;
    lines.push(...added);
    if (lines.length > LOG_LINES_KEPT) lines.splice(0, lines.length - LOG_LINES_KEPT);
  };
  const listen = () => {
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
  };
  listen();

  /** SIGKILL of the console's process group (no clean-up runs), then the same console again. */
  const crashAndRestart = async () => {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    process.kill(-child.pid!, "SIGKILL");
    await exited;
    child = launch();
    listen();
    await waitUntilReady(base, child, lines);
  };

  const addConsole = async () => {
    const otherPort = await freePort();
    const otherBase = `http://127.0.0.1:${otherPort}`;
    const other = launchOn(otherPort, otherBase);
    others.push(other);
    const otherLines: string[] = [];
    const keepOther = (chunk: Buffer) => {
      otherLines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      if (otherLines.length > LOG_LINES_KEPT)
        otherLines.splice(0, otherLines.length - LOG_LINES_KEPT);
    };
    other.stdout.on("data", keepOther);
    other.stderr.on("data", keepOther);
    await waitUntilReady(otherBase, other, otherLines);
    return { base: otherBase, pid: other.pid! };
  };

  let stopped: Promise<State> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await Promise.all(others.map(endProcessGroup));
      await endProcessGroup(child);
      // Its last user is gone, so it is stopping already; wait before deleting its files.
      await stopEmbeddedDatabase(consoleDir);
      await connect.stop();
      const state = JSON.parse(readFileSync(path.join(connectDir, STATE_FILE), "utf8")) as State;
      rmSync(connectDir, { recursive: true, force: true });
      rmSync(consoleDir, { recursive: true, force: true });
      return state;
    })());

  try {
    await waitUntilReady(base, child, lines);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    base,
    connectUrl: connect.url,
    get pid() {
      return child.pid!;
    },
    logTail: (count = 50) => (count > 0 ? lines.slice(-count) : []),
    logCount: () => written,
    databasePid: () => postmasterPid(consoleDir),
    crashAndRestart,
    addConsole,
    stop,
  };
}

/** Polls the sign-in page until it answers 200; fails at once if the console exits. */
async function waitUntilReady(base: string, child: ChildProcess, lines: string[]): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The console exited (${child.exitCode}):\n${lines.slice(-20).join("\n")}`);
    }
    const ok = await fetch(`${base}/sign-in`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The console did not answer within 180 s:\n${lines.slice(-20).join("\n")}`);
}

async function endProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  process.kill(-child.pid, "SIGTERM");
  const timer = setTimeout(() => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGKILL");
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

function postmasterPid(dataDir: string): number | null {
  try {
    const pid = Number(
      readFileSync(path.join(embeddedPaths(dataDir).cluster, "postmaster.pid"), "utf8").split(
        "\n",
      )[0],
    );
    return pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Resident memory of a process and all its descendants, in bytes (Linux /proc), leaving out the
 * subtree of `skip` (e.g. the database server the console started, to see the console alone).
 * Pages shared between processes (PostgreSQL's shared buffers) count once per process: an upper
 * bound, the figure `ps` and the OOM killer's RSS give.
 */
export function processTreeRss(pid: number, skip?: number): number {
  let total = 0;
  const visit = (id: number) => {
    if (id === skip) return;
    try {
      const status = readFileSync(`/proc/${id}/status`, "utf8");
      const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
      total += kb ? Number(kb) * 1024 : 0;
      for (const task of readdirSync(`/proc/${id}/task`)) {
        const children = readFileSync(`/proc/${id}/task/${task}/children`, "utf8");
        for (const child of children.split(" ").filter(Boolean)) visit(Number(child));
      }
    } catch {
      // The process ended between two reads: it holds no memory any more.
    }
  };
  visit(pid);
  return total;
}

/**
 * The whole embedded default: the console's process tree and the PostgreSQL server's (a child of
 * the console that started it; counted once either way).
 */
export function embeddedDefaultRss(stack: ConsoleStack): {
  total: number;
  console: number;
  database: number;
} {
  const databasePid = stack.databasePid();
  const consoleOnly = processTreeRss(stack.pid, databasePid ?? undefined);
  const database = databasePid ? processTreeRss(databasePid) : 0;
  return { total: consoleOnly + database, console: consoleOnly, database };
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
