import "server-only";

/**
 * PGlite has no lock on its folder: two processes opening one folder both write to it and corrupt
 * it. So the console keeps a lock file in the folder while it has the database open: created
 * exclusively (O_EXCL), with the holder's pid inside, removed on close. A second opener, in
 * another process or in this one, gets a DatabaseFolderInUseError. A lock left by a process that
 * is gone (a crash, a kill) is taken over.
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import path from "node:path";

export const PGLITE_LOCK_FILE = "connect-task-console.lock";

export class DatabaseFolderInUseError extends Error {
  override readonly name = "DatabaseFolderInUseError";

  constructor(
    readonly folder: string,
    readonly holderPid: number,
    message: string,
  ) {
    super(message);
  }
}

interface LockContent {
  pid: number;
  /** Tells this process's own locks from those of an earlier process that had the same pid. */
  token: string;
  openedAt: string;
}

export interface PgliteLock {
  release: () => void;
}

/**
 * Tokens of the locks this process holds. On globalThis under a registered symbol: the database is
 * opened from the instrumentation bundle and from action bundles, each with its own module copy.
 */
const HELD = Symbol.for("connect-task-console.pglite-locks");
function heldTokens(): Set<string> {
  const holder = globalThis as unknown as Record<symbol, Set<string> | undefined>;
  return (holder[HELD] ??= new Set());
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Creates the file only if it does not exist (O_CREAT | O_EXCL); false when it does. */
function createExclusive(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, "wx", 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

type Existing = { raw: string; lock: LockContent | null } | "gone";

function readExisting(file: string): Existing {
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    throw error;
  }
  try {
    const parsed = JSON.parse(raw) as Partial<LockContent>;
    if (Number.isInteger(parsed.pid) && typeof parsed.token === "string")
      return { raw, lock: parsed as LockContent };
  } catch {
    // Not JSON: reported below.
  }
  return { raw, lock: null };
}

/**
 * Removes a stale lock, unless another process replaced it meanwhile: the file is moved aside and
 * checked, and put back (a hard link, which fails rather than overwrite) if it is not the one
 * judged stale. A plain unlink could delete a lock another process had just taken over.
 */
function removeStale(file: string, staleRaw: string): void {
  const aside = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.stale`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  try {
    if (readFileSync(aside, "utf8") !== staleRaw) linkSync(aside, file);
  } finally {
    unlinkSync(aside);
  }
}

function inUse(folder: string, file: string, pid: number): DatabaseFolderInUseError {
  const holder = pid === process.pid ? `this process (pid ${pid})` : `process ${pid}`;
  return new DatabaseFolderInUseError(
    folder,
    pid,
    `The PGlite database folder ${folder} is already in use by ${holder} (lock file ${file}). ` +
      `PGlite serves one process only: stop the other process, or run every console process ` +
      `against one PostgreSQL server by setting DATABASE_URL. If no console process runs as ` +
      `pid ${pid}, delete ${file}.`,
  );
}

export function lockPgliteFolder(folder: string): PgliteLock {
  const file = path.join(folder, PGLITE_LOCK_FILE);
  const token = randomBytes(12).toString("hex");
  const mine: LockContent = { pid: process.pid, token, openedAt: new Date().toISOString() };
  const text = `${JSON.stringify(mine)}\n`;
  // A few rounds: each lost race against another opener means that one now holds the lock.
  for (let round = 0; round < 3; round++) {
    if (createExclusive(file, text)) return holdLock(file, token);
    const existing = readExisting(file);
    if (existing === "gone") continue;
    const { lock } = existing;
    if (!lock) {
      throw new DatabaseFolderInUseError(
        folder,
        0,
        `The PGlite database folder ${folder} has a lock file ${file} that does not name its holder ` +
          `(being written, or damaged). If no console process uses this folder, delete ${file}.`,
      );
    }
    const isThisProcess = lock.pid === process.pid && heldTokens().has(lock.token);
    const isAlive = lock.pid !== process.pid && isRunning(lock.pid);
    if (isThisProcess || isAlive) throw inUse(folder, file, lock.pid);
    removeStale(file, existing.raw);
  }
  throw new Error(
    `Could not take the lock ${file}: other processes keep taking it. Is more than one console starting on ${folder}?`,
  );
}

function holdLock(file: string, token: string): PgliteLock {
  heldTokens().add(token);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    heldTokens().delete(token);
    process.removeListener("exit", release);
    const existing = readExisting(file);
    // Only our own lock: never one another process took over after ours was judged stale.
    if (existing !== "gone" && existing.lock?.token === token) unlinkSync(file);
  };
  // A normal exit without close() (e.g. next start on SIGTERM) still leaves no lock behind.
  process.once("exit", release);
  return { release };
}
