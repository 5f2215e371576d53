/**
 * The agenda's day-by-hour grid, laid out on the viewer's wall clock (its weeks: agenda-week.ts).
 * Neutral and pure: the browser calls it with its own time zone (the server does not know it),
 * tests with any zone.
 * Labels are built by hand rather than with Intl so they read the same in every browser locale
 * and in tests.
 */
import { instantToZonedLocal } from "@/lib/task/zoned-time";

export interface AgendaDay {
  /** Local calendar day, "2026-11-27". */
  key: string;
  /** "Fri 27 Nov": the column header. */
  label: string;
}

export interface AgendaPlacement {
  day: string;
  hour: number;
  /** Local wall-clock time, "09:30". */
  time: string;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
export const MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
] as const;

export const AGENDA_HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/** "09:00": the row header of an hour. */
export const hourLabel = (hour: number) => `${String(hour).padStart(2, "0")}:00`;

/** "2026-11-27" → "Fri 27 Nov" (a calendar day has no zone: read it as a UTC date). */
export function dayLabel(key: string): string {
  const date = new Date(`${key}T00:00:00Z`);
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
}

/** Where an instant falls on `timeZone`'s wall clock. */
export function placeInstant(instant: Date, timeZone: string): AgendaPlacement {
  const local = instantToZonedLocal(instant, timeZone);
  return { day: local.slice(0, 10), hour: Number(local.slice(11, 13)), time: local.slice(11, 16) };
}

export const cellKey = (day: string, hour: number) => `${day}@${hour}`;

/**
 * Items grouped by their local day and hour, keeping the given order inside a cell. Around a DST
 * change a repeated hour gathers both occurrences, and a skipped hour stays empty.
 */
export function groupByCell<T>(
  items: readonly T[],
  instantOf: (item: T) => Date,
  timeZone: string,
): Map<string, { item: T; time: string }[]> {
  const cells = new Map<string, { item: T; time: string }[]>();
  for (const item of items) {
    const place = placeInstant(instantOf(item), timeZone);
    const key = cellKey(place.day, place.hour);
    const cell = cells.get(key) ?? [];
    cell.push({ item, time: place.time });
    cells.set(key, cell);
  }
  return cells;
}
