"use server";

import { z } from "zod";

import { scheduleHorizonSeconds, scheduleMaxSeconds } from "@/lib/env";
import { type ActionInput, defineAction } from "@/lib/server/action";
import { rescheduleTarget } from "@/lib/server/tasks/manage";
import { moveTask } from "@/lib/server/tasks/move-beyond";
import { createRescheduleSchema } from "@/lib/task/changes";

const rescheduleAction = defineAction({
  name: "task.reschedule",
  // Leads hold only task.manage.own: the task's creator is checked in `run`.
  permission: "task.manage.own",
  // Lazy: the horizon is read from the environment per request, never during `next build`.
  input: z.lazy(() =>
    createRescheduleSchema({
      now: () => new Date(),
      horizonSeconds: scheduleHorizonSeconds(),
      // Beyond the horizon, moveTask refuses unless the user confirmed stop and hold.
      maxSeconds: scheduleMaxSeconds(),
    }),
  ),
  audit: "attempt",
  describe: (input) => ({
    targetId: input.contactId,
    instanceId: input.instanceId,
    request: {
      InstanceId: input.instanceId,
      ContactId: input.contactId,
      ScheduledTime: rescheduleTarget(input)?.toISOString() ?? null,
      ...(input.mode === "at" && input.holdBeyondHorizon ? { holdBeyondHorizon: true } : {}),
    },
  }),
  run: ({ db, user, input }) => moveTask(db, user, input),
  summarize: (change) => ({
    contactId: change.contactId,
    detail: {
      outcome: change.outcome,
      from: change.from,
      to: change.scheduledAt,
      ...("heldTaskId" in change ? { heldTaskId: change.heldTaskId } : {}),
    },
    awsRequestId: change.receipt?.requestId ?? null,
    attempts: change.receipt?.attempts ?? null,
  }),
});

export async function rescheduleTask(input: ActionInput<typeof rescheduleAction>) {
  const result = await rescheduleAction(input);
  if (!result.ok) return result;
  const { receipt: _receipt, from: _from, ...change } = result.data;
  return { ok: true as const, data: change };
}
