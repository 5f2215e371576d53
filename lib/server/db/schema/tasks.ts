import { index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

import type { TaskStatus } from "@/lib/task/status";

/**
 * The last DescribeContact answer per contact, shared by every console process and user, so the
 * tasks list, the agenda and the task page stay within Connect's rate limits: a snapshot younger
 * than the cache age is served as is, and a final one (ended, expired, cancelled) is never read
 * again. The audit trail stays the record of what the console did; this is only a cache.
 */
export const contactSnapshot = pgTable(
  "contact_snapshot",
  {
    contactId: text("contact_id").primaryKey(),
    instanceId: text("instance_id").notNull(),
    status: text("status").$type<TaskStatus>().notNull(),
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }),
    /** The whole ContactSummary, dates as ISO strings. */
    contact: jsonb("contact").notNull(),
    checkedAt: timestamp("checked_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("contact_snapshot_status_idx").on(table.status, table.scheduledAt)],
);
