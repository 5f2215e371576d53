import { sql } from "drizzle-orm";
import {
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

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
 *
 * Events anyone can cause without an account (denied requests, failed sign-ins) are aggregated:
 * one row per aggregate key (who, from where, what, which minute) whose `repeat_count` grows and
 * whose `completed_at` moves to the latest one, so a flood adds rows per client and minute only.
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
    /** How many events this row stands for (1 unless aggregated). */
    repeatCount: integer("repeat_count").notNull().default(1),
    /** Digest of the aggregation key; null for events that are never aggregated. */
    aggregateKey: text("aggregate_key"),
  },
  (table) => [
    index("audit_event_occurred_at_idx").on(table.occurredAt.desc()),
    index("audit_event_actor_idx").on(table.actorId),
    index("audit_event_action_idx").on(table.action),
    index("audit_event_pending_idx")
      .on(table.outcome)
      .where(sql`${table.outcome} = 'pending'`),
    index("audit_event_contact_idx").on(table.contactId),
    // Attempts of one ClientToken: the start and reconcile look for an earlier success by it.
    index("audit_event_client_token_idx").on(table.clientToken),
    uniqueIndex("audit_event_aggregate_key_idx").on(table.aggregateKey),
  ],
);

/**
 * Sign-in attempts counted per key (an account, an account from one address, an address), shared
 * by all console processes through the database so a limit cannot be dodged by hitting another
 * process. `email` is set on the account keys, so an administrator can see and clear them.
 */
export const signInFailure = pgTable(
  "sign_in_failure",
  {
    key: text("key").primaryKey(),
    email: text("email"),
    failures: integer("failures").notNull(),
    windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull(),
  },
  (table) => [
    index("sign_in_failure_email_idx").on(table.email),
    index("sign_in_failure_window_idx").on(table.windowStartedAt),
  ],
);
