import "server-only";

/**
 * A series' page for one reader: the series (found only when they may see it, as held tasks
 * are), its rule in words, and each occurrence that exists with its state: the console's while
 * it holds it, Connect's last known status (contact_snapshot) once released.
 */
import { eq, inArray } from "drizzle-orm";

import { describeRule } from "@/lib/schedule/describe-rule";
import type { SessionUser } from "@/lib/server/auth/session";
import type { Database } from "@/lib/server/db";
import { contactSnapshot, taskSeries } from "@/lib/server/db/schema";
import type { TaskValues } from "@/lib/task/schema";
import type { OccurrenceState } from "@/lib/task/series";
import type { TaskStatus } from "@/lib/task/status";

import type { HeldTask } from "./held";
import {
  type TaskSeries,
  canReadSeries,
  findSeries,
  seriesChangeRefusal,
  seriesOccurrences,
  seriesRuleOfRow,
} from "./series";

export interface OccurrenceRow {
  heldTaskId: string;
  /** Its own name: an occurrence edited on its own may differ from the series. */
  name: string;
  contactId: string | null;
  instanceId: string;
  scheduledAt: Date;
  /** The instant the rule made it at (an occurrence edited on its own may have moved). */
  occurrenceAt: Date | null;
  state: OccurrenceState;
  failureMessage: string | null;
  /** Still held by the console: it can be skipped or edited on its own. */
  isWaiting: boolean;
}

export interface SeriesPage {
  series: TaskSeries;
  values: TaskValues;
  ruleText: string;
  /** The series this one continues, when an edit of that one's timing made this one. */
  continues: string | null;
  occurrences: OccurrenceRow[];
  changeRefusal: string | null;
}

function stateOf(
  row: HeldTask,
  status: TaskStatus | undefined,
  endedAt: Date | null,
): OccurrenceState {
  // Cancelled by the series' end, or skipped on its own before it.
  if (row.state === "cancelled") return endedAt && row.updatedAt >= endedAt ? "cancelled" : "skipped";
  if (row.state !== "released") return row.state;
  if (status === "in_progress") return "started";
  if (status === "ended" || status === "expired" || status === "cancelled") return "ended";
  return "in_connect";
}

export async function loadSeriesPage(
  db: Database,
  user: SessionUser,
  id: string,
): Promise<SeriesPage | null> {
  const series = await findSeries(db, id);
  if (!series || !canReadSeries(user, series)) return null;
  const rows = await seriesOccurrences(db, id);
  const contactIds = rows.flatMap((row) => (row.contactId ? [row.contactId] : []));
  const snapshots =
    contactIds.length === 0
      ? []
      : await db
          .select({ contactId: contactSnapshot.contactId, status: contactSnapshot.status })
          .from(contactSnapshot)
          .where(inArray(contactSnapshot.contactId, contactIds));
  const statusOf = new Map(snapshots.map((snapshot) => [snapshot.contactId, snapshot.status]));
  const [earlier] = await db
    .select({ id: taskSeries.id })
    .from(taskSeries)
    .where(eq(taskSeries.continuedAsId, id));
  return {
    series,
    values: series.values as TaskValues,
    ruleText: describeRule(seriesRuleOfRow(series)),
    continues: earlier?.id ?? null,
    occurrences: rows.map((row) => ({
      heldTaskId: row.id,
      name: (row.values as TaskValues).name,
      contactId: row.contactId,
      instanceId: row.instanceId,
      scheduledAt: row.scheduledAt,
      occurrenceAt: row.occurrenceAt,
      state: stateOf(
        row,
        row.contactId ? statusOf.get(row.contactId) : undefined,
        series.endedAt,
      ),
      failureMessage: row.failureMessage,
      isWaiting: row.state === "held" || row.state === "paused" || row.state === "release_failed",
    })),
    changeRefusal: seriesChangeRefusal(user, series),
  };
}
