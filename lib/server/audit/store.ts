import "server-only";

import { createHash } from "node:crypto";

import { and, eq, sql } from "drizzle-orm";

import type { Database } from "@/lib/server/db";
import { preparedPer } from "@/lib/server/db/prepared";
import { type AuditOutcome, auditEvent } from "@/lib/server/db/schema";

import { AUDIT_LIMITS as L, boundJson, clipText } from "./bounds";
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
    actorEmail: clipText(actor.email, L.email),
    actorRole: clipText(actor.role, L.role),
    ipAddress: clipText(actor.ipAddress, L.ipAddress),
    userAgent: clipText(actor.userAgent, L.userAgent),
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

/** Secrets out, then within the row's size (see bounds.ts). */
const detailColumn = (detail: unknown) => boundJson(redact(detail), L.detailBytes);
const requestColumn = (request: unknown) => boundJson(redact(request), L.requestBytes);

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
    targetId: clipText(event.targetId, L.targetId),
    detail: event.detail === undefined ? null : detailColumn(event.detail),
    errorName: clipText(event.errorName, L.errorName),
    errorMessage: clipText(event.errorMessage, L.errorMessage),
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

const placeholder = sql.placeholder;

/**
 * The pending row's insert, prepared (lib/server/db/prepared.ts): it is on every submit's path.
 * The request goes in as JSON text (or NULL): a jsonb placeholder would turn a null into JSON null.
 */
const beginStatement = preparedPer((db: Database) =>
  db
    .insert(auditEvent)
    .values({
      action: placeholder("action"),
      outcome: "pending",
      actorId: placeholder("actorId"),
      actorEmail: placeholder("actorEmail"),
      actorRole: placeholder("actorRole"),
      ipAddress: placeholder("ipAddress"),
      userAgent: placeholder("userAgent"),
      targetId: placeholder("targetId"),
      instanceId: placeholder("instanceId"),
      clientToken: placeholder("clientToken"),
      request: sql`cast(${placeholder("request")} as jsonb)`,
    })
    .returning({ id: auditEvent.id })
    .prepare("audit_begin_attempt"),
);

/** Written before a mutation is sent: if the process dies mid-call this row stays `pending`. */
export async function beginAuditAttempt(db: Database, attempt: AttemptInput): Promise<string> {
  const [row] = await beginStatement(db).execute({
    action: attempt.action,
    ...actorColumns(attempt.actor),
    targetId: clipText(attempt.targetId, L.targetId),
    instanceId: attempt.instanceId ?? null,
    clientToken: attempt.clientToken ?? null,
    request:
      attempt.request === undefined
        ? null
        : (JSON.stringify(requestColumn(attempt.request)) ?? null),
  });
  return row!.id;
}

export interface AttemptResult {
  /** "unknown": the call failed in a way that does not say whether Connect acted on it. */
  outcome: "success" | "failure" | "unknown";
  contactId?: string | null;
  targetId?: string | null;
  detail?: unknown;
  errorName?: string | null;
  errorMessage?: string | null;
  awsRequestId?: string | null;
  attempts?: number | null;
}

/**
 * Completes a pending attempt. Only a row that is still pending is written: a row settled
 * meanwhile (reconciled, or settled by a later attempt with the same ClientToken) is never
 * overwritten. Returns whether this call completed it.
 */
export async function completeAuditAttempt(
  db: Database,
  id: string,
  result: AttemptResult,
): Promise<boolean> {
  const updated = await db
    .update(auditEvent)
    .set({
      outcome: result.outcome,
      completedAt: new Date(),
      ...(result.contactId !== undefined ? { contactId: result.contactId } : {}),
      ...(result.targetId !== undefined ? { targetId: clipText(result.targetId, L.targetId) } : {}),
      ...(result.detail !== undefined ? { detail: detailColumn(result.detail) } : {}),
      errorName: clipText(result.errorName, L.errorName),
      errorMessage: clipText(result.errorMessage, L.errorMessage),
      awsRequestId: clipText(result.awsRequestId, L.awsRequestId),
      attempts: result.attempts ?? null,
    })
    .where(and(eq(auditEvent.id, id), eq(auditEvent.outcome, "pending")))
    .returning({ id: auditEvent.id });
  return updated.length > 0;
}
