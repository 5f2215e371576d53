import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * A recurring task (lib/server/tasks/series.ts): the task's values and its rule
 * (lib/schedule/series-rule.ts). Its occurrences are held tasks (`held_task.series_id`), made a
 * rolling window ahead at a time up to `materialised_until` and released like any held task.
 *
 * active: occurrences are made and released; paused: its held occurrences wait (state "paused")
 * and none are made; ended: no more occurrences, the waiting ones were cancelled (all of them, or
 * from the occurrence where an edit of its timing continued it as a new series).
 */
export const SERIES_STATES = ["active", "paused", "ended"] as const;
export type SeriesState = (typeof SERIES_STATES)[number];

export const taskSeries = pgTable(
  "task_series",
  {
    /** "series-<uuid>": the address of its page, /tasks/series/<id>. */
    id: text("id").primaryKey(),
    instanceId: text("instance_id").notNull(),
    /** The values each new occurrence is held with (its time and ClientToken its own). */
    values: jsonb("values").notNull(),
    /** The checked rule (SeriesRule), read back through its schema. */
    rule: jsonb("rule").notNull(),
    timeZone: text("time_zone").notNull(),
    state: text("state").$type<SeriesState>().notNull().default("active"),
    /** Occurrences before this instant exist as held tasks; the top-up job makes the next ones. */
    materialisedUntil: timestamp("materialised_until", { withTimezone: true }).notNull(),
    /** Bumped by every change of values or state: the page's edits are checked against it. */
    revision: integer("revision").notNull().default(0),
    createdById: text("created_by_id").notNull(),
    createdByEmail: text("created_by_email"),
    createdByRole: text("created_by_role").notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    /**
     * The series this one continues as, when an edit changed its timing: it ended before the
     * edited occurrence, and the new series has that one and the following ones (series-timing.ts).
     */
    continuedAsId: text("continued_as_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // A series page asks which series it continues.
  (table) => [index("task_series_continued_as_idx").on(table.continuedAsId)],
);
