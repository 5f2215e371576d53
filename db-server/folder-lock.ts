/**
 * A lock file beside the embedded server's data (O_EXCL create, the holder's pid inside), so two
 * console processes starting together do not both start a server on one data folder, and a user
 * that leaves does not stop the server while another is joining. A lock whose holder is gone (a
 * crash, a kill) is taken over. Both an async wait (for a start) and a short blocking one (for an
 * exit hook, where nothing asynchronous runs any more) are offered.
 */
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";

export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock if it is free or abandoned; returns its release, or null when it is held. */
function tryLock(file: string): (() => void) | null {
  try {
    const fd = openSync(file, "wx", 0o600);
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return () => {
      try {
        if (readFileSync(file, "utf8") === String(process.pid)) unlinkSync(file);
      } catch {
        // Already gone.
      }
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  let holder: number;
  let age: number;
  try {
    holder = Number(readFileSync(file, "utf8"));
    age = Date.now() - statSync(file).mtimeMs;
  } catch {
    // Released between the two calls: try again at once.
    return tryLock(file);
  }
  // A holder that is gone; an empty file is one being written, unless it has been for seconds.
  const abandoned = holder ? holder !== process.pid && !isProcessAlive(holder) : age > 5_000;
  if (abandoned) {
    try {
      unlinkSync(file);
    } catch {
      // Another process took it over first.
    }
    return tryLock(file);
  }
  return null;
}

export async function lockFolder(file: string, timeoutMs: number): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const release = tryLock(file);
    if (release) return release;
    if (Date.now() > deadline) throw lockTimeout(file);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function lockFolderSync(file: string, timeoutMs: number): () => void {
  const deadline = Date.now() + timeoutMs;
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    const release = tryLock(file);
    if (release) return release;
    if (Date.now() > deadline) throw lockTimeout(file);
    Atomics.wait(sleeper, 0, 0, 50);
  }
}

function lockTimeout(file: string): Error {
  let holder = "unknown";
  try {
    holder = readFileSync(file, "utf8");
  } catch {
    // Gone meanwhile.
  }
  return new Error(
    `The embedded PostgreSQL's lock ${file} is held by process ${holder}; if no console is starting or stopping, delete the file.`,
  );
}
