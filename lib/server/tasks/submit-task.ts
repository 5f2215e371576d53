import "server-only";

/**
 * The composer's submit, one decision before anything is sent: a schedule with Repeat creates a
 * series (series.ts), a schedule beyond Connect's horizon is held (held.ts), anything else starts
 * now (start-task.ts).
 */
import { scheduleHorizonSeconds } from "@/lib/env";
import { seriesRuleOf } from "@/lib/schedule/series-rule";
import type { Database } from "@/lib/server/db";
import type { TaskValues } from "@/lib/task/schema";

import { holdTask, isBeyondHorizon, releaseMomentOf, scheduledInstantOf } from "./held";
import { type CreatedSeries, createSeries } from "./series";
import {
  type StartRequester,
  type StartTaskOptions,
  type StartedTask,
  checkAllowed,
  startLog,
  startTask,
} from "./start-task";

/** What a submit did: Connect created the task, or the console holds it until its horizon. */
export type SubmittedTask =
  | ({ kind: "created" } & StartedTask)
  | { kind: "held"; heldTaskId: string; scheduledAt: Date; releaseAt: Date; clientToken: string }
  | ({ kind: "series" } & CreatedSeries);

/**
 * Creates the series, holds the task (no Connect call, audited "task.hold"; the "held.release"
 * job sends it later) or starts it, as the values say.
 */
export async function submitTask(
  db: Database,
  who: StartRequester,
  values: TaskValues,
  options: StartTaskOptions,
): Promise<SubmittedTask> {
  checkAllowed(who, values);
  // Values with Repeat describe a series: its occurrences are held tasks, never one start.
  if (values.repeat) {
    const rule = seriesRuleOf(values.repeat, values.scheduledLocal, values.timeZone);
    // The schema checked the same rule; a failure here is a bug, not the person's input.
    if (!rule.ok) throw new Error("repeat values passed the schema but not the rule");
    const series = await createSeries(db, who, values, rule.rule);
    startLog.info({ seriesId: series.seriesId }, "series created");
    return { kind: "series", ...series };
  }
  const horizon = scheduleHorizonSeconds();
  if (values.scheduleMode === "later") {
    const at = scheduledInstantOf(values);
    if (isBeyondHorizon(at, horizon)) {
      const held = await holdTask(db, { values, requester: who, clientToken: values.clientToken });
      startLog.info({ heldTaskId: held.id }, "task held until it is inside the horizon");
      return {
        kind: "held",
        heldTaskId: held.id,
        scheduledAt: held.scheduledAt,
        releaseAt: releaseMomentOf(held.scheduledAt, horizon),
        clientToken: values.clientToken,
      };
    }
  }
  return { kind: "created", ...(await startTask(db, who, values, options)) };
}
