import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/**
 * A bulk job: one checked CSV file of one user for one instance, sent row by row by the "bulk.run"
 * job (lib/server/bulk/run.ts). Its state is here, not in a process, so it survives a closed
 * browser and a restart. One job per (creator, instance, file digest): the same file uploaded
 * again is offered its earlier job. `runner` and `heartbeat_at` say which process is sending,
 * so a second run of the job (an engine retry) waits while the first one is alive.
 */
export const BULK_JOB_STATES = ["running", "paused", "cancelled", "finished"] as const;
export type BulkJobState = (typeof BULK_JOB_STATES)[number];

/**
 * rejected: had problems at the check, never sent; pending: to send; sending: claimed by a run;
 * created / failed: Connect's answer (or the service's refusal); cancelled: the job was cancelled first.
 */
export const BULK_ROW_STATES = [
  "rejected",
  "pending",
  "sending",
  "created",
  "failed",
  "cancelled",
] as const;
export type BulkRowState = (typeof BULK_ROW_STATES)[number];

export const bulkJob = pgTable(
  "bulk_job",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    instanceId: text("instance_id").notNull(),
    fileName: text("file_name").notNull(),
    /** SHA-256 of the file's text (lib/bulk/token.ts): the rows' ClientTokens derive from it. */
    fileDigest: text("file_digest").notNull(),
    timeZone: text("time_zone").notNull(),
    /** The file's header as written, for the results file. */
    header: jsonb("header").$type<string[]>().notNull(),
    /** Who created it, copied like the audit trail's actor (the start-task service's requester). */
    creatorId: text("creator_id").notNull(),
    creatorEmail: text("creator_email"),
    creatorRole: text("creator_role").notNull(),
    state: text("state").$type<BulkJobState>().notNull().default("running"),
    totalRows: integer("total_rows").notNull(),
    readyRows: integer("ready_rows").notNull(),
    runner: text("runner"),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("bulk_job_file_idx").on(table.creatorId, table.instanceId, table.fileDigest),
    index("bulk_job_created_idx").on(table.creatorId, table.createdAt),
  ],
);

export const bulkRow = pgTable(
  "bulk_row",
  {
    jobId: uuid("job_id")
      .notNull()
      .references(() => bulkJob.id, { onDelete: "cascade" }),
    /** The record number in the file (the header is row 1). */
    rowNumber: integer("row_number").notNull(),
    cells: jsonb("cells").$type<string[]>().notNull(),
    /** The composer's values as checked (lib/task/schema.ts's input); null for a rejected row. */
    values: jsonb("values"),
    clientToken: text("client_token"),
    state: text("state").$type<BulkRowState>().notNull(),
    contactId: text("contact_id"),
    /** Why it failed, or its problems at the check. */
    error: text("error"),
    /** Sends that ended without an answer (throttled, outcome unknown), retried with the same token. */
    attempts: integer("attempts").notNull().default(0),
    auditId: text("audit_id"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.jobId, table.rowNumber] }),
    index("bulk_row_state_idx").on(table.jobId, table.state, table.rowNumber),
  ],
);
