import type { OpenDatabase } from "@/lib/server/db/open";

import { type TestDatabase, openTestDatabase } from "./test-database";

/**
 * Every Connect call takes its token from the budget kept in the console's database
 * (lib/server/connect/rate-budget.ts): adapter tests that have no console database of their own
 * install a fresh PostgreSQL one as the console's (where getDb() finds it), and close it after.
 */
export async function installConsoleDatabase(): Promise<TestDatabase> {
  const opened = await openTestDatabase("PostgreSQL");
  const holder = globalThis as unknown as { __consoleDb?: Promise<OpenDatabase> };
  holder.__consoleDb = Promise.resolve(opened);
  return opened;
}
