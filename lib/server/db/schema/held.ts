import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * A task scheduled beyond Connect's horizon, kept by the console until its time is inside the
 * horizon and then released into Connect by the "held.release" job (lib/server/tasks/held.ts).
 * Its ClientToken is fixed when it is held, so a release sent twice creates one task; one row
 * per (instance, ClientToken), so holding the same submit again finds the same row.
 *
 * held: waiting; releasing: claimed by a release run (`claimed_at`); released: Connect created it
 * (`contact_id`); release_failed: Connect refused it (`failure_*`); cancelled: before release
 * (a skipped occurrence too); paused: an occurrence of a paused series, not released until the
 * series resumes.
 */
export const HELD_TASK_STATES = [
  "held",
  "paused",
  "releasing",
  "released",
  "release_failed",
  "cancelled",
] as const;
export type HeldTaskState = (typeof HELD_TASK_STATES)[number];

export const heldTask = pgTable(
  "held_task",
  {
    /** The console's id ("held-<uuid>"), its address until Connect gives a ContactId. */
    id: text("id").primaryKey(),
    instanceId: text("instance_id").notNull(),
    /** The parsed task values (lib/task/schema.ts's output), sent as they are at release. */
    values: jsonb("values").notNull(),
    /** The instant chosen (values.scheduledLocal in values.timeZone): the ScheduledTime sent. */
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }).notNull(),
    timeZone: text("time_zone").notNull(),
    clientToken: text("client_token").notNull(),
    state: text("state").$type<HeldTaskState>().notNull().default("held"),
    contactId: text("contact_id"),
    failureCode: text("failure_code"),
    failureMessage: text("failure_message"),
    /** Releases that ended without Connect's answer (throttled, outcome unknown), retried. */
    attempts: integer("attempts").notNull().default(0),
    /** When a release run claimed it: a claim older than a run's longest life is taken over. */
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    /** Who held it, copied like the audit trail's actor: the release runs as this requester. */
    createdById: text("created_by_id").notNull(),
    createdByEmail: text("created_by_email"),
    createdByRole: text("created_by_role").notNull(),
    /** A series' occurrence (recurring tasks): the series and the occurrence's own instant. */
    seriesId: text("series_id"),
    occurrenceAt: timestamp("occurrence_at", { withTimezone: true }),
    releasedAt: timestamp("released_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("held_task_token_idx").on(table.instanceId, table.clientToken),
    index("held_task_due_idx").on(table.state, table.scheduledAt),
    index("held_task_series_idx").on(table.seriesId, table.occurrenceAt),
  ],
);
