import "server-only";

/**
 * The tasks list and the agenda: the tasks the console created (`createdTasks`, task-record.ts),
 * joined with the cached Connect status of each. Scope is enforced here, on the server: without
 * task.read.all a reader sees only the tasks they created, whatever the URL says.
 */
import { type SQL, and, asc, count, desc, eq, gte, isNull, lt, or, sql } from "drizzle-orm";

import { hasPermission } from "@/lib/permissions";
import type { Database } from "@/lib/server/db";
import { containsText, withinDays } from "@/lib/server/db/filters";
import { type HeldTaskState, auditEvent, contactSnapshot } from "@/lib/server/db/schema";
import {
  TASK_PAGE_SIZE,
  type TaskListFilters,
  type TaskListItem,
  type TaskListPage,
} from "@/lib/task/list";

import { listHeldTasks } from "./held-list";
import { routingNames } from "./routing-names";
import { type RefreshReport, type RefreshTarget, refreshStale } from "./snapshots";
import { createdTasks } from "./task-record";

export interface TaskScope {
  userId: string;
  canReadAll: boolean;
}

export function taskScopeFor(user: { id: string; role: string }): TaskScope {
  return { userId: user.id, canReadAll: hasPermission(user.role, "task.read.all") };
}

function startedTasks(scope: TaskScope, mineOnly: boolean): SQL {
  return and(
    createdTasks,
    !scope.canReadAll || mineOnly ? eq(auditEvent.actorId, scope.userId) : undefined,
  )!;
}

function listWhere(filters: Omit<TaskListFilters, "page">, scope: TaskScope): SQL {
  const conditions: (SQL | undefined)[] = [startedTasks(scope, filters.scope === "mine")];
  if (filters.status === "unchecked") conditions.push(isNull(contactSnapshot.status));
  else if (isHeldState(filters.status)) conditions.push(sql`false`);
  else if (filters.status) conditions.push(eq(contactSnapshot.status, filters.status));
  conditions.push(withinDays(auditEvent.occurredAt, filters));
  if (filters.q) {
    conditions.push(
      containsText(filters.q, [
        auditEvent.contactId,
        auditEvent.actorEmail,
        sql`${auditEvent.request} ->> 'Name'`,
        sql`${auditEvent.request} ->> 'Description'`,
      ]),
    );
  }
  return and(...conditions)!;
}

const listColumns = {
  contactId: auditEvent.contactId,
  instanceId: auditEvent.instanceId,
  occurredAt: auditEvent.occurredAt,
  actorId: auditEvent.actorId,
  actorEmail: auditEvent.actorEmail,
  request: auditEvent.request,
  bulkJobId: sql<string | null>`${auditEvent.detail} ->> 'bulkJobId'`,
  status: contactSnapshot.status,
  scheduledAt: contactSnapshot.scheduledAt,
  checkedAt: contactSnapshot.checkedAt,
};

type ListRow = {
  contactId: string | null;
  instanceId: string | null;
  occurredAt: Date;
  actorId: string | null;
  actorEmail: string | null;
  request: unknown;
  bulkJobId: string | null;
  status: TaskListItem["status"];
  scheduledAt: Date | null;
  checkedAt: Date | null;
};

/** The StartTaskContact input as recorded (ScheduledTime as an ISO string). */
interface RecordedRequest {
  Name?: string;
  ContactFlowId?: string;
  QuickConnectId?: string;
  TaskTemplateId?: string;
  PreviousContactId?: string;
  RelatedContactId?: string;
  ScheduledTime?: string;
}

function routingOf(request: RecordedRequest): TaskListItem["routing"] {
  // A template decides; a flow or quick connect beside it only runs a flowless template.
  if (request.TaskTemplateId) return { kind: "template", id: request.TaskTemplateId, name: null };
  if (request.QuickConnectId)
    return { kind: "quickConnect", id: request.QuickConnectId, name: null };
  if (request.ContactFlowId) return { kind: "flow", id: request.ContactFlowId, name: null };
  return null;
}

const isHeldState = (status: string | undefined): status is "held" | "release_failed" =>
  status === "held" || status === "release_failed";

function toItem(row: ListRow, problems: RefreshReport["failures"]): TaskListItem {
  const request = (row.request ?? {}) as RecordedRequest;
  const contactId = row.contactId ?? "";
  return {
    kind: "connect",
    id: contactId,
    contactId,
    instanceId: row.instanceId ?? "",
    name: request.Name ?? "",
    createdAt: row.occurredAt.toISOString(),
    createdBy: { id: row.actorId, email: row.actorEmail },
    bulkJobId: row.bulkJobId,
    routing: routingOf(request),
    link: request.PreviousContactId
      ? { kind: "previous", contactId: request.PreviousContactId }
      : request.RelatedContactId
        ? { kind: "related", contactId: request.RelatedContactId }
        : null,
    status: row.status,
    scheduledAt:
      (
        row.scheduledAt ?? (request.ScheduledTime ? new Date(request.ScheduledTime) : null)
      )?.toISOString() ?? null,
    checkedAt: row.checkedAt?.toISOString() ?? null,
    statusProblem: problems.get(contactId)?.message ?? null,
  };
}

async function nameRoutingTargets(items: TaskListItem[]): Promise<void> {
  const instances = [...new Set(items.map((item) => item.instanceId))];
  const names = new Map(
    await Promise.all(instances.map(async (id) => [id, await routingNames(id)] as const)),
  );
  for (const item of items) {
    if (item.routing) item.routing.name = names.get(item.instanceId)?.get(item.routing.id) ?? null;
  }
}

function selectTasks(db: Database, where: SQL) {
  return db
    .select(listColumns)
    .from(auditEvent)
    .leftJoin(contactSnapshot, eq(contactSnapshot.contactId, auditEvent.contactId))
    .where(where);
}

const targetOf = (row: ListRow): RefreshTarget => ({
  instanceId: row.instanceId ?? "",
  contactId: row.contactId ?? "",
  createdAt: row.occurredAt,
});

/**
 * One page of tasks, newest first. The page's stale statuses are refreshed from Connect first
 * (within the cache rules); with a status filter the page is read again afterwards, since a
 * refreshed task may no longer match.
 */
export async function listConsoleTasks(
  db: Database,
  filters: TaskListFilters,
  scope: TaskScope,
): Promise<TaskListPage> {
  const where = listWhere(filters, scope);
  const readPage = async () => {
    const [totalRow] = await db
      .select({ total: count() })
      .from(auditEvent)
      .leftJoin(contactSnapshot, eq(contactSnapshot.contactId, auditEvent.contactId))
      .where(where);
    const total = totalRow?.total ?? 0;
    const pageCount = Math.max(1, Math.ceil(total / TASK_PAGE_SIZE));
    const page = Math.min(filters.page, pageCount);
    const rows = await selectTasks(db, where)
      .orderBy(desc(auditEvent.occurredAt), desc(auditEvent.id))
      .limit(TASK_PAGE_SIZE)
      .offset((page - 1) * TASK_PAGE_SIZE);
    return { rows, total, page, pageCount };
  };
  let result = await readPage();
  const report = await refreshStale(db, result.rows.map(targetOf));
  if (report.refreshed > 0) result = await readPage();
  // Held tasks (not in Connect yet) are on the first page, under the same filters, in its
  // newest-first order.
  const held =
    result.page === 1 && (!filters.status || isHeldState(filters.status))
      ? await listHeldTasks(db, scope, {
          mineOnly: filters.scope === "mine",
          ...(filters.status ? { states: heldStatesOf(filters.status) } : {}),
          q: filters.q,
          limit: HELD_LIST_LIMIT,
          order: "newest",
        })
      : [];
  const tasks = [...held, ...result.rows.map((row) => toItem(row, report.failures))].sort((a, b) =>
    b.createdAt.localeCompare(a.createdAt),
  );
  await nameRoutingTargets(tasks);
  return {
    tasks,
    total: result.total + held.length,
    page: result.page,
    pageCount: result.pageCount,
    pageSize: TASK_PAGE_SIZE,
  };
}

/** Held tasks the first page of the tasks list shows at most. */
const HELD_LIST_LIMIT = 100;

const heldStatesOf = (status: "held" | "release_failed"): HeldTaskState[] =>
  status === "held" ? ["held", "releasing"] : ["release_failed"];

/** Tasks one agenda view reads at most; the page says when more are scheduled. */
export const AGENDA_LIMIT = 500;

export interface AgendaPage {
  tasks: TaskListItem[];
  unchecked: number;
  /** More tasks are scheduled in the window than the view shows (the soonest are shown). */
  isTruncated: boolean;
}

/**
 * The agenda: tasks still scheduled to start within [from, to), soonest first, at most `limit`
 * of them. Tasks that were scheduled when created are the only candidates (Connect reschedules
 * only scheduled tasks). Their stale statuses are refreshed first, never-checked ones before the
 * others, so a task that started or was cancelled elsewhere drops out and a new one shows up. A
 * task Connect could not be asked about in this request is counted in `unchecked`, never
 * silently left out; beyond the limit, `isTruncated` says so. The caller bounds the window (the
 * page: from now at the earliest, to the furthest schedule at the latest).
 */
export async function listScheduledTasks(
  db: Database,
  scope: TaskScope,
  {
    mineOnly,
    from,
    to,
    limit = AGENDA_LIMIT,
  }: { mineOnly: boolean; from: Date; to: Date; limit?: number },
): Promise<AgendaPage> {
  if (from.getTime() >= to.getTime()) return { tasks: [], unchecked: 0, isTruncated: false };
  const knownTime = sql`coalesce(${contactSnapshot.scheduledAt}, (${auditEvent.request} ->> 'ScheduledTime')::timestamptz)`;
  // One row past the limit tells whether there are more, without counting them all.
  const candidates = await selectTasks(
    db,
    and(
      startedTasks(scope, mineOnly),
      sql`${auditEvent.request} ->> 'ScheduledTime' is not null`,
      or(isNull(contactSnapshot.status), eq(contactSnapshot.status, "scheduled")),
      sql`${knownTime} >= ${from} and ${knownTime} < ${to}`,
    )!,
  )
    .orderBy(sql`${contactSnapshot.status} is not null`, asc(knownTime))
    .limit(limit + 1);
  const pending = candidates.slice(0, limit);
  const report = await refreshStale(db, pending.map(targetOf));
  const found = await selectTasks(
    db,
    and(
      startedTasks(scope, mineOnly),
      eq(contactSnapshot.status, "scheduled"),
      gte(contactSnapshot.scheduledAt, from),
      lt(contactSnapshot.scheduledAt, to),
    )!,
  )
    .orderBy(asc(contactSnapshot.scheduledAt))
    .limit(limit + 1);
  const rows = found.slice(0, limit);
  // Held tasks of the window, told apart by their kind, merged in time order.
  const held = await listHeldTasks(db, scope, {
    mineOnly,
    from,
    to,
    limit: limit + 1,
    order: "soonest",
  });
  const tasks = [...rows.map((row) => toItem(row, report.failures)), ...held]
    .sort((a, b) => (a.scheduledAt ?? "").localeCompare(b.scheduledAt ?? ""))
    .slice(0, limit);
  await nameRoutingTargets(tasks);
  const shown = new Set(rows.map((row) => row.contactId));
  const unchecked = pending.filter((row) => {
    const id = row.contactId ?? "";
    return !shown.has(id) && (report.failures.has(id) || report.deferred.has(id));
  }).length;
  return {
    tasks,
    unchecked,
    isTruncated:
      found.length > limit || candidates.length > limit || rows.length + held.length > limit,
  };
}
