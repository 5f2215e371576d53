import "server-only";

/**
 * Held tasks as the tasks list, the agenda and the home page show them (kind "held"), under the
 * same scope rule as the console's Connect tasks: without task.read.all a reader sees only the
 * tasks they created. A released task is listed from its start record instead (registry.ts),
 * with its ContactId; a cancelled one is only on its own page.
 */
import { type SQL, and, asc, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";

import { containsText } from "@/lib/server/db/filters";
import { type HeldTaskState, heldTask } from "@/lib/server/db/schema";
import type { TaskListItem } from "@/lib/task/list";
import type { TaskValues } from "@/lib/task/schema";

import type { Database } from "../db";
import type { HeldTask } from "./held";

export interface HeldScope {
  userId: string;
  canReadAll: boolean;
}

/** What is listed: waiting (or being sent) and refused releases. */
const LISTED: HeldTaskState[] = ["held", "releasing", "release_failed"];

export function toHeldItem(row: HeldTask): TaskListItem {
  const values = row.values as TaskValues;
  const routing: TaskListItem["routing"] =
    values.routingKind === "template"
      ? { kind: "template", id: values.taskTemplateId, name: null }
      : values.routingKind === "quickConnect"
        ? { kind: "quickConnect", id: values.quickConnectId, name: null }
        : { kind: "flow", id: values.contactFlowId, name: null };
  return {
    kind: "held",
    id: row.id,
    contactId: null,
    state: row.state === "release_failed" ? "release_failed" : "held",
    failureMessage: row.failureMessage,
    instanceId: row.instanceId,
    name: values.name,
    createdAt: row.createdAt.toISOString(),
    createdBy: { id: row.createdById || null, email: row.createdByEmail },
    bulkJobId: null,
    routing,
    link:
      values.linkKind === "none" || !values.linkedContactId
        ? null
        : { kind: values.linkKind, contactId: values.linkedContactId },
    status: null,
    scheduledAt: row.scheduledAt.toISOString(),
    checkedAt: null,
    statusProblem: null,
  };
}

export interface HeldQuery {
  mineOnly: boolean;
  states?: HeldTaskState[];
  q?: string;
  /** Scheduled within [from, to) (the agenda's window). */
  from?: Date;
  to?: Date;
  limit: number;
  /** "soonest": by scheduled time (agenda); "newest": by creation (tasks list). */
  order: "soonest" | "newest";
}

export async function listHeldTasks(
  db: Database,
  scope: HeldScope,
  query: HeldQuery,
): Promise<TaskListItem[]> {
  const conditions: (SQL | undefined)[] = [inArray(heldTask.state, query.states ?? LISTED)];
  if (!scope.canReadAll || query.mineOnly) conditions.push(eq(heldTask.createdById, scope.userId));
  if (query.from) conditions.push(gte(heldTask.scheduledAt, query.from));
  if (query.to) conditions.push(lt(heldTask.scheduledAt, query.to));
  if (query.q) {
    conditions.push(
      containsText(query.q, [
        heldTask.id,
        heldTask.createdByEmail,
        sql`${heldTask.values} ->> 'name'`,
        sql`${heldTask.values} ->> 'description'`,
      ]),
    );
  }
  const rows = await db
    .select()
    .from(heldTask)
    .where(and(...conditions))
    .orderBy(
      query.order === "soonest" ? asc(heldTask.scheduledAt) : desc(heldTask.createdAt),
      asc(heldTask.id),
    )
    .limit(query.limit);
  return rows.map(toHeldItem);
}

/** The releases Connect refused, for the home page: newest first. */
export function listReleaseFailures(db: Database, scope: HeldScope, limit = 10) {
  return listHeldTasks(db, scope, {
    mineOnly: false,
    states: ["release_failed"],
    limit,
    order: "newest",
  });
}
