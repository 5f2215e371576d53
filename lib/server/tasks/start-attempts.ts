import "server-only";

/**
 * The console's record of StartTaskContact attempts by ClientToken (per instance: Connect keeps
 * tokens per instance). The start action and reconcile read it before calling Connect, so a
 * token that already has a task is answered from the record, and a token Connect may have
 * forgotten is not sent again.
 */
import { type Placeholder, and, asc, eq, inArray, ne, sql } from "drizzle-orm";

import { TASK_ACTIONS } from "@/lib/audit/trail";
import { serverEnv } from "@/lib/env";
import type { Database } from "@/lib/server/db";
import { preparedPer } from "@/lib/server/db/prepared";
import { auditEvent } from "@/lib/server/db/schema";

export interface TokenKey {
  instanceId: string;
  clientToken: string;
}

export interface TokenHistory {
  /** The first attempt that succeeded, with its task. */
  success: { auditId: string; contactId: string; request: unknown } | null;
  /** When the oldest attempt whose outcome is not known (pending or unknown) was sent. */
  oldestUnsettledAt: Date | null;
}

const sameToken = (key: { [K in keyof TokenKey]: TokenKey[K] | Placeholder }) =>
  and(
    eq(auditEvent.action, TASK_ACTIONS.start),
    eq(auditEvent.instanceId, key.instanceId),
    eq(auditEvent.clientToken, key.clientToken),
  );

export interface TokenAttempt {
  id: string;
  outcome: string;
  contactId: string | null;
  request: unknown;
  occurredAt: Date;
}

/** Prepared (lib/server/db/prepared.ts): every submit reads it before calling Connect. */
const attemptsStatement = preparedPer((db: Database) =>
  db
    .select({
      id: auditEvent.id,
      outcome: auditEvent.outcome,
      contactId: auditEvent.contactId,
      request: auditEvent.request,
      occurredAt: auditEvent.occurredAt,
    })
    .from(auditEvent)
    .where(
      and(
        sameToken({
          instanceId: sql.placeholder("instanceId"),
          clientToken: sql.placeholder("clientToken"),
        }),
        inArray(auditEvent.outcome, ["success", "pending", "unknown"]),
      ),
    )
    .orderBy(asc(auditEvent.occurredAt), asc(auditEvent.id))
    .prepare("start_token_attempts"),
);

/** Every attempt with this token that succeeded or whose outcome is not known yet, oldest first. */
export function tokenAttempts(db: Database, key: TokenKey): Promise<TokenAttempt[]> {
  return attemptsStatement(db).execute({
    instanceId: key.instanceId,
    clientToken: key.clientToken,
  });
}

/**
 * What the other attempts say (`exclude`: the caller's own row). Left out here rather than in
 * the query, so the start service can read the attempts while its own row is being written.
 */
export function historyOf(attempts: TokenAttempt[], exclude: string | null): TokenHistory {
  const others = attempts.filter((attempt) => attempt.id !== exclude);
  const success = others.find((row) => row.outcome === "success" && row.contactId);
  const unsettled = others.find((row) => row.outcome !== "success");
  return {
    success: success
      ? { auditId: success.id, contactId: success.contactId!, request: success.request }
      : null,
    oldestUnsettledAt: unsettled?.occurredAt ?? null,
  };
}

/** The other attempts with this token (`exclude`: the caller's own row). */
export async function tokenHistory(
  db: Database,
  key: TokenKey,
  exclude: string | null,
): Promise<TokenHistory> {
  return historyOf(await tokenAttempts(db, key), exclude);
}

/**
 * Once an attempt with this token succeeded, the earlier attempts whose outcome was unknown are
 * known too: Connect answers a repeated token with the task it made the first time, so they were
 * that same task. They become successes with its ContactId; their own error stays on the row,
 * and the detail says which attempt settled them. Pending rows are left to reconcile: their call
 * may still be running. Returns how many rows were settled.
 */
export async function settleUnknownStarts(
  db: Database,
  key: TokenKey,
  settledBy: { auditId: string; contactId: string; at?: Date },
): Promise<number> {
  const at = settledBy.at ?? new Date();
  const settled = {
    settled: {
      byAuditEvent: settledBy.auditId,
      at: at.toISOString(),
      how: "A later attempt with the same ClientToken succeeded.",
    },
  };
  const rows = await db
    .update(auditEvent)
    .set({
      outcome: "success",
      contactId: settledBy.contactId,
      completedAt: at,
      detail: sql`coalesce(${auditEvent.detail}, '{}'::jsonb) || ${JSON.stringify(settled)}::jsonb`,
    })
    .where(
      and(sameToken(key), eq(auditEvent.outcome, "unknown"), ne(auditEvent.id, settledBy.auditId)),
    )
    .returning({ id: auditEvent.id });
  return rows.length;
}

/**
 * For a query over `audit_event`: only the first successful start of each contact. Several
 * successful rows share a ContactId once an unknown attempt is settled, or a repeated token is
 * answered from the record; lists and counts show each task once.
 */
export const isFirstStartOfContact = sql`not exists (
  select 1 from ${auditEvent} as earlier
  where earlier.action = ${TASK_ACTIONS.start}
    and earlier.outcome = 'success'
    and earlier.contact_id = ${auditEvent.contactId}
    and (earlier.occurred_at, earlier.id) < (${auditEvent.occurredAt}, ${auditEvent.id})
)`;

/**
 * Whether Connect may have forgotten a token first sent at `firstSentAt`: AWS does not publish how
 * long it remembers one, so the console assumes CONNECT_IDEMPOTENCY_WINDOW_MINUTES
 * (docs/connect-api.md, ClientToken and idempotency) and never sends a token again past it. The
 * start action and reconcile both ask here.
 */
export function isTokenPossiblyForgotten(firstSentAt: Date, now: Date = new Date()): boolean {
  const windowMs = serverEnv().CONNECT_IDEMPOTENCY_WINDOW_MINUTES * 60_000;
  return now.getTime() - firstSentAt.getTime() > windowMs;
}

/** The JSON of a request with its keys sorted, to tell whether two requests are the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : inner,
  );
}
