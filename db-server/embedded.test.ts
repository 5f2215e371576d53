import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

import { isRoot } from "./binaries";
import {
  type EmbeddedDatabase,
  embeddedPaths,
  ensureEmbeddedDatabase,
  removeEmbeddedCluster,
  stopEmbeddedDatabase,
} from "./embedded";
import { isProcessAlive } from "./folder-lock";
import { SERVER_USER } from "./server-account";

/**
 * The embedded default's launcher, with real PostgreSQL servers: one server per data folder,
 * joined by a second process, stopped by its last user, started again after a crash left a
 * postmaster.pid naming a live process that is not PostgreSQL, and, as root, from a folder the
 * `postgres` user cannot enter.
 */
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const folders: string[] = [];
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  for (const folder of folders) {
    await stopEmbeddedDatabase(folder);
    removeEmbeddedCluster(folder);
    rmSync(folder, { recursive: true, force: true });
  }
}, 120_000);

/** A fresh DATA_DIR; `reachable` opens it to the `postgres` user (the usual case, as root too). */
function dataFolder(reachable = true): string {
  const folder = mkdtempSync(path.join(tmpdir(), "console-embedded-"));
  if (reachable) chmodSync(folder, 0o755);
  folders.push(folder);
  return folder;
}

async function query(url: string, sql: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0];
  } finally {
    await client.end();
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

/** Starts db-server/test/embedded-user.ts on `dataDir` and resolves with what it joined. */
async function secondUser(
  dataDir: string,
): Promise<{ child: ChildProcess; joined: { started: boolean; port: number; pid: number } }> {
  const tsx = pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/esm/index.mjs")).href;
  const child = spawn(
    process.execPath,
    ["--import", tsx, "db-server/test/embedded-user.ts", dataDir],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.push(child);
  let output = "";
  const joined = await new Promise<{ started: boolean; port: number; pid: number }>(
    (resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const line = /^JOINED (.*)$/m.exec(output)?.[1];
        if (line) resolve(JSON.parse(line) as { started: boolean; port: number; pid: number });
      });
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.once("exit", (code) =>
        reject(new Error(`the second user exited (${code}):\n${output}`)),
      );
    },
  );
  return { child, joined };
}

describe("the embedded PostgreSQL launcher", () => {
  it("starts one server per data folder, shares it with a second process and stops with its last user", async () => {
    const dataDir = dataFolder();
    const first = await ensureEmbeddedDatabase({ dataDir, releaseOnExit: false });
    expect(first.started).toBe(true);
    expect(await query(first.url, "select current_database() as db")).toEqual({ db: "console" });
    const paths = embeddedPaths(dataDir);
    expect(statSync(paths.passwordFile).mode & 0o777).toBe(0o600);
    expect(first.url).toContain(
      encodeURIComponent(readFileSync(paths.passwordFile, "utf8").trim()),
    );

    const { child, joined } = await secondUser(dataDir);
    expect(joined).toEqual({ started: false, port: first.port, pid: first.pid });

    // The first user leaves: the second still holds a lease, so the server keeps running.
    first.release();
    expect(await query(first.url, "select 1 as one")).toEqual({ one: 1 });

    // The last user is stopped (Ctrl+C / SIGTERM): the server goes with it.
    child.kill("SIGTERM");
    expect(await waitFor(() => !isProcessAlive(first.pid), 30_000)).toBe(true);

    // And a later start initialises nothing again: same cluster, same password, data kept.
    const again = await ensureEmbeddedDatabase({ dataDir, releaseOnExit: false });
    try {
      expect(again.started).toBe(true);
      expect(again.url.split("@")[0]).toBe(first.url.split("@")[0]);
    } finally {
      again.release();
    }
    expect(await waitFor(() => !isProcessAlive(again.pid), 30_000)).toBe(true);
  }, 240_000);

  it("starts after a crash left a postmaster.pid naming a live process that is not PostgreSQL", async () => {
    const dataDir = dataFolder();
    let database: EmbeddedDatabase = await ensureEmbeddedDatabase({
      dataDir,
      releaseOnExit: false,
    });
    await query(database.url, "create table kept (note text)");
    await query(database.url, "insert into kept values ('before the crash')");
    process.kill(database.pid, "SIGKILL");
    expect(await waitFor(() => !isProcessAlive(database.pid), 10_000)).toBe(true);
    // The crash's postmaster.pid, with its pid now used by another program of the server's user:
    // not this process (PostgreSQL ignores its own parent's pid) nor one of another user's
    // (PostgreSQL cannot signal it and takes it for gone).
    const serverUser = isRoot()
      ? { uid: Number(execFileSync("id", ["-u", SERVER_USER], { encoding: "utf8" })) }
      : {};
    const otherProgram = spawn("sleep", ["120"], { stdio: "ignore", ...serverUser });
    children.push(otherProgram);
    const postmasterPid = path.join(embeddedPaths(dataDir).cluster, "postmaster.pid");
    const lines = readFileSync(postmasterPid, "utf8").split("\n");
    lines[0] = String(otherProgram.pid);
    writeFileSync(postmasterPid, lines.join("\n"));
    // Its children notice the postmaster is gone and leave; then the shared memory is free.
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    database = await ensureEmbeddedDatabase({ dataDir, releaseOnExit: false });
    try {
      expect(database.started).toBe(true);
      expect(await query(database.url, "select note from kept")).toEqual({
        note: "before the crash",
      });
    } finally {
      database.release();
    }
  }, 240_000);

  it.skipIf(!isRoot())(
    "as root, keeps the cluster where the postgres user can reach it when DATA_DIR is in a 0700 folder",
    async () => {
      const dataDir = dataFolder(false);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      const database = await ensureEmbeddedDatabase({ dataDir, releaseOnExit: false });
      try {
        expect(await query(database.url, "select current_user as who")).toEqual({
          who: "postgres",
        });
        const link = embeddedPaths(dataDir).cluster;
        expect(lstatSync(link).isSymbolicLink()).toBe(true);
      } finally {
        database.release();
      }
      expect(await waitFor(() => !isProcessAlive(database.pid), 30_000)).toBe(true);
    },
    240_000,
  );
});
