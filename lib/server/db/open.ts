import "server-only";

import { mkdirSync } from "node:fs";
import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";

import { lockPgliteFolder } from "./pglite-lock";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface OpenDatabase {
  db: Database;
  kind: "pglite" | "postgres";
  close: () => Promise<void>;
}

/**
 * Runs `task` while holding a lock named by `key`, across every process sharing the database:
 * a PostgreSQL advisory lock held on one pooled connection for the task's duration, or, for
 * PGlite (one process only), an in-process queue. For check-then-write sequences that a
 * transaction cannot cover because the write goes through another library (Better Auth).
 */
export function withAdvisoryLock<T>(db: Database, key: number, task: () => Promise<T>): Promise<T> {
  const lock = (db as unknown as Record<symbol, LockRunner | undefined>)[LOCK];
  if (!lock) throw new Error("withAdvisoryLock needs a database opened by openDatabase().");
  return lock(key, task) as Promise<T>;
}

type LockRunner = (key: number, task: () => Promise<unknown>) => Promise<unknown>;
/**
 * Kept on the database object under a registered symbol, not in a module-level map: the database
 * is opened by the instrumentation bundle and used from action bundles, each with its own copy of
 * this module.
 */
const LOCK = Symbol.for("connect-task-console.db-lock");
const attachLock = (db: Database, lock: LockRunner) =>
  Object.defineProperty(db, LOCK, { value: lock, enumerable: false });

function postgresLock(pool: pg.Pool): LockRunner {
  return async (key, task) => {
    const client = await pool.connect();
    try {
      await client.query("select pg_advisory_lock($1)", [key]);
      try {
        return await task();
      } finally {
        await client.query("select pg_advisory_unlock($1)", [key]);
      }
    } finally {
      client.release();
    }
  };
}

function inProcessLock(): LockRunner {
  const queues = new Map<number, Promise<unknown>>();
  return (key, task) => {
    const run = (queues.get(key) ?? Promise.resolve()).then(task, task);
    queues.set(
      key,
      run.catch(() => undefined),
    );
    return run;
  };
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");
/** Any fixed number: every console process takes this lock while it migrates. */
const MIGRATION_LOCK_KEY = 7_421_950_113;

/**
 * Opens the console's own database and applies pending migrations.
 * - `url`: a PostgreSQL server, shared safely by several console processes (migrations run under
 *   an advisory lock, everything else is ordinary transactions).
 * - otherwise PGlite in `dataDir` (or in memory without one): one process only. PGlite has no lock
 *   of its own on its folder, so the console holds one (pglite-lock.ts): a second opener fails
 *   with DatabaseFolderInUseError instead of corrupting the folder.
 */
export async function openDatabase(options: {
  url?: string;
  dataDir?: string;
}): Promise<OpenDatabase> {
  if (options.url) return openPostgres(options.url);
  return openPglite(options.dataDir);
}

async function openPostgres(url: string): Promise<OpenDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await migrateNodePg(drizzleNodePg(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client
      .query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY])
      .catch(() => undefined);
    client.release();
  }
  const db = drizzleNodePg(pool, { schema }) as unknown as Database;
  attachLock(db, postgresLock(pool));
  return { db, kind: "postgres", close: () => pool.end() };
}

async function openPglite(dataDir: string | undefined): Promise<OpenDatabase> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const folderLock = dataDir ? lockPgliteFolder(dataDir) : undefined;
  let client: PGlite | undefined;
  try {
    client = new PGlite(dataDir);
    await client.waitReady;
    const pglite = drizzlePglite(client, { schema });
    await migratePglite(pglite, { migrationsFolder: MIGRATIONS_FOLDER });
    const db = pglite as unknown as Database;
    attachLock(db, inProcessLock());
    const opened = client;
    return {
      db,
      kind: "pglite",
      close: async () => {
        try {
          await opened.close();
        } finally {
          folderLock?.release();
        }
      },
    };
  } catch (error) {
    await client?.close().catch(() => undefined);
    folderLock?.release();
    throw error;
  }
}
