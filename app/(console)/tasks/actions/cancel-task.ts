"use server";

import { type ActionInput, defineAction } from "@/lib/server/action";
import { cancelTask as cancel } from "@/lib/server/tasks/manage";
import { cancelTaskSchema } from "@/lib/task/changes";

const cancelAction = defineAction({
  name: "task.cancel",
  // Leads hold only task.manage.own: the task's creator is checked in `run`.
  permission: "task.manage.own",
  input: cancelTaskSchema,
  audit: "attempt",
  describe: (input) => ({
    targetId: input.contactId,
    instanceId: input.instanceId,
    request: { InstanceId: input.instanceId, ContactId: input.contactId },
  }),
  run: ({ db, user, input }) => cancel(db, user, input),
  summarize: (change) => ({
    contactId: change.contactId,
    detail: { outcome: change.outcome, scheduledAt: change.from },
    awsRequestId: change.receipt?.requestId ?? null,
    attempts: change.receipt?.attempts ?? null,
  }),
});

export async function cancelTask(input: ActionInput<typeof cancelAction>) {
  const result = await cancelAction(input);
  if (!result.ok) return result;
  const { receipt: _receipt, from: _from, ...change } = result.data;
  return { ok: true as const, data: change };
}
