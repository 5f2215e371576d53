import "server-only";

/**
 * Changing when a series repeats. Every occurrence made keeps the ClientToken derived from its
 * series and its instant (occurrence-token.ts), so a new timing cannot move the ones made:
 * instead an edit that changes the time, the zone or the rule ends the series at the first
 * occurrence it edits (its held occurrences from there on are cancelled, never sent) and
 * continues it as a new series with the new timing, created by the same person, that has what
 * remains of a counted end. The occurrences before the edited one stay with the old series and
 * are released as before.
 */
import { and, eq, gte, inArray, sql } from "drizzle-orm";

import { AppError } from "@/lib/errors";
import { nextOccurrences } from "@/lib/schedule/recurrence";
import { type SeriesRule, seriesRuleOf } from "@/lib/schedule/series-rule";
import type { AuditActor } from "@/lib/server/audit/store";
import { now } from "@/lib/server/clock";
import type { Database } from "@/lib/server/db";
import { heldTask, taskSeries } from "@/lib/server/db/schema";
import type { TaskValues } from "@/lib/task/schema";
import { instantToZonedLocal } from "@/lib/task/zoned-time";

import { type HeldTask, requesterOf } from "./held";
import { type TaskSeries, WAITING, createSeries, seriesRuleOfRow } from "./series";

export type SeriesTiming = Pick<TaskValues, "scheduledLocal" | "timeZone" | "repeat">;

/**
 * The timing an edit from `start` begins with: the occurrence's wall-clock time as the rule made
 * it, the series' zone, and its Repeat fields with the occurrences that remain from there on.
 */
export function timingFrom(
  series: Pick<TaskSeries, "rule" | "values">,
  start: Pick<HeldTask, "occurrenceAt" | "scheduledAt">,
): SeriesTiming {
  const rule = seriesRuleOfRow(series);
  const at = start.occurrenceAt ?? start.scheduledAt;
  const [occurrence] = nextOccurrences(rule, { after: new Date(at.getTime() - 1), count: 1 });
  const repeat = (series.values as TaskValues).repeat;
  const remaining =
    occurrence && rule.end.kind === "count" ? rule.end.count - occurrence.index : null;
  return {
    scheduledLocal: occurrence?.local ?? instantToZonedLocal(at, rule.timeZone),
    timeZone: rule.timeZone,
    ...(repeat ? { repeat: remaining ? { ...repeat, count: String(remaining) } : repeat } : {}),
  };
}

function ruleOf(timing: SeriesTiming): SeriesRule | null {
  if (!timing.repeat) return null;
  const result = seriesRuleOf(timing.repeat, timing.scheduledLocal, timing.timeZone);
  return result.ok ? result.rule : null;
}

/**
 * The new rule when `values` change the timing the edit began with, null when they keep it.
 * A series stays a repeating, scheduled task: to stop it, the series page ends it.
 */
export function changedRule(baseline: SeriesTiming, values: TaskValues): SeriesRule | null {
  if (values.scheduleMode !== "later")
    throw new AppError("INVALID_INPUT", {
      fieldErrors: {
        "values.scheduleMode": [
          "A series is scheduled: keep Later and pick the time of the next occurrence.",
        ],
      },
    });
  const rule = ruleOf(values);
  if (!rule)
    throw new AppError("INVALID_INPUT", {
      fieldErrors: {
        "values.repeat": ["A series repeats: keep Repeat ticked. To stop it, end the series."],
      },
    });
  return JSON.stringify(rule) === JSON.stringify(ruleOf(baseline)) ? null : rule;
}

/**
 * Ends `series` at the occurrence `from` (its held occurrences from there on are cancelled) and
 * continues it as a new series with `values` and `rule`, audited "series.create" by `actor`
 * (the edit itself is audited by its action). Checked against the series' revision.
 */
export async function continueSeries(
  db: Database,
  actor: AuditActor,
  input: {
    series: TaskSeries;
    from: Pick<HeldTask, "occurrenceAt">;
    values: TaskValues;
    rule: SeriesRule;
  },
): Promise<{ series: TaskSeries; changed: number }> {
  const { series, from } = input;
  const [ended] = await db
    .update(taskSeries)
    .set({
      state: "ended",
      endedAt: now(),
      revision: sql`${taskSeries.revision} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(taskSeries.id, series.id), eq(taskSeries.revision, series.revision)))
    .returning();
  if (!ended)
    throw new AppError("CONFLICT", {
      message: "The series changed meanwhile; reload the page and try again.",
    });
  await db
    .update(heldTask)
    .set({ state: "cancelled", updatedAt: sql`now()` })
    .where(
      and(
        eq(heldTask.seriesId, series.id),
        inArray(heldTask.state, WAITING),
        from.occurrenceAt ? gte(heldTask.occurrenceAt, from.occurrenceAt) : undefined,
      ),
    );
  const created = await createSeries(db, requesterOf(series), input.values, input.rule, {
    auditActor: actor,
    continues: series.id,
  });
  const [next] = await db
    .update(taskSeries)
    .set({ continuedAsId: created.seriesId })
    .where(eq(taskSeries.id, series.id))
    .returning();
  const [continued] = await db
    .select()
    .from(taskSeries)
    .where(eq(taskSeries.id, created.seriesId));
  if (!next || !continued) throw new Error(`series ${series.id} vanished while continued`);
  return { series: continued, changed: created.occurrences.length };
}
