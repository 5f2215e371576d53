"use server";

import { z } from "zod";

import { TASK_ACTIONS } from "@/lib/audit/trail";
import { type ActionInput, defineAction } from "@/lib/server/action";
import {
  editSeries,
  endSeries,
  pauseSeries,
  resumeSeries,
  skipOccurrence,
} from "@/lib/server/tasks/series-changes";
import { serverTaskSchema } from "@/lib/server/tasks/start-task";
import { heldTaskIdSchema } from "@/lib/task/held";
import { seriesIdSchema } from "@/lib/task/series";

/**
 * A series' changes (lib/server/tasks/series.ts): none calls Connect. Leads hold only
 * task.manage.own: the series' creator is checked by the service.
 */
const seriesRef = z.object({ id: seriesIdSchema });

const skipAction = defineAction({
  name: TASK_ACTIONS.seriesSkip,
  permission: "task.manage.own",
  input: z.object({ seriesId: seriesIdSchema, heldTaskId: heldTaskIdSchema }),
  audit: "attempt",
  describe: (input) => ({ targetId: input.seriesId }),
  run: ({ db, user, input }) => skipOccurrence(db, user, input),
  summarize: (row) => ({
    detail: { heldTaskId: row.id, scheduledAt: row.scheduledAt.toISOString() },
  }),
});

const pauseAction = defineAction({
  name: TASK_ACTIONS.seriesPause,
  permission: "task.manage.own",
  input: seriesRef,
  audit: "attempt",
  describe: (input) => ({ targetId: input.id }),
  run: ({ db, user, input }) => pauseSeries(db, user, input.id),
});

const resumeAction = defineAction({
  name: TASK_ACTIONS.seriesResume,
  permission: "task.manage.own",
  input: seriesRef,
  audit: "attempt",
  describe: (input) => ({ targetId: input.id }),
  run: ({ db, user, input }) => resumeSeries(db, user, input.id),
});

const endAction = defineAction({
  name: TASK_ACTIONS.seriesEnd,
  permission: "task.manage.own",
  input: seriesRef,
  audit: "attempt",
  describe: (input) => ({ targetId: input.id }),
  run: ({ db, user, input }) => endSeries(db, user, input.id),
  summarize: (result) => ({ detail: { cancelledOccurrences: result.cancelled } }),
});

const editAction = defineAction({
  name: TASK_ACTIONS.seriesEdit,
  permission: "task.manage.own",
  // Lazy: the horizon and the maximum come from the environment, read on the first request.
  input: z.lazy(() =>
    z.object({
      id: seriesIdSchema,
      fromHeldTaskId: heldTaskIdSchema.nullable(),
      shownHeldTaskId: heldTaskIdSchema,
      values: serverTaskSchema({ canHold: true }),
    }),
  ),
  audit: "attempt",
  describe: (input) => ({ targetId: input.id, instanceId: input.values.instanceId }),
  run: ({ db, user, input, actor }) => editSeries(db, user, input, actor),
  summarize: (result) => ({
    detail: {
      ...(result.continues
        ? { continuedAs: result.series.id, continuedWithOccurrences: result.changed }
        : { changedOccurrences: result.changed }),
    },
  }),
});

const done = (message: string) => ({ ok: true as const, data: { message } });

export async function skipSeriesOccurrence(input: ActionInput<typeof skipAction>) {
  const result = await skipAction(input);
  return result.ok ? done("Skipped: this occurrence will not be sent to Amazon Connect.") : result;
}

export async function pauseTaskSeries(input: ActionInput<typeof pauseAction>) {
  const result = await pauseAction(input);
  return result.ok ? done("Paused: no occurrence is sent until you resume the series.") : result;
}

export async function resumeTaskSeries(input: ActionInput<typeof resumeAction>) {
  const result = await resumeAction(input);
  return result.ok
    ? done("Resumed: occurrences whose time passed while paused were skipped.")
    : result;
}

export async function endTaskSeries(input: ActionInput<typeof endAction>) {
  const result = await endAction(input);
  if (!result.ok) return result;
  const n = result.data.cancelled;
  const held = n === 1 ? "1 held occurrence was" : `${n} held occurrences were`;
  return {
    ok: true as const,
    data: {
      message: `Series ended: ${held} cancelled; tasks already in Amazon Connect stay there.`,
      /** The same words without the last clause, for a caller that cancels those too. */
      heldCancelled: `Series ended: ${held} cancelled`,
    },
  };
}

/**
 * New values for a series' held occurrences (from one on, or all); their times stay unless the
 * values change the timing: then `id` is the new series that continues it.
 */
export async function editSeriesValues(input: ActionInput<typeof editAction>) {
  const result = await editAction(input);
  if (!result.ok) return result;
  const { series, changed, continues } = result.data;
  return { ok: true as const, data: { id: series.id, changed, continues } };
}
