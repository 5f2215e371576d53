import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * "unknown": a Connect mutation failed in a way that does not say whether Connect acted on it
 * (a timeout, a dropped connection, a 5xx...). Never called a failure: the task may exist.
 */
export const AUDIT_OUTCOMES = ["pending", "success", "failure", "unknown", "denied"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * One row per security event or Connect mutation attempt. A mutation is inserted as `pending`
 * before the call and completed after it, so a process that dies mid-call leaves a visible
 * pending row. Actor columns are copied, not referenced: the record must outlive the user.
 */
export const auditEvent = pgTable(
  "audit_event",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    action: text("action").notNull(),
    outcome: text("outcome", { enum: AUDIT_OUTCOMES }).notNull(),
    actorId: text("actor_id"),
    actorEmail: text("actor_email"),
    actorRole: text("actor_role"),
    /** What the action was about: a user id, a contact id... */
    targetId: text("target_id"),
    instanceId: text("instance_id"),
    clientToken: text("client_token"),
    contactId: text("contact_id"),
    /** The request as sent, with secrets removed. */
    request: jsonb("request"),
    /** Anything else worth keeping (reason, old and new role...). */
    detail: jsonb("detail"),
    errorName: text("error_name"),
    errorMessage: text("error_message"),
    awsRequestId: text("aws_request_id"),
    attempts: integer("attempts"),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
  },
  (table) => [
    index("audit_event_occurred_at_idx").on(table.occurredAt.desc()),
    index("audit_event_actor_idx").on(table.actorId),
    index("audit_event_action_idx").on(table.action),
    index("audit_event_pending_idx")
      .on(table.outcome)
      .where(sql`${table.outcome} = 'pending'`),
    index("audit_event_contact_idx").on(table.contactId),
  ],
);

/**
 * Failed sign-ins per key ("account:<email>" or "ip:<address>"), shared by all console processes
 * through the database so a limit cannot be dodged by hitting another process.
 */
export const signInFailure = pgTable("sign_in_failure", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull(),
});
