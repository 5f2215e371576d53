import "server-only";

/**
 * The task page's "Links": the contacts this one points to (previous, related) and the tasks the
 * console created that point to them or to this one. Connect has no call that lists a chain, so
 * the lists come from the audit trail ("as far as the console knows"); the contacts themselves
 * are read through the snapshot cache, so a page view costs Connect at most two describes.
 */
import { serverEnv } from "@/lib/env";
import type { Database } from "@/lib/server/db";
import type { TaskStatus } from "@/lib/task/status";

import { loadSnapshots, refreshStale } from "./snapshots";
import { type LinkedTask, countLinkedTasks, tasksLinkedTo } from "./task-record";

export interface LinkedContact {
  contactId: string;
  channel: string | null;
  name: string | null;
  status: TaskStatus | null;
  /** Why Connect could not describe it, if it could not. */
  problem: string | null;
}

export interface LinkedTaskView extends LinkedTask {
  /** The cached status, if the console has asked Connect about it. */
  status: TaskStatus | null;
}

export interface TaskLinks {
  /** Connect's limit of tasks per previous contact (MAX_LINKED_TASKS). */
  limit: number;
  previous: { contact: LinkedContact; tasks: LinkedTaskView[]; used: number } | null;
  /** Tasks that have this contact as their previous contact. */
  children: { tasks: LinkedTaskView[]; used: number };
  related: LinkedContact | null;
  /** Tasks that have this contact as their related contact. */
  relatedTasks: LinkedTaskView[];
}

async function describeLinked(
  db: Database,
  instanceId: string,
  contactIds: string[],
): Promise<Map<string, LinkedContact>> {
  const targets = contactIds.map((contactId) => ({ instanceId, contactId }));
  const report = await refreshStale(db, targets);
  const snapshots = await loadSnapshots(db, contactIds);
  return new Map(
    contactIds.map((contactId) => {
      const snapshot = snapshots.get(contactId);
      const failure = report.failures.get(contactId);
      return [
        contactId,
        {
          contactId,
          channel: snapshot?.contact.channel ?? null,
          name: snapshot?.contact.name ?? null,
          status: snapshot?.status ?? null,
          problem:
            failure?.code === "NOT_FOUND"
              ? "Amazon Connect does not know this contact in this instance."
              : (failure?.message ?? null),
        },
      ];
    }),
  );
}

async function withStatuses(db: Database, tasks: LinkedTask[]): Promise<LinkedTaskView[]> {
  const snapshots = await loadSnapshots(
    db,
    tasks.map((task) => task.contactId),
  );
  return tasks.map((task) => ({ ...task, status: snapshots.get(task.contactId)?.status ?? null }));
}

export async function loadTaskLinks(
  db: Database,
  instanceId: string,
  contactId: string,
  pointers: { previousContactId: string | null; relatedContactId: string | null },
): Promise<TaskLinks> {
  const { previousContactId, relatedContactId } = pointers;
  const contacts = await describeLinked(
    db,
    instanceId,
    [previousContactId, relatedContactId].filter((id): id is string => id !== null),
  );
  const [siblings, siblingCount, children, childCount, relatedTasks] = await Promise.all([
    previousContactId
      ? tasksLinkedTo(db, instanceId, previousContactId, "PreviousContactId")
      : Promise.resolve([]),
    previousContactId ? countLinkedTasks(db, instanceId, previousContactId) : Promise.resolve(0),
    tasksLinkedTo(db, instanceId, contactId, "PreviousContactId"),
    countLinkedTasks(db, instanceId, contactId),
    tasksLinkedTo(db, instanceId, contactId, "RelatedContactId"),
  ]);
  return {
    limit: serverEnv().MAX_LINKED_TASKS,
    previous: previousContactId
      ? {
          contact: contacts.get(previousContactId)!,
          tasks: await withStatuses(db, siblings),
          used: siblingCount,
        }
      : null,
    children: { tasks: await withStatuses(db, children), used: childCount },
    related: relatedContactId ? contacts.get(relatedContactId)! : null,
    relatedTasks: await withStatuses(db, relatedTasks),
  };
}
