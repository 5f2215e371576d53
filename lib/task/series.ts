/**
 * Recurring tasks in the browser's and the server's terms (neutral module): a series' id, which
 * `/tasks/series/<id>` reads, and the words a person is shown for a series and its occurrences.
 */
import { z } from "zod";

export const SERIES_ID_PREFIX = "series-";

export const seriesIdSchema = z
  .string()
  .regex(/^series-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "Not a series id.");

export const SERIES_STATE_LABELS = {
  active: "Active",
  paused: "Paused",
  ended: "Ended",
} as const;

/** An occurrence as the series page shows it: the console's state, or Connect's once released. */
export const OCCURRENCE_STATE_LABELS = {
  held: "Held",
  paused: "Paused",
  releasing: "Sending to Connect",
  release_failed: "Release failed",
  skipped: "Skipped",
  cancelled: "Cancelled",
  in_connect: "In Connect",
  started: "Started",
  ended: "Ended",
} as const;
export type OccurrenceState = keyof typeof OCCURRENCE_STATE_LABELS;

/** How far ahead a series' occurrences exist as held tasks; a job makes the next ones. */
export const SERIES_WINDOW_DAYS = 60;
