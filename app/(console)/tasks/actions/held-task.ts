"use server";

import { z } from "zod";

import { TASK_ACTIONS } from "@/lib/audit/trail";
import { scheduleHorizonSeconds, scheduleMaxSeconds } from "@/lib/env";
import { type ActionInput, defineAction } from "@/lib/server/action";
import {
  cancelHeldTask,
  editHeldTask,
  moveHeldTask,
  releaseMomentOf,
  retryHeldRelease,
} from "@/lib/server/tasks/held";
import { serverTaskSchema } from "@/lib/server/tasks/start-task";
import { heldTaskIdSchema, heldTaskRefSchema } from "@/lib/task/held";

/**
 * A held task's changes (lib/server/tasks/held.ts): none calls Connect. Leads hold only
 * task.manage.own: the task's creator is checked by the service.
 */
const editAction = defineAction({
  name: TASK_ACTIONS.holdEdit,
  permission: "task.manage.own",
  // Lazy: the horizon and the maximum come from the environment, read on the first request.
  input: z.lazy(() =>
    z.object({ id: heldTaskIdSchema, values: serverTaskSchema({ canHold: true }) }),
  ),
  audit: "attempt",
  describe: (input) => ({ targetId: input.id, instanceId: input.values.instanceId }),
  run: ({ db, user, input }) => editHeldTask(db, user, input.id, input.values),
  summarize: (row) => ({ detail: { scheduledAt: row.scheduledAt.toISOString() } }),
});

const cancelAction = defineAction({
  name: TASK_ACTIONS.holdCancel,
  permission: "task.manage.own",
  input: heldTaskRefSchema,
  audit: "attempt",
  describe: (input) => ({ targetId: input.id }),
  run: ({ db, user, input }) => cancelHeldTask(db, user, input.id),
});

const retryAction = defineAction({
  name: TASK_ACTIONS.releaseRetry,
  permission: "task.manage.own",
  input: heldTaskRefSchema,
  audit: "attempt",
  describe: (input) => ({ targetId: input.id }),
  run: ({ db, user, input }) => retryHeldRelease(db, user, input.id),
});

const moveAction = defineAction({
  name: TASK_ACTIONS.holdEdit,
  permission: "task.manage.own",
  input: z.object({
    id: heldTaskIdSchema,
    offsetMinutes: z.number().int().min(-525_600).max(525_600),
    fromScheduledAt: z.iso.datetime(),
  }),
  audit: "attempt",
  describe: (input) => ({ targetId: input.id }),
  run: ({ db, user, input }) =>
    moveHeldTask(db, user, { ...input, maxSeconds: scheduleMaxSeconds() }),
  summarize: ({ row }) => ({ detail: { scheduledAt: row.scheduledAt.toISOString() } }),
});

const answer = (row: { id: string; state: string; scheduledAt: Date }) => ({
  id: row.id,
  state: row.state,
  scheduledAt: row.scheduledAt.toISOString(),
  releaseAt: releaseMomentOf(row.scheduledAt, scheduleHorizonSeconds()).toISOString(),
});

export async function editHeldTaskValues(input: ActionInput<typeof editAction>) {
  const result = await editAction(input);
  return result.ok ? { ok: true as const, data: answer(result.data) } : result;
}

export async function cancelHeldTaskById(input: ActionInput<typeof cancelAction>) {
  const result = await cancelAction(input);
  return result.ok ? { ok: true as const, data: answer(result.data) } : result;
}

export async function retryHeldTaskRelease(input: ActionInput<typeof retryAction>) {
  const result = await retryAction(input);
  return result.ok ? { ok: true as const, data: answer(result.data) } : result;
}

/** The agenda's bulk move of a held task; answered as a bulk step (its message). */
export async function moveHeldTaskBy(input: ActionInput<typeof moveAction>) {
  const result = await moveAction(input);
  return result.ok
    ? { ok: true as const, data: { ...answer(result.data.row), message: result.data.message } }
    : result;
}

/** The agenda's bulk cancel of a held task; answered as a bulk step (its message). */
export async function cancelHeldTaskFromAgenda(input: ActionInput<typeof cancelAction>) {
  const result = await cancelAction(input);
  return result.ok
    ? {
        ok: true as const,
        data: { ...answer(result.data), message: "Cancelled (it was held: Connect never had it)." },
      }
    : result;
}
