/**
 * PGlite has no lock of its own: two processes on one folder would both write it and corrupt it.
 * The console's lock file makes the second opener fail, naming the folder and the holder. These
 * tests are about PGlite's folder only (a PostgreSQL server has its own locking), so they do not
 * run on both backends.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, afterEach, describe, expect, it } from "vitest";

import { type OpenDatabase, openDatabase } from "./open";
import { DatabaseFolderInUseError, PGLITE_LOCK_FILE } from "./pglite-lock";
import { auditEvent } from "./schema";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const folders: string[] = [];
const opened: OpenDatabase[] = [];
let child: ChildProcess | undefined;

async function newFolder(): Promise<string> {
  const parent = await mkdtemp(path.join(tmpdir(), "console-pglite-lock-"));
  folders.push(parent);
  return path.join(parent, "pglite");
}

async function open(dataDir: string): Promise<OpenDatabase> {
  const database = await openDatabase({ dataDir });
  opened.push(database);
  return database;
}

async function close(database: OpenDatabase): Promise<void> {
  opened.splice(opened.indexOf(database), 1);
  await database.close();
}

const actions = async (database: OpenDatabase) =>
  (await database.db.select({ action: auditEvent.action }).from(auditEvent)).map((r) => r.action);

const lockOf = (dataDir: string) =>
  JSON.parse(readFileSync(path.join(dataDir, PGLITE_LOCK_FILE), "utf8")) as {
    pid: number;
    token: string;
  };

/** The pid of a process that has already exited. */
function deadPid(): Promise<number> {
  return new Promise((resolve, reject) => {
    const gone = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    gone.once("error", reject);
    gone.once("exit", () => resolve(gone.pid!));
  });
}

afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  child = undefined;
});

afterAll(async () => {
  for (const database of opened.splice(0)) await database.close().catch(() => undefined);
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

describe("the PGlite folder lock", () => {
  it("a second open in the same process fails clearly; the first keeps working; close releases", async () => {
    const dataDir = await newFolder();
    const first = await open(dataDir);
    await first.db.insert(auditEvent).values({ action: "test.first", outcome: "success" });

    const second = await openDatabase({ dataDir }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(second).toBeInstanceOf(DatabaseFolderInUseError);
    const message = (second as Error).message;
    expect(message).toContain(dataDir);
    expect(message).toContain(`this process (pid ${process.pid})`);
    expect(message).toContain("DATABASE_URL");
    expect(second).toMatchObject({ folder: dataDir, holderPid: process.pid });

    await first.db.insert(auditEvent).values({ action: "test.after", outcome: "success" });
    await close(first);
    expect(existsSync(path.join(dataDir, PGLITE_LOCK_FILE))).toBe(false);

    const reopened = await open(dataDir);
    expect(await actions(reopened)).toEqual(["test.first", "test.after"]);
    await close(reopened);
  });

  it("a folder another process holds cannot be opened; once it closes, its data is there", async () => {
    const dataDir = await newFolder();
    const holder = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "test-support/hold-pglite.ts", dataDir],
      { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] },
    );
    child = holder;
    let output = "";
    const exited = new Promise<number | null>((resolve) => holder.once("exit", resolve));
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("holding\n")) resolve();
      };
      holder.stdout.on("data", onData);
      holder.stderr.on("data", onData);
      void exited.then((code) => reject(new Error(`the holder exited (${code}):\n${output}`)));
    });

    const refused = await openDatabase({ dataDir }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(DatabaseFolderInUseError);
    expect((refused as Error).message).toMatch(
      new RegExp(`in use by process ${holder.pid}\\b.*DATABASE_URL`, "s"),
    );
    expect(lockOf(dataDir).pid).toBe(holder.pid);

    holder.stdin.end(); // the holder closes its database and exits
    expect(await exited, output).toBe(0);
    const after = await open(dataDir);
    expect(await actions(after)).toEqual(["test.held-by-child"]);
    await close(after);
  });

  it("takes over a stale lock (a dead process, or an earlier process with this pid)", async () => {
    const dataDir = await newFolder();
    const first = await open(dataDir);
    await first.db.insert(auditEvent).values({ action: "test.before-crash", outcome: "success" });
    await close(first);

    const lockFile = path.join(dataDir, PGLITE_LOCK_FILE);
    const stale = [
      { pid: await deadPid(), token: "crashed" },
      // A restarted container often gets the same pid as the process that left the lock.
      { pid: process.pid, token: "earlier-process" },
    ];
    for (const lock of stale) {
      writeFileSync(lockFile, `${JSON.stringify(lock)}\n`);
      const reopened = await open(dataDir);
      expect(lockOf(dataDir)).toMatchObject({ pid: process.pid });
      expect(lockOf(dataDir).token).not.toBe(lock.token);
      expect(await actions(reopened)).toEqual(["test.before-crash"]);
      await close(reopened);
    }
  });
});
