import "server-only";

/**
 * What the console recorded when it created a task, read from the audit trail. "A task the
 * console created" is defined once here (`createdTasks`): every list, count and lookup of the
 * console's tasks (tasks list, agenda, task page, its links, follow-ups) selects with it.
 */
import { type SQL, and, asc, count, eq, inArray, isNotNull, or, sql } from "drizzle-orm";

import { type AuditEventView, TASK_ACTIONS } from "@/lib/audit/trail";
import { serverEnv } from "@/lib/env";
import type { AuditScope } from "@/lib/server/audit/query";
import { toAuditEventView } from "@/lib/server/audit/query";
import { ConnectError } from "@/lib/server/connect/errors";
import type { Database } from "@/lib/server/db";
import { auditEvent } from "@/lib/server/db/schema";

import { isFirstStartOfContact } from "./start-attempts";

/** What the console recorded when it created a task. */
export interface TaskRecord {
  contactId: string;
  instanceId: string;
  clientToken: string | null;
  /** The StartTaskContact input exactly as sent (ScheduledTime as an ISO string). */
  request: Record<string, unknown>;
  createdAt: Date;
  createdBy: { id: string | null; email: string | null; role: string | null };
  auditEventId: string;
}

type AuditRow = typeof auditEvent.$inferSelect;

function toTaskRecord(row: AuditRow): TaskRecord | null {
  if (!row.contactId || !row.instanceId) return null;
  return {
    contactId: row.contactId,
    instanceId: row.instanceId,
    clientToken: row.clientToken,
    request: (row.request ?? {}) as Record<string, unknown>,
    createdAt: row.occurredAt,
    createdBy: { id: row.actorId, email: row.actorEmail, role: row.actorRole },
    auditEventId: row.id,
  };
}

/**
 * For a query over `audit_event`: the tasks the console created, one row each. A task is the
 * first successful start of its ContactId (a settled retry, or a repeated token answered from the
 * record, carries the same ContactId: it is the same task).
 */
export const createdTasks: SQL = and(
  eq(auditEvent.action, TASK_ACTIONS.start),
  eq(auditEvent.outcome, "success"),
  isNotNull(auditEvent.contactId),
  isFirstStartOfContact,
)!;

const startedAs = (contactIds: string[]) =>
  and(createdTasks, inArray(auditEvent.contactId, contactIds));

export async function findTaskRecord(db: Database, contactId: string): Promise<TaskRecord | null> {
  const [row] = await db
    .select()
    .from(auditEvent)
    .where(startedAs([contactId]))
    .orderBy(asc(auditEvent.occurredAt))
    .limit(1);
  return row ? toTaskRecord(row) : null;
}

/** The records of several tasks in one query; contacts the console did not create are absent. */
export async function findTaskRecords(db: Database, contactIds: string[]): Promise<TaskRecord[]> {
  if (contactIds.length === 0) return [];
  const rows = await db.select().from(auditEvent).where(startedAs(contactIds));
  return rows.map(toTaskRecord).filter((record): record is TaskRecord => record !== null);
}

/** Reschedules the console made of this task: Connect allows 20 and has no call to count them. */
export async function countReschedules(db: Database, contactId: string): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(auditEvent)
    .where(
      and(
        eq(auditEvent.action, TASK_ACTIONS.reschedule),
        eq(auditEvent.outcome, "success"),
        eq(auditEvent.contactId, contactId),
        // "unchanged" answers made no Connect call.
        sql`coalesce(${auditEvent.detail} ->> 'outcome', 'rescheduled') = 'rescheduled'`,
      ),
    );
  return row?.total ?? 0;
}

/** Every audit entry about this contact the reader may see, oldest first. */
export async function taskHistory(
  db: Database,
  contactId: string,
  scope: AuditScope,
): Promise<AuditEventView[]> {
  const rows = await db
    .select()
    .from(auditEvent)
    .where(
      and(
        or(eq(auditEvent.contactId, contactId), eq(auditEvent.targetId, contactId)),
        scope.canReadAll ? undefined : eq(auditEvent.actorId, scope.userId),
      ),
    )
    .orderBy(asc(auditEvent.occurredAt), asc(auditEvent.id))
    .limit(200);
  const now = new Date();
  return rows.map((row) => toAuditEventView(row, now));
}

export interface LinkedTask {
  contactId: string;
  name: string;
  createdAt: Date;
  createdByEmail: string | null;
}

type LinkKind = "PreviousContactId" | "RelatedContactId";

const linkedTo = (instanceId: string, contactId: string, kind: LinkKind) =>
  and(
    createdTasks,
    eq(auditEvent.instanceId, instanceId),
    sql`${auditEvent.request} ->> ${kind} = ${contactId}`,
  );

/**
 * How many tasks the console created with `contactId` as their previous contact. Connect has no
 * call that answers this, so the audit trail is the source: "as far as the console knows".
 */
export async function countLinkedTasks(
  db: Database,
  instanceId: string,
  contactId: string,
): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(auditEvent)
    .where(linkedTo(instanceId, contactId, "PreviousContactId"));
  return row?.total ?? 0;
}

/** Tasks the console created with `contactId` as their previous (or related) contact. */
export async function tasksLinkedTo(
  db: Database,
  instanceId: string,
  contactId: string,
  kind: LinkKind,
): Promise<LinkedTask[]> {
  const rows = await db
    .select({
      contactId: auditEvent.contactId,
      request: auditEvent.request,
      occurredAt: auditEvent.occurredAt,
      actorEmail: auditEvent.actorEmail,
    })
    .from(auditEvent)
    .where(linkedTo(instanceId, contactId, kind))
    .orderBy(asc(auditEvent.occurredAt))
    .limit(100);
  return rows.map((row) => ({
    contactId: row.contactId ?? "",
    name: (row.request as { Name?: string } | null)?.Name ?? "",
    createdAt: row.occurredAt,
    createdByEmail: row.actorEmail,
  }));
}

/**
 * The instance a contact belongs to: the console's record if it created it, otherwise the first
 * configured instance where DescribeContact finds it.
 */
export async function locateContact(
  db: Database,
  contactId: string,
  describe: (instanceId: string, contactId: string) => Promise<unknown>,
): Promise<string | null> {
  const record = await findTaskRecord(db, contactId);
  if (record) return record.instanceId;
  for (const instanceId of serverEnv().CONNECT_INSTANCE_ID) {
    try {
      await describe(instanceId, contactId);
      return instanceId;
    } catch (error) {
      if (error instanceof ConnectError && error.code === "NOT_FOUND") continue;
      throw error;
    }
  }
  return null;
}
