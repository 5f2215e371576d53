import "server-only";

import path from "node:path";

import { serverEnv } from "@/lib/env";

import { type Database, type OpenDatabase, openDatabase } from "./open";

export type { Database } from "./open";

/**
 * The process-wide database, opened (and migrated) on first use. Kept on globalThis so the dev
 * server's module reloads do not open a second PGlite on the same folder.
 */
const holder = globalThis as unknown as { __consoleDb?: Promise<OpenDatabase> };

export function openConsoleDatabase(): Promise<OpenDatabase> {
  if (!holder.__consoleDb) {
    const env = serverEnv();
    holder.__consoleDb = openDatabase({
      url: env.DATABASE_URL,
      dataDir: path.join(env.DATA_DIR, "pglite"),
    }).catch((error: unknown) => {
      holder.__consoleDb = undefined;
      throw error;
    });
  }
  return holder.__consoleDb;
}

export async function getDb(): Promise<Database> {
  return (await openConsoleDatabase()).db;
}
