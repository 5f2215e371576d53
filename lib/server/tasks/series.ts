import "server-only";

/**
 * Recurring tasks. A series keeps the task's values and its rule (lib/schedule/series-rule.ts);
 * each occurrence is a held task (held.ts) with its own ClientToken, derived from the series and
 * the occurrence's instant (occurrence-token.ts), and released into Connect like any other. Only
 * a rolling window of occurrences exists at a time (SERIES_WINDOW_DAYS, never beyond
 * SCHEDULE_MAX_DAYS); the "series.topup" job (series-topup.ts) makes the next ones. Making the
 * same occurrence twice (two processes, a retried job) finds the row already held.
 * The changes of a series are in series-changes.ts.
 */
import { randomUUID } from "node:crypto";

import { and, asc, eq, lt, sql } from "drizzle-orm";

import { TASK_ACTIONS } from "@/lib/audit/trail";
import { scheduleMaxSeconds } from "@/lib/env";
import { occurrenceClientToken } from "@/lib/schedule/occurrence-token";
import { occurrencesBetween } from "@/lib/schedule/recurrence";
import { type SeriesRule, seriesRuleSchema } from "@/lib/schedule/series-rule";
import { type AuditActor, recordAuditEvent } from "@/lib/server/audit/store";
import { now } from "@/lib/server/clock";
import type { Database } from "@/lib/server/db";
import { type HeldTaskState, heldTask, taskSeries } from "@/lib/server/db/schema";
import type { TaskValues } from "@/lib/task/schema";
import { SERIES_ID_PREFIX, SERIES_WINDOW_DAYS } from "@/lib/task/series";
import { instantToZonedLocal } from "@/lib/task/zoned-time";

import { type HeldTask, canReadHeldTask, heldChangeRefusal, holdTask, requesterOf } from "./held";
import type { StartRequester } from "./start-task";

export type TaskSeries = typeof taskSeries.$inferSelect;

/** Occurrences the console still holds, which a change of the series acts on. */
export const WAITING: HeldTaskState[] = ["held", "paused", "release_failed"];

const DAY_MS = 86_400_000;

/**
 * How far ahead a series' occurrences exist: a series that ends (a count or a date) has every
 * occurrence up to the furthest schedule allowed, so the agenda shows all of it; one that never
 * ends has the rolling window. Never beyond SCHEDULE_MAX_DAYS.
 */
export function windowEnd(current: Date, series: Pick<TaskSeries, "rule">): Date {
  const maxMs = scheduleMaxSeconds() * 1000;
  const isEndless = seriesRuleOfRow(series).end.kind === "never";
  const aheadMs = isEndless ? Math.min(SERIES_WINDOW_DAYS * DAY_MS, maxMs) : maxMs;
  return new Date(current.getTime() + aheadMs);
}

export function seriesRuleOfRow(series: Pick<TaskSeries, "rule">): SeriesRule {
  return seriesRuleSchema.parse(series.rule);
}

/** The values an occurrence is held with: the series' values at the occurrence's own time. */
export function occurrenceValues(values: TaskValues, at: Date, clientToken: string): TaskValues {
  const { repeat: _repeat, ...single } = values;
  return {
    ...single,
    scheduleMode: "later",
    scheduledLocal: instantToZonedLocal(at, values.timeZone),
    clientToken,
  };
}

/**
 * Holds the series' occurrences in [materialised_until, until), then moves materialised_until
 * on. Only an active series makes occurrences. Returns how many were made (or found made).
 */
export async function materialise(db: Database, series: TaskSeries, until: Date): Promise<number> {
  if (series.state !== "active" || until <= series.materialisedUntil) return 0;
  const rule = seriesRuleOfRow(series);
  const values = series.values as TaskValues;
  const current = now();
  const occurrences = occurrencesBetween(rule, series.materialisedUntil, until).filter(
    (occurrence) => occurrence.at > current,
  );
  const requester = requesterOf(series);
  for (const occurrence of occurrences) {
    const clientToken = occurrenceClientToken(series.id, occurrence.at);
    await holdTask(db, {
      values: occurrenceValues(values, occurrence.at, clientToken),
      requester,
      clientToken,
      seriesId: series.id,
      occurrenceAt: occurrence.at,
      scheduledAt: occurrence.at,
    });
  }
  await db
    .update(taskSeries)
    .set({ materialisedUntil: until, updatedAt: sql`now()` })
    .where(and(eq(taskSeries.id, series.id), lt(taskSeries.materialisedUntil, until)));
  return occurrences.length;
}

export interface CreatedSeries {
  seriesId: string;
  /** The first occurrences, held now (the rest are made as the window moves on). */
  occurrences: { heldTaskId: string; scheduledAt: Date }[];
}

/**
 * Creates a series for `who` and holds its first window of occurrences; audited "series.create"
 * (by `auditActor` when someone else creates it for them: an edit that continues `continues`).
 */
export async function createSeries(
  db: Database,
  who: StartRequester,
  values: TaskValues,
  rule: SeriesRule,
  options: { auditActor?: AuditActor; continues?: string } = {},
): Promise<CreatedSeries> {
  const id = `${SERIES_ID_PREFIX}${randomUUID()}`;
  const current = now();
  const [series] = await db
    .insert(taskSeries)
    .values({
      id,
      instanceId: values.instanceId,
      values,
      rule,
      timeZone: rule.timeZone,
      // Before the first occurrence: the first window starts there.
      materialisedUntil: current,
      createdById: who.actor.id ?? "",
      createdByEmail: who.actor.email,
      createdByRole: who.role,
    })
    .returning();
  await recordAuditEvent(db, {
    action: TASK_ACTIONS.seriesCreate,
    outcome: "success",
    actor: options.auditActor ?? who.actor,
    targetId: id,
    detail: {
      instanceId: values.instanceId,
      name: values.name,
      rule,
      ...(options.continues ? { continues: options.continues } : {}),
    },
  });
  await materialise(db, series!, windowEnd(current, series!));
  return { seriesId: id, occurrences: await heldOccurrences(db, id) };
}

async function heldOccurrences(db: Database, seriesId: string) {
  const rows = await db
    .select({ heldTaskId: heldTask.id, scheduledAt: heldTask.scheduledAt })
    .from(heldTask)
    .where(eq(heldTask.seriesId, seriesId))
    .orderBy(asc(heldTask.occurrenceAt));
  return rows;
}

/** Every active series whose window has moved on gets its next occurrences (the job's work). */
export async function topUpSeries(db: Database): Promise<number> {
  const current = now();
  // The nearest any window can end: a series made up to beyond it has nothing to make yet.
  const nearest = new Date(
    current.getTime() + Math.min(SERIES_WINDOW_DAYS * DAY_MS, scheduleMaxSeconds() * 1000),
  );
  const due = await db
    .select()
    .from(taskSeries)
    .where(and(eq(taskSeries.state, "active"), lt(taskSeries.materialisedUntil, nearest)));
  let made = 0;
  for (const series of due) made += await materialise(db, series, windowEnd(current, series));
  return made;
}

export async function findSeries(db: Database, id: string): Promise<TaskSeries | null> {
  const [row] = await db.select().from(taskSeries).where(eq(taskSeries.id, id));
  return row ?? null;
}

/** The series' occurrences that exist, soonest first, as held-task rows. */
export function seriesOccurrences(db: Database, seriesId: string): Promise<HeldTask[]> {
  return db
    .select()
    .from(heldTask)
    .where(eq(heldTask.seriesId, seriesId))
    .orderBy(asc(heldTask.occurrenceAt), asc(heldTask.id));
}

/** Whether `user` may see the series (like a held task: its creator, or a reader of all). */
export const canReadSeries = canReadHeldTask;
export const seriesChangeRefusal = heldChangeRefusal;
