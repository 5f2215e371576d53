import "server-only";

import path from "node:path";

import { ensureEmbeddedDatabase } from "@/db-server/embedded";
import { serverEnv } from "@/lib/env";
import { log } from "@/lib/server/log";

import { importPgliteFolder } from "./import-pglite";
import { type Database, type OpenDatabase, openDatabase, withAdvisoryLock } from "./open";

export type { Database } from "./open";

/**
 * The process-wide database, opened (and migrated) on first use: DATABASE_URL's server, or else
 * the embedded PostgreSQL server of DATA_DIR (db-server/embedded.ts), started or joined here, so
 * every way of running the console (npm start, npm run dev, the demo, the tests' harnesses) gets
 * it without a wrapper. Kept on globalThis so the dev server's module reloads do not open a
 * second pool.
 */
/** Any fixed number, other than the migrations' lock. */
const PGLITE_IMPORT_LOCK_KEY = 7_421_950_114;

const holder = globalThis as unknown as { __consoleDb?: Promise<OpenDatabase> };

export function openConsoleDatabase(): Promise<OpenDatabase> {
  if (!holder.__consoleDb) {
    const env = serverEnv();
    holder.__consoleDb = (
      env.DATABASE_URL
        ? openDatabase({ url: env.DATABASE_URL })
        : openEmbeddedDatabase(env.DATA_DIR, env.EMBEDDED_POSTGRES_PORT)
    ).catch((error: unknown) => {
      holder.__consoleDb = undefined;
      throw error;
    });
  }
  return holder.__consoleDb;
}

async function openEmbeddedDatabase(dataDir: string, port: number): Promise<OpenDatabase> {
  const logger = log.child({ module: "database" });
  const server = await ensureEmbeddedDatabase({
    dataDir,
    port,
    onLog: (line) => logger.info(line),
  });
  try {
    const opened = await openDatabase({ url: server.url });
    // An earlier version kept its data in PGlite there: moved over once (import-pglite.ts), by
    // one process at a time, so a second console starting with the first finds it done.
    const imported = await withAdvisoryLock(opened.db, PGLITE_IMPORT_LOCK_KEY, () =>
      importPgliteFolder(opened.db, path.join(dataDir, "pglite")),
    );
    if (imported.outcome === "imported") {
      logger.info(
        { rows: imported.rows, movedTo: imported.movedTo },
        "PGlite data imported into the embedded PostgreSQL",
      );
    } else if (imported.outcome === "skipped") {
      logger.warn(imported.reason);
    }
    return {
      ...opened,
      close: async () => {
        await opened.close();
        server.release();
      },
    };
  } catch (error) {
    server.release();
    throw error;
  }
}

export async function getDb(): Promise<Database> {
  return (await openConsoleDatabase()).db;
}
