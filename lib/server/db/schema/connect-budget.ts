import { doublePrecision, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The one Connect call budget shared by every console process on this database
 * (lib/server/connect/rate-budget.ts): per account/Region scope and operation, the time at which
 * its next token is due on the DATABASE clock. A generic cell rate schedule: the bucket is full
 * when `next_free_at` lies a whole burst in the past, empty when it lies in the future.
 */
export const connectBudget = pgTable(
  "connect_budget",
  {
    /** The account/Region the quota belongs to, e.g. "us-east-1|local" (see budgetScope()). */
    scope: text("scope").notNull(),
    operation: text("operation").notNull(),
    nextFreeAt: timestamp("next_free_at", { withTimezone: true, precision: 6 }).notNull(),
    /** The interval last used, so a changed CONNECT_RATE_LIMITS is visible in the row. */
    intervalMs: doublePrecision("interval_ms").notNull(),
  },
  (table) => [primaryKey({ columns: [table.scope, table.operation] })],
);
