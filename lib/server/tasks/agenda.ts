import "server-only";

/**
 * The agenda: the tasks the console created that are still scheduled in a window, with the held
 * tasks of the same window, soonest first. Same scope rule as the tasks list (task-rows.ts).
 */
import { and, asc, eq, gte, isNull, lt, or, sql } from "drizzle-orm";

import type { Database } from "@/lib/server/db";
import { auditEvent, contactSnapshot } from "@/lib/server/db/schema";
import type { TaskListItem } from "@/lib/task/list";

import { listHeldTasks } from "./held-list";
import { refreshStale } from "./snapshots";
import {
  type TaskScope,
  nameRoutingTargets,
  selectTasks,
  startedTasks,
  targetOf,
  toItem,
} from "./task-rows";

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
