import "server-only";

/**
 * The tasks list: the tasks the console created (`createdTasks`, task-record.ts), joined with the
 * cached Connect status of each, and the held tasks not yet in Connect. Scope is enforced here,
 * on the server: without task.read.all a reader sees only the tasks they created, whatever the
 * URL says. The agenda is agenda.ts; the row both read is task-rows.ts.
 */
import { type SQL, and, count, desc, eq, isNull, sql } from "drizzle-orm";

import type { Database } from "@/lib/server/db";
import { containsText, withinDays } from "@/lib/server/db/filters";
import { type HeldTaskState, auditEvent, contactSnapshot } from "@/lib/server/db/schema";
import { TASK_PAGE_SIZE, type TaskListFilters, type TaskListPage } from "@/lib/task/list";

import { listHeldTasks } from "./held-list";
import { refreshStale } from "./snapshots";
import {
  type TaskScope,
  isHeldState,
  nameRoutingTargets,
  selectTasks,
  startedTasks,
  targetOf,
  toItem,
} from "./task-rows";

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

/** Held tasks the first page of the tasks list shows at most. */
const HELD_LIST_LIMIT = 100;

const heldStatesOf = (status: "held" | "release_failed"): HeldTaskState[] =>
  status === "held" ? ["held", "releasing"] : ["release_failed"];

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
