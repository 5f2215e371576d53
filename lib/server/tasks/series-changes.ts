import "server-only";

/**
 * A series' changes (series.ts holds the series and makes its occurrences; series-timing.ts
 * changes when it repeats). None calls Connect: skipping, pausing, resuming, ending and editing
 * act on the occurrences the console still holds;
 * the ones already released are Connect's (their own pages change them). Leads change the series
 * they created, supervisors and admins any, as with held tasks.
 */
import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";

import { AppError } from "@/lib/errors";
import type { AuditActor } from "@/lib/server/audit/store";
import type { SessionUser } from "@/lib/server/auth/session";
import { now } from "@/lib/server/clock";
import type { Database } from "@/lib/server/db";
import { heldTask, taskSeries } from "@/lib/server/db/schema";
import type { TaskValues } from "@/lib/task/schema";

import type { HeldTask } from "./held";
import {
  type TaskSeries,
  WAITING,
  canReadSeries,
  findSeries,
  materialise,
  occurrenceValues,
  seriesChangeRefusal,
  windowEnd,
} from "./series";
import { changedRule, continueSeries, timingFrom } from "./series-timing";

async function changeableSeries(db: Database, user: SessionUser, id: string) {
  const series = await findSeries(db, id);
  if (!series || !canReadSeries(user, series))
    throw new AppError("NOT_FOUND", { message: "There is no series with this id." });
  const refusal = seriesChangeRefusal(user, series);
  if (refusal) throw new AppError("FORBIDDEN", { message: refusal });
  if (series.state === "ended")
    throw new AppError("CONFLICT", { message: "This series has ended; there is nothing to change." });
  return series;
}

async function setSeriesState(
  db: Database,
  series: TaskSeries,
  set: PgUpdateSetSource<typeof taskSeries>,
) {
  const [updated] = await db
    .update(taskSeries)
    .set({ ...set, revision: sql`${taskSeries.revision} + 1`, updatedAt: sql`now()` })
    .where(and(eq(taskSeries.id, series.id), eq(taskSeries.revision, series.revision)))
    .returning();
  if (!updated)
    throw new AppError("CONFLICT", {
      message: "The series changed meanwhile; reload the page and try again.",
    });
  return updated;
}

async function occurrenceOf(db: Database, seriesId: string, heldTaskId: string) {
  const [row] = await db
    .select()
    .from(heldTask)
    .where(and(eq(heldTask.id, heldTaskId), eq(heldTask.seriesId, seriesId)));
  if (!row) throw new AppError("NOT_FOUND", { message: "This series has no such occurrence." });
  return row;
}

/** Skips one occurrence the console still holds: it is cancelled, never sent to Connect. */
export async function skipOccurrence(
  db: Database,
  user: SessionUser,
  input: { seriesId: string; heldTaskId: string },
): Promise<HeldTask> {
  await changeableSeries(db, user, input.seriesId);
  const [skipped] = await db
    .update(heldTask)
    .set({ state: "cancelled", updatedAt: sql`now()` })
    .where(
      and(
        eq(heldTask.id, input.heldTaskId),
        eq(heldTask.seriesId, input.seriesId),
        inArray(heldTask.state, WAITING),
      ),
    )
    .returning();
  if (!skipped)
    throw new AppError("CONFLICT", {
      message:
        "This occurrence is no longer held by the console (sent to Connect, or skipped); change it from its own page.",
    });
  return skipped;
}

/** Pauses the series: its held occurrences wait (not released) and no new ones are made. */
export async function pauseSeries(db: Database, user: SessionUser, id: string) {
  const series = await changeableSeries(db, user, id);
  if (series.state === "paused")
    throw new AppError("CONFLICT", { message: "This series is already paused." });
  const updated = await setSeriesState(db, series, { state: "paused" });
  await db
    .update(heldTask)
    .set({ state: "paused", updatedAt: sql`now()` })
    .where(and(eq(heldTask.seriesId, id), eq(heldTask.state, "held")));
  return updated;
}

/**
 * Resumes a paused series: the occurrences still ahead are held again and the window is made
 * up to date; the ones whose time passed while it was paused are skipped, never sent late.
 */
export async function resumeSeries(db: Database, user: SessionUser, id: string) {
  const series = await changeableSeries(db, user, id);
  if (series.state !== "paused")
    throw new AppError("CONFLICT", { message: "This series is not paused." });
  const current = now();
  const updated = await setSeriesState(db, series, { state: "active" });
  const paused = and(eq(heldTask.seriesId, id), eq(heldTask.state, "paused"));
  await db
    .update(heldTask)
    .set({ state: "cancelled", updatedAt: sql`now()` })
    .where(and(paused, lt(heldTask.scheduledAt, current)));
  await db
    .update(heldTask)
    .set({ state: "held", updatedAt: sql`now()` })
    .where(paused);
  await materialise(db, updated, windowEnd(current, updated));
  return updated;
}

/** Ends the series: no more occurrences; the ones the console still holds are cancelled. */
export async function endSeries(db: Database, user: SessionUser, id: string) {
  const series = await changeableSeries(db, user, id);
  // The database's clock, as the occurrences' updated_at: the page tells their cancellation by
  // the series' end from an earlier skip by comparing the two (series-page.ts).
  const updated = await setSeriesState(db, series, { state: "ended", endedAt: sql`now()` });
  const cancelled = await db
    .update(heldTask)
    .set({ state: "cancelled", updatedAt: sql`now()` })
    .where(and(eq(heldTask.seriesId, id), inArray(heldTask.state, WAITING)))
    .returning({ id: heldTask.id });
  return { series: updated, cancelled: cancelled.length };
}

/**
 * New values for the series, applied to the occurrences it still holds from `fromHeldTaskId` on
 * (every one when absent) and to the occurrences made later; each keeps its time and
 * ClientToken. `shownHeldTaskId` is the occurrence whose timing the edit form showed: values
 * that change that timing (series-timing.ts) continue the series from there as a new one
 * instead, and the result is then the new series.
 */
export async function editSeries(
  db: Database,
  user: SessionUser,
  input: {
    id: string;
    values: TaskValues;
    fromHeldTaskId: string | null;
    shownHeldTaskId: string;
  },
  actor: AuditActor,
): Promise<{ series: TaskSeries; changed: number; continues: string | null }> {
  const series = await changeableSeries(db, user, input.id);
  const shown = await occurrenceOf(db, input.id, input.shownHeldTaskId);
  const rule = changedRule(timingFrom(series, shown), input.values);
  if (rule) {
    const continued = await continueSeries(db, actor, {
      series,
      from: shown,
      values: input.values,
      rule,
    });
    return { ...continued, continues: series.id };
  }
  const from = input.fromHeldTaskId ? await occurrenceOf(db, input.id, input.fromHeldTaskId) : null;
  const kept = series.values as TaskValues;
  // The timing stays the rule's: the values change what each occurrence is, not when.
  const values: TaskValues = {
    ...input.values,
    scheduledLocal: kept.scheduledLocal,
    timeZone: kept.timeZone,
    ...(kept.repeat ? { repeat: kept.repeat } : {}),
  };
  const updated = await setSeriesState(db, series, { values, instanceId: values.instanceId });
  const targets = await db
    .select()
    .from(heldTask)
    .where(
      and(
        eq(heldTask.seriesId, input.id),
        inArray(heldTask.state, WAITING),
        from?.occurrenceAt ? gte(heldTask.occurrenceAt, from.occurrenceAt) : undefined,
      ),
    );
  for (const row of targets) {
    await db
      .update(heldTask)
      .set({
        values: occurrenceValues(values, row.scheduledAt, row.clientToken),
        instanceId: values.instanceId,
        updatedAt: sql`now()`,
      })
      .where(and(eq(heldTask.id, row.id), inArray(heldTask.state, WAITING)));
  }
  return { series: updated, changed: targets.length, continues: null };
}
