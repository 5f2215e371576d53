"use server";

import { type ActionInput, defineAction } from "@/lib/server/action";
import { FORCED_REFRESH_MIN_AGE_MS, refreshStale } from "@/lib/server/tasks/snapshots";
import { findTaskRecords } from "@/lib/server/tasks/task-record";
import { taskScopeFor } from "@/lib/server/tasks/task-rows";
import { refreshTasksSchema } from "@/lib/task/list";

/**
 * The Refresh button: asks Connect again about the tasks on screen, except those checked in the
 * last few seconds or already final, so repeated clicks cannot turn into a polling storm.
 */
const refreshAction = defineAction({
  name: "task.refresh",
  permission: "task.read.own",
  input: refreshTasksSchema,
  audit: "none",
  run: async ({ db, user, input }) => {
    // Only tasks the reader may list: their own, or every task with task.read.all.
    const scope = taskScopeFor(user);
    const targets = (await findTaskRecords(db, input.contactIds))
      .filter((record) => scope.canReadAll || record.createdBy.id === user.id)
      .map(({ instanceId, contactId, createdAt }) => ({ instanceId, contactId, createdAt }));
    const report = await refreshStale(db, targets, { maxAgeMs: FORCED_REFRESH_MIN_AGE_MS });
    return { refreshed: report.refreshed, failed: report.failures.size };
  },
});

export async function refreshTaskStatuses(input: ActionInput<typeof refreshAction>) {
  return refreshAction(input);
}
