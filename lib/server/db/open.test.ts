import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { afterAll, describe, expect, it } from "vitest";

import {
  DATABASE_BACKENDS,
  type DatabaseBackend,
  createPostgresDatabase,
  queryRows,
} from "@/test-support/test-database";

import {
  type Database,
  MIGRATIONS_FOLDER,
  type OpenDatabase,
  openDatabase,
  withAdvisoryLock,
} from "./open";
import * as schema from "./schema";
import { auditEvent } from "./schema";

const journal = JSON.parse(
  readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"),
) as { entries: { when: number; tag: string }[] };
/** drizzle records each applied migration under its journal timestamp. */
const ALL_MIGRATIONS = journal.entries.map((entry) => entry.when);

/** Every table of the Drizzle schema: the migrations must create exactly these. */
const CONSOLE_TABLES = Object.values(schema)
  .filter((value) => is(value, PgTable))
  .map((table) => getTableName(table))
  .sort();

async function appliedMigrations(db: Database): Promise<number[]> {
  const rows = await queryRows<{ created_at: string | number }>(
    db,
    sql`select created_at from drizzle.__drizzle_migrations order by id`,
  );
  return rows.map((row) => Number(row.created_at));
}

async function publicTables(db: Database): Promise<string[]> {
  const rows = await queryRows<{ table_name: string }>(
    db,
    sql`select table_name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  return rows.map((row) => row.table_name);
}

interface EmptyDatabase {
  open: () => Promise<OpenDatabase>;
  remove: () => Promise<void>;
}

/** An empty database that can be opened, closed and opened again, as a console restart does. */
async function emptyDatabase(backend: DatabaseBackend): Promise<EmptyDatabase> {
  if (backend === "PGlite") {
    // On disk (as DATA_DIR): an in-memory PGlite would not survive the reopen.
    const parent = await mkdtemp(path.join(tmpdir(), "console-pglite-"));
    const dataDir = path.join(parent, "pglite");
    return {
      open: () => openDatabase({ dataDir }),
      remove: () => rm(parent, { recursive: true, force: true }),
    };
  }
  const fresh = await createPostgresDatabase();
  return { open: () => openDatabase({ url: fresh.url }), remove: fresh.drop };
}

describe.each(DATABASE_BACKENDS)("openDatabase on %s", (backend) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("migrates an empty database, and a reopen applies nothing twice and keeps the rows", async () => {
    const empty = await emptyDatabase(backend);
    cleanups.push(empty.remove);

    const first = await empty.open();
    cleanups.push(first.close);
    expect(first.kind).toBe(backend === "PGlite" ? "pglite" : "postgres");
    expect(await publicTables(first.db)).toEqual(CONSOLE_TABLES);
    expect(await appliedMigrations(first.db)).toEqual(ALL_MIGRATIONS);
    await first.db.insert(auditEvent).values({ action: "test.reopen", outcome: "success" });
    await first.close();
    cleanups.pop();

    const second = await empty.open();
    cleanups.push(second.close);
    expect(await appliedMigrations(second.db)).toEqual(ALL_MIGRATIONS);
    expect(await publicTables(second.db)).toEqual(CONSOLE_TABLES);
    const kept = await second.db.select({ action: auditEvent.action }).from(auditEvent);
    expect(kept).toEqual([{ action: "test.reopen" }]);
    await second.close();
    cleanups.pop();
  });
});

describe("openDatabase on PostgreSQL shared by several console processes", () => {
  const opened: OpenDatabase[] = [];
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await Promise.all(opened.map((database) => database.close()));
    await drop?.();
  });

  it("lets processes that start at once against an empty database migrate it exactly once", async () => {
    const fresh = await createPostgresDatabase();
    drop = fresh.drop;

    // Each openDatabase has its own pool, as each console process would.
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => openDatabase({ url: fresh.url })),
    );
    for (const result of results) if (result.status === "fulfilled") opened.push(result.value);
    expect(results.map((result) => result.status)).toEqual(Array(5).fill("fulfilled"));

    for (const database of opened) {
      expect(await appliedMigrations(database.db)).toEqual(ALL_MIGRATIONS);
    }
    expect(await publicTables(opened[0]!.db)).toEqual(CONSOLE_TABLES);

    // Each process sees the others' writes: one database, not five.
    await Promise.all(
      opened.map((database, index) =>
        database.db
          .insert(auditEvent)
          .values({ action: `test.process.${index}`, outcome: "success" }),
      ),
    );
    const rows = await opened[4]!.db.select({ action: auditEvent.action }).from(auditEvent);
    expect(rows.map((row) => row.action).sort()).toEqual([
      "test.process.0",
      "test.process.1",
      "test.process.2",
      "test.process.3",
      "test.process.4",
    ]);
  });

  it("serialises a locked section across processes: check-then-write sections never overlap", async () => {
    // Two "processes" (pools) check a counter and write it back with a pause in between, the
    // window in which the last-admin check could race. Under the lock no update is lost.
    const [first, second] = opened;
    const counter = () =>
      first!.db
        .select({ action: auditEvent.action })
        .from(auditEvent)
        .where(sql`${auditEvent.action} like 'test.lock.%'`);
    const bump = (database: OpenDatabase) =>
      withAdvisoryLock(database.db, 42, async () => {
        const seen = (await counter()).length;
        await new Promise((resolve) => setTimeout(resolve, 50));
        await database.db
          .insert(auditEvent)
          .values({ action: `test.lock.${seen}`, outcome: "success" });
      });
    await Promise.all([bump(first!), bump(second!), bump(first!), bump(second!)]);
    expect((await counter()).map((row) => row.action).sort()).toEqual([
      "test.lock.0",
      "test.lock.1",
      "test.lock.2",
      "test.lock.3",
    ]);
  });
});
