import "server-only";

import { type SQL, and, count, desc, eq, ilike, like, or, sql } from "drizzle-orm";

import {
  AUDIT_PAGE_SIZE,
  type AuditEventView,
  TASK_ACTIONS,
  type AuditFilters,
  isActionPrefix,
} from "@/lib/audit/trail";
import { hasPermission } from "@/lib/permissions";
import { reconcileAfterMs } from "@/lib/server/connect/client";
import type { Database } from "@/lib/server/db";
import { containsPattern, containsText, prefixPattern, withinDays } from "@/lib/server/db/filters";
import { auditEvent } from "@/lib/server/db/schema";

/**
 * Whose rows a reader may see. Enforced in every query here, on the server: a reader without
 * `audit.read.all` gets only the rows they acted in, whatever the filters say.
 */
export interface AuditScope {
  userId: string;
  canReadAll: boolean;
}

export function auditScopeFor(user: { id: string; role: string }): AuditScope {
  return { userId: user.id, canReadAll: hasPermission(user.role, "audit.read.all") };
}

export function auditWhere(
  filters: Omit<AuditFilters, "page">,
  scope: AuditScope,
): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (!scope.canReadAll) conditions.push(eq(auditEvent.actorId, scope.userId));
  if (filters.person) {
    conditions.push(
      or(
        ilike(auditEvent.actorEmail, containsPattern(filters.person)),
        eq(auditEvent.actorId, filters.person),
      ),
    );
  }
  if (filters.action) {
    conditions.push(
      isActionPrefix(filters.action)
        ? like(auditEvent.action, prefixPattern(filters.action.replace(/\*$/, "")))
        : eq(auditEvent.action, filters.action),
    );
  }
  if (filters.outcome) conditions.push(eq(auditEvent.outcome, filters.outcome));
  conditions.push(withinDays(auditEvent.occurredAt, filters));
  if (filters.q) {
    conditions.push(
      containsText(filters.q, [
        auditEvent.targetId,
        auditEvent.contactId,
        auditEvent.instanceId,
        auditEvent.clientToken,
        auditEvent.errorName,
        auditEvent.errorMessage,
        auditEvent.awsRequestId,
        auditEvent.ipAddress,
        // The recorded request and detail, so a task can be found by its name or a reference.
        sql`${auditEvent.request}::text`,
        sql`${auditEvent.detail}::text`,
      ]),
    );
  }
  return and(...conditions);
}

type AuditRow = typeof auditEvent.$inferSelect;

/**
 * Rows a reconcile may settle: any pending row (its call was interrupted), and a task start whose
 * outcome is unknown (the only kind whose request can be sent again or matched by its token).
 */
export function isReconcilableKind(row: Pick<AuditRow, "action" | "outcome">): boolean {
  return (
    row.outcome === "pending" || (row.outcome === "unknown" && row.action === TASK_ACTIONS.start)
  );
}

export function toAuditEventView(
  row: AuditRow,
  now: Date,
  afterMs: number = reconcileAfterMs(),
): AuditEventView {
  const ageMs = now.getTime() - row.occurredAt.getTime();
  const pendingMs = row.outcome === "pending" ? ageMs : null;
  const waitMs = isReconcilableKind(row) ? Math.max(0, afterMs - ageMs) : null;
  return {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    action: row.action,
    outcome: row.outcome,
    actorId: row.actorId,
    actorEmail: row.actorEmail,
    actorRole: row.actorRole,
    targetId: row.targetId,
    instanceId: row.instanceId,
    clientToken: row.clientToken,
    contactId: row.contactId,
    request: row.request,
    detail: row.detail,
    errorName: row.errorName,
    errorMessage: row.errorMessage,
    awsRequestId: row.awsRequestId,
    attempts: row.attempts,
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    repeatCount: row.repeatCount,
    pendingSeconds: pendingMs === null ? null : Math.max(0, Math.floor(pendingMs / 1000)),
    isReconcilable: waitMs === 0,
    reconcilableInSeconds: waitMs === null ? null : Math.ceil(waitMs / 1000),
  };
}

export interface AuditPage {
  events: AuditEventView[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
}

/** One page of events, newest first, with the total for the same filters and scope. */
export async function listAuditEvents(
  db: Database,
  filters: AuditFilters,
  scope: AuditScope,
  now: Date = new Date(),
): Promise<AuditPage> {
  const where = auditWhere(filters, scope);
  const total = await countAuditEvents(db, filters, scope);
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(filters.page, pageCount);
  const rows = await db
    .select()
    .from(auditEvent)
    .where(where)
    .orderBy(desc(auditEvent.occurredAt), desc(auditEvent.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE);
  const afterMs = reconcileAfterMs();
  return {
    events: rows.map((row) => toAuditEventView(row, now, afterMs)),
    total,
    page,
    pageCount,
    pageSize: AUDIT_PAGE_SIZE,
  };
}

export async function countAuditEvents(
  db: Database,
  filters: Omit<AuditFilters, "page">,
  scope: AuditScope,
): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(auditEvent)
    .where(auditWhere(filters, scope));
  return row?.total ?? 0;
}

/**
 * Every matching event, newest first, in batches (keyset on occurred_at, id) so an export never
 * holds the whole trail in memory. The cursor is the timestamp as Postgres text: a JS Date keeps
 * only milliseconds and would skip or repeat rows that differ in microseconds.
 */
export async function* iterateAuditEvents(
  db: Database,
  filters: Omit<AuditFilters, "page">,
  scope: AuditScope,
  options: { limit: number; batchSize?: number; now?: Date },
): AsyncGenerator<AuditEventView[]> {
  const batchSize = options.batchSize ?? 500;
  const now = options.now ?? new Date();
  const afterMs = reconcileAfterMs();
  let cursor: { at: string; id: string } | null = null;
  let remaining = options.limit;
  while (remaining > 0) {
    const after: SQL | undefined = cursor
      ? sql`(${auditEvent.occurredAt}, ${auditEvent.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`
      : undefined;
    const rows = await db
      .select({ row: auditEvent, at: sql<string>`${auditEvent.occurredAt}::text` })
      .from(auditEvent)
      .where(and(auditWhere(filters, scope), after))
      .orderBy(desc(auditEvent.occurredAt), desc(auditEvent.id))
      .limit(Math.min(batchSize, remaining));
    const last = rows.at(-1);
    if (!last) return;
    yield rows.map(({ row }) => toAuditEventView(row, now, afterMs));
    remaining -= rows.length;
    if (rows.length < batchSize) return;
    cursor = { at: last.at, id: last.row.id };
  }
}

/** One event, only if the scope allows it (so an id from elsewhere reveals nothing). */
export async function findAuditEvent(
  db: Database,
  id: string,
  scope: AuditScope,
): Promise<AuditRow | null> {
  const [row] = await db
    .select()
    .from(auditEvent)
    .where(
      and(
        eq(auditEvent.id, id),
        scope.canReadAll ? undefined : eq(auditEvent.actorId, scope.userId),
      ),
    );
  return row ?? null;
}
