import "server-only";

/**
 * Changing when a series repeats. Every occurrence made keeps the ClientToken derived from its
 * series and its instant (occurrence-token.ts), so a new timing cannot move the ones made:
 * instead an edit that changes the time, the zone or the rule (its end included) ends the series
 * at the occurrence the edit form showed (its held occurrences from there on are cancelled,
 * never sent) and continues it as a new series with the new timing, created by the same person,
 * that has what remains of a counted end. The occurrences before that one stay with the old
 * series and are released as before. All of it is one transaction.
 */
import { and, eq, gte, inArray, sql } from "drizzle-orm";

import { AppError } from "@/lib/errors";
import { nextOccurrences } from "@/lib/schedule/recurrence";
import { type SeriesRule, seriesRuleOf } from "@/lib/schedule/series-rule";
import type { AuditActor } from "@/lib/server/audit/store";
import type { Database } from "@/lib/server/db";
import { heldTask, taskSeries } from "@/lib/server/db/schema";
import type { TaskValues } from "@/lib/task/schema";
import { instantToZonedLocal } from "@/lib/task/zoned-time";

import { type HeldTask, requesterOf } from "./held";
import { type TaskSeries, WAITING, createSeries, seriesRuleOfRow } from "./series";

export type SeriesTiming = Pick<TaskValues, "scheduledLocal" | "timeZone" | "repeat">;

export interface EditBaseline {
  /** What the edit form shows: the occurrence's time as it will be sent, and the rule's fields. */
  timing: SeriesTiming;
  /**
   * The wall-clock time the rule made the occurrence at: differs from the shown time only when
   * that time does not exist in the zone (a DST gap moved it forward).
   */
  ruleStart: string;
}

/**
 * The timing an edit from the occurrence `start` begins with: its time, the series' zone, and
 * its Repeat fields with the occurrences that remain from there on.
 */
export function timingFrom(
  series: Pick<TaskSeries, "rule" | "values">,
  start: Pick<HeldTask, "occurrenceAt" | "scheduledAt">,
): EditBaseline {
  const rule = seriesRuleOfRow(series);
  const at = start.occurrenceAt ?? start.scheduledAt;
  const [occurrence] = nextOccurrences(rule, { after: new Date(at.getTime() - 1), count: 1 });
  const repeat = (series.values as TaskValues).repeat;
  const remaining =
    occurrence && rule.end.kind === "count" ? rule.end.count - occurrence.index : null;
  const shown = instantToZonedLocal(at, rule.timeZone);
  return {
    timing: {
      scheduledLocal: shown,
      timeZone: rule.timeZone,
      ...(repeat ? { repeat: remaining ? { ...repeat, count: String(remaining) } : repeat } : {}),
    },
    ruleStart: occurrence?.local ?? shown,
  };
}

function ruleOf(timing: SeriesTiming, start: string): SeriesRule | null {
  if (!timing.repeat) return null;
  const result = seriesRuleOf(timing.repeat, start, timing.timeZone);
  return result.ok ? result.rule : null;
}

/**
 * The new rule when `values` change the timing the edit began with, null when they keep it.
 * A series stays a repeating, scheduled task: to stop it, the series page ends it.
 */
export function changedRule(baseline: EditBaseline, values: TaskValues): SeriesRule | null {
  if (values.scheduleMode !== "later")
    throw new AppError("INVALID_INPUT", {
      fieldErrors: {
        "values.scheduleMode": [
          "A series is scheduled: keep Later and pick the time of the next occurrence.",
        ],
      },
    });
  // The time shown stands for the rule's own (they differ only for a time a DST gap moved).
  const isShownTime = values.scheduledLocal === baseline.timing.scheduledLocal;
  const rule = ruleOf(values, isShownTime ? baseline.ruleStart : values.scheduledLocal);
  if (!rule)
    throw new AppError("INVALID_INPUT", {
      fieldErrors: {
        "values.repeat": ["A series repeats: keep Repeat ticked. To stop it, end the series."],
      },
    });
  const kept = ruleOf(baseline.timing, baseline.ruleStart);
  return JSON.stringify(rule) === JSON.stringify(kept) ? null : rule;
}

const sentMeanwhile = () =>
  new AppError("CONFLICT", {
    message:
      "This occurrence was sent to Amazon Connect meanwhile; reload the page to change the series from the next one.",
  });

/**
 * Ends `series` at the occurrence `from` (its held occurrences from there on are cancelled) and
 * continues it as a new series with `values` and `rule`, audited "series.create" by `actor`
 * (the edit itself is audited by its action). Checked against the series' revision; refused
 * while the series is paused or once `from` has been sent to Connect.
 */
export async function continueSeries(
  db: Database,
  actor: AuditActor,
  input: {
    series: TaskSeries;
    from: Pick<HeldTask, "id" | "occurrenceAt" | "state">;
    values: TaskValues;
    rule: SeriesRule;
  },
): Promise<{ series: TaskSeries; changed: number }> {
  const { series, from } = input;
  if (series.state === "paused")
    throw new AppError("CONFLICT", {
      message: "Resume the series before you change when it repeats.",
    });
  if (!WAITING.includes(from.state)) throw sentMeanwhile();
  return db.transaction(async (tx) => {
    const created = await createSeries(tx, requesterOf(series), input.values, input.rule, {
      auditActor: actor,
      continues: series.id,
    });
    const [ended] = await tx
      .update(taskSeries)
      .set({
        state: "ended",
        // The database's clock, as the cancelled occurrences' updated_at (series-page.ts).
        endedAt: sql`now()`,
        continuedAsId: created.seriesId,
        revision: sql`${taskSeries.revision} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(taskSeries.id, series.id), eq(taskSeries.revision, series.revision)))
      .returning();
    if (!ended)
      throw new AppError("CONFLICT", {
        message: "The series changed meanwhile; reload the page and try again.",
      });
    const cancelled = await tx
      .update(heldTask)
      .set({ state: "cancelled", updatedAt: sql`now()` })
      .where(
        and(
          eq(heldTask.seriesId, series.id),
          inArray(heldTask.state, WAITING),
          from.occurrenceAt ? gte(heldTask.occurrenceAt, from.occurrenceAt) : undefined,
        ),
      )
      .returning({ id: heldTask.id });
    // Claimed by a release since it was read: the new series would send its time again.
    if (!cancelled.some((row) => row.id === from.id)) throw sentMeanwhile();
    const [continued] = await tx
      .select()
      .from(taskSeries)
      .where(eq(taskSeries.id, created.seriesId));
    if (!continued) throw new Error(`series ${created.seriesId} vanished while created`);
    return { series: continued, changed: created.occurrences.length };
  });
}
