import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The composer's draft, one per user: what they typed survives a reload, a failed submit and a
 * new sign-in (on any browser). The draft owns its ClientToken until a confirmed success.
 */
export const taskDraft = pgTable("task_draft", {
  userId: text("user_id").primaryKey(),
  values: jsonb("values").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
