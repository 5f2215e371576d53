/**
 * The OS account PostgreSQL runs as (postgres.ts). PostgreSQL refuses to run as root, so as root
 * it runs as the OS user `postgres`, created when missing, and every folder it must reach is
 * checked first: a sentence naming the folder instead of an EACCES from inside initdb.
 */
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import path from "node:path";

import { defaultRuntimeDir, isRoot } from "./binaries";

export const SERVER_USER = "postgres";

export interface RunAs {
  uid: number;
  gid: number;
  groups: number[];
  name: string;
}

const idOf = (flag: string, name: string) =>
  execFileSync("id", [flag, name], { encoding: "utf8" }).trim();

/** As root, the OS user that runs PostgreSQL (created when missing); otherwise none. */
export function serverAccount(): RunAs | undefined {
  if (!isRoot()) return undefined;
  const name = SERVER_USER;
  try {
    idOf("-u", name);
  } catch {
    try {
      // Exit status 9: the group exists already.
      execFileSync("groupadd", ["--system", name], { stdio: "pipe" });
    } catch (error) {
      if ((error as { status?: number }).status !== 9) throw accountError(name, error);
    }
    try {
      execFileSync(
        "useradd",
        ["--system", "--gid", name, "--no-create-home", "--shell", "/usr/sbin/nologin", name],
        { stdio: "pipe" },
      );
    } catch (error) {
      throw accountError(name, error);
    }
  }
  return {
    name,
    uid: Number(idOf("-u", name)),
    gid: Number(idOf("-g", name)),
    groups: idOf("-G", name).split(/\s+/).map(Number),
  };
}

function accountError(name: string, error: unknown): Error {
  const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
  return new Error(
    `Running as root, PostgreSQL needs an OS user "${name}", and creating it failed: ${stderr || (error instanceof Error ? error.message : String(error))}`,
  );
}

/**
 * Checks that `account` can enter every folder down to `dir`'s parent, so the failure is a
 * sentence naming the folder, not an EACCES from deep inside initdb.
 */
export function assertReachable(dir: string, account: RunAs): void {
  const parts = path.resolve(dir).split(path.sep).filter(Boolean);
  let current: string = path.sep;
  for (const part of parts.slice(0, -1)) {
    current = path.join(current, part);
    const stat = statSync(current);
    const bit =
      stat.uid === account.uid ? 0o100 : account.groups.includes(stat.gid) ? 0o010 : 0o001;
    if ((stat.mode & bit) === 0) {
      throw new Error(
        `PostgreSQL runs as the OS user "${account.name}" (this process runs as root), which cannot enter ${current} (mode ${(stat.mode & 0o777).toString(8)}) on the way to ${dir}. Keep PostgreSQL's files where that user can reach them, e.g. under ${defaultRuntimeDir()}.`,
      );
    }
  }
}

/**
 * Whether the OS user that runs PostgreSQL can enter every folder down to `dir`'s parent:
 * always when this process is not root.
 */
export function serverUserCanReach(dir: string): boolean {
  const account = serverAccount();
  if (!account) return true;
  try {
    assertReachable(dir, account);
    return true;
  } catch {
    return false;
  }
}
