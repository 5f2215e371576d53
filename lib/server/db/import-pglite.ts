import "server-only";

/**
 * Moves an earlier version's PGlite data (DATA_DIR/pglite) into the embedded PostgreSQL server on
 * its first start. Only into a database with no console rows, so nothing is merged or overwritten:
 * the PGlite folder is opened with the console's own openDatabase (which brings it to the same
 * migrations as the server), every table of the schema is copied in foreign-key order inside one
 * transaction on the server, and only after it commits is the folder renamed to
 * `pglite.imported-<date>` (kept, not deleted: the user removes it once satisfied). A failure
 * rolls the copy back and leaves the folder where it was, so the next start tries again.
 */
import { existsSync, renameSync } from "node:fs";

import { count, getTableName, is } from "drizzle-orm";
import { PgTable, getTableConfig } from "drizzle-orm/pg-core";

import { type Database, openDatabase } from "./open";
import * as schema from "./schema";

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table. */
const BATCH_ROWS = 200;

/** The schema's tables, each after the tables its foreign keys point to. */
export function tablesInForeignKeyOrder(): PgTable[] {
  const tables = (Object.values(schema) as unknown[]).filter((value): value is PgTable =>
    is(value, PgTable),
  );
  const ordered: PgTable[] = [];
  const visit = (table: PgTable, path: PgTable[]) => {
    if (ordered.includes(table)) return;
    if (path.includes(table)) throw new Error(`foreign-key cycle at ${getTableName(table)}`);
    for (const key of getTableConfig(table).foreignKeys) {
      const parent = key.reference().foreignTable;
      if (parent !== table) visit(parent, [...path, table]);
    }
    ordered.push(table);
  };
  for (const table of tables) visit(table, []);
  return ordered;
}

async function rowCount(db: Database, table: PgTable): Promise<number> {
  const [row] = await db.select({ rows: count() }).from(table);
  return row?.rows ?? 0;
}

export type PgliteImport =
  | { outcome: "none" }
  | { outcome: "skipped"; reason: string }
  | { outcome: "imported"; rows: Record<string, number>; movedTo: string };

/**
 * Imports `folder` (a PGlite data folder) into `target` when both conditions hold; see the module
 * comment. `now` names the renamed folder.
 */
export async function importPgliteFolder(
  target: Database,
  folder: string,
  now: Date = new Date(),
): Promise<PgliteImport> {
  if (!existsSync(folder)) return { outcome: "none" };
  const tables = tablesInForeignKeyOrder();
  for (const table of tables) {
    if ((await rowCount(target, table)) > 0) {
      return {
        outcome: "skipped",
        reason: `the PostgreSQL database already has rows (table ${getTableName(table)}), so ${folder} was not imported; it is left as it is`,
      };
    }
  }
  const source = await openDatabase({ dataDir: folder });
  const rows: Record<string, number> = {};
  try {
    await target.transaction(async (tx) => {
      for (const table of tables) {
        const all = await source.db.select().from(table);
        for (let start = 0; start < all.length; start += BATCH_ROWS) {
          await tx.insert(table).values(all.slice(start, start + BATCH_ROWS));
        }
        rows[getTableName(table)] = all.length;
      }
    });
  } finally {
    await source.close();
  }
  const movedTo = `${folder}.imported-${now.toISOString().replace(/[:.]/g, "-")}`;
  renameSync(folder, movedTo);
  return { outcome: "imported", rows, movedTo };
}
