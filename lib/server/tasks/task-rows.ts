import "server-only";

/**
 * What the tasks list and the agenda share: who may see which task (TaskScope), the row both
 * read (the task.start success row joined with its cached Connect status) and how a row becomes
 * a TaskListItem, with its routing target named.
 */
import { type SQL, and, eq, sql } from "drizzle-orm";

import { hasPermission } from "@/lib/permissions";
import type { Database } from "@/lib/server/db";
import { auditEvent, contactSnapshot } from "@/lib/server/db/schema";
import type { TaskListItem } from "@/lib/task/list";

import { routingNames } from "./routing-names";
import type { RefreshReport, RefreshTarget } from "./snapshots";
import { createdTasks } from "./task-record";

export interface TaskScope {
  userId: string;
  canReadAll: boolean;
}

export function taskScopeFor(user: { id: string; role: string }): TaskScope {
  return { userId: user.id, canReadAll: hasPermission(user.role, "task.read.all") };
}

export function startedTasks(scope: TaskScope, mineOnly: boolean): SQL {
  return and(
    createdTasks,
    !scope.canReadAll || mineOnly ? eq(auditEvent.actorId, scope.userId) : undefined,
  )!;
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

export type ListRow = {
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

export const isHeldState = (status: string | undefined): status is "held" | "release_failed" =>
  status === "held" || status === "release_failed";

export function toItem(row: ListRow, problems: RefreshReport["failures"]): TaskListItem {
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

export async function nameRoutingTargets(items: TaskListItem[]): Promise<void> {
  const instances = [...new Set(items.map((item) => item.instanceId))];
  const names = new Map(
    await Promise.all(instances.map(async (id) => [id, await routingNames(id)] as const)),
  );
  for (const item of items) {
    if (item.routing) item.routing.name = names.get(item.instanceId)?.get(item.routing.id) ?? null;
  }
}

export function selectTasks(db: Database, where: SQL) {
  return db
    .select(listColumns)
    .from(auditEvent)
    .leftJoin(contactSnapshot, eq(contactSnapshot.contactId, auditEvent.contactId))
    .where(where);
}

export const targetOf = (row: ListRow): RefreshTarget => ({
  instanceId: row.instanceId ?? "",
  contactId: row.contactId ?? "",
  createdAt: row.occurredAt,
});
