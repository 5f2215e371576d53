import "server-only";

import { createHash } from "node:crypto";

import { eq, sql } from "drizzle-orm";

import type { Database } from "@/lib/server/db";
import { type AuditOutcome, auditEvent } from "@/lib/server/db/schema";

import { redact } from "./redact";

/** Who did it. Copied into each record, so the record outlives the user. */
export interface AuditActor {
  id: string | null;
  email: string | null;
  role: string | null;
  ipAddress?: string | null;
  userAgent?: string | null;
}

export const ANONYMOUS: AuditActor = { id: null, email: null, role: null };

export interface AuditEventInput {
  action: string;
  outcome: Exclude<AuditOutcome, "pending">;
  actor: AuditActor;
  targetId?: string | null;
  detail?: unknown;
  errorName?: string | null;
  errorMessage?: string | null;
  /**
   * Fold this event into the row of its kind (action, outcome, error, actor, address) of the same
   * minute. On by default for denied events; failed sign-ins ask for it.
   */
  aggregate?: boolean;
}

function actorColumns(actor: AuditActor) {
  return {
    actorId: actor.id,
    actorEmail: actor.email,
    actorRole: actor.role,
    ipAddress: actor.ipAddress ?? null,
    userAgent: actor.userAgent?.slice(0, 512) ?? null,
  };
}

/**
 * The aggregation key: what happened, to whom it is attributed, from where, and the minute. Not
 * the user agent or the target, which anyone can vary at will. A digest keeps the index small.
 */
function aggregateKeyOf(event: AuditEventInput, now: Date): string {
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString();
  const parts = [
    event.action,
    event.outcome,
    event.errorName ?? null,
    event.actor.id,
    event.actor.email,
    event.actor.ipAddress ?? null,
    minute,
  ];
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

/**
 * A finished event (sign-in, user change, denied access...). An aggregated event is one upsert:
 * the first of its minute inserts the row, the next ones add to its count and move its
 * completed_at, so a flood of anonymous requests adds rows per client and minute, not per request.
 */
export async function recordAuditEvent(
  db: Database,
  event: AuditEventInput,
  now = new Date(),
): Promise<string> {
  const isAggregated = event.aggregate ?? event.outcome === "denied";
  const insert = db.insert(auditEvent).values({
    action: event.action,
    outcome: event.outcome,
    ...actorColumns(event.actor),
    targetId: event.targetId ?? null,
    detail: event.detail === undefined ? null : redact(event.detail),
    errorName: event.errorName ?? null,
    errorMessage: event.errorMessage ?? null,
    occurredAt: now,
    completedAt: now,
    aggregateKey: isAggregated ? aggregateKeyOf(event, now) : null,
  });
  const [row] = await (
    isAggregated
      ? insert.onConflictDoUpdate({
          target: auditEvent.aggregateKey,
          set: {
            repeatCount: sql`${auditEvent.repeatCount} + 1`,
            completedAt: sql`greatest(${auditEvent.completedAt}, excluded.completed_at)`,
          },
        })
      : insert
  ).returning({ id: auditEvent.id });
  return row!.id;
}

export interface AttemptInput {
  action: string;
  actor: AuditActor;
  targetId?: string | null;
  instanceId?: string | null;
  clientToken?: string | null;
  request?: unknown;
}

/** Written before a mutation is sent: if the process dies mid-call this row stays `pending`. */
export async function beginAuditAttempt(db: Database, attempt: AttemptInput): Promise<string> {
  const [row] = await db
    .insert(auditEvent)
    .values({
      action: attempt.action,
      outcome: "pending",
      ...actorColumns(attempt.actor),
      targetId: attempt.targetId ?? null,
      instanceId: attempt.instanceId ?? null,
      clientToken: attempt.clientToken ?? null,
      request: attempt.request === undefined ? null : redact(attempt.request),
    })
    .returning({ id: auditEvent.id });
  return row!.id;
}

export interface AttemptResult {
  outcome: "success" | "failure";
  contactId?: string | null;
  targetId?: string | null;
  detail?: unknown;
  errorName?: string | null;
  errorMessage?: string | null;
  awsRequestId?: string | null;
  attempts?: number | null;
}

export async function completeAuditAttempt(
  db: Database,
  id: string,
  result: AttemptResult,
): Promise<void> {
  await db
    .update(auditEvent)
    .set({
      outcome: result.outcome,
      completedAt: new Date(),
      ...(result.contactId !== undefined ? { contactId: result.contactId } : {}),
      ...(result.targetId !== undefined ? { targetId: result.targetId } : {}),
      ...(result.detail !== undefined ? { detail: redact(result.detail) } : {}),
      errorName: result.errorName ?? null,
      errorMessage: result.errorMessage ?? null,
      awsRequestId: result.awsRequestId ?? null,
      attempts: result.attempts ?? null,
    })
    .where(eq(auditEvent.id, id));
}
