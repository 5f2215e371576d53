import { randomBytes } from "node:crypto";

import type { SQL } from "drizzle-orm";
import pg from "pg";
import { inject } from "vitest";

import { type Database, type OpenDatabase, openDatabase } from "@/lib/server/db/open";

import type { TestPostgresInfo } from "./postgres-global-setup";

/** The two databases the console supports; data-layer tests run against both. */
export const DATABASE_BACKENDS = ["PGlite", "PostgreSQL"] as const;
export type DatabaseBackend = (typeof DATABASE_BACKENDS)[number];

/** Superuser URL of the run's shared PostgreSQL server; throws (fails the test) when there is none. */
export function testPostgresAdminUrl(): string {
  const info = inject("testPostgres") as TestPostgresInfo | undefined;
  if (!info) {
    throw new Error(
      "No test PostgreSQL server was provided: this test file must belong to the 'database' project in vitest.config.ts.",
    );
  }
  if ("error" in info) throw new Error(`The test PostgreSQL server did not start.\n${info.error}`);
  return info.url;
}

async function runAsAdmin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export interface FreshPostgresDatabase {
  /** URL of an empty database (no tables, no migrations) on the shared server. */
  url: string;
  /** Drops it, closing any connection still open to it. */
  drop: () => Promise<void>;
}

/** A new, empty database on the shared server, so test files never see each other's rows. */
export async function createPostgresDatabase(): Promise<FreshPostgresDatabase> {
  const adminUrl = testPostgresAdminUrl();
  const name = `test_${randomBytes(8).toString("hex")}`;
  await runAsAdmin(adminUrl, `create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => runAsAdmin(adminUrl, `drop database if exists "${name}" with (force)`),
  };
}

export interface TestDatabase extends OpenDatabase {
  backend: DatabaseBackend;
  /** The PostgreSQL database's URL, to open it again as another console process; null for PGlite. */
  url: string | null;
}

/**
 * A migrated database through the console's own `openDatabase`: PGlite in memory (about 4 s, so
 * open one per test file), or a fresh database on the shared PostgreSQL server.
 */
export async function openTestDatabase(backend: DatabaseBackend): Promise<TestDatabase> {
  if (backend === "PGlite") return { ...(await openDatabase({})), backend, url: null };
  const fresh = await createPostgresDatabase();
  let opened: OpenDatabase;
  try {
    opened = await openDatabase({ url: fresh.url });
  } catch (error) {
    await fresh.drop();
    throw error;
  }
  return {
    ...opened,
    backend,
    url: fresh.url,
    close: async () => {
      await opened.close();
      await fresh.drop();
    },
  };
}

/** Raw SQL rows; both drivers (node-postgres, PGlite) return them under `rows`. */
export async function queryRows<Row extends Record<string, unknown>>(
  db: Database,
  query: SQL,
): Promise<Row[]> {
  const result = (await db.execute<Row>(query)) as { rows: Row[] };
  return result.rows;
}
