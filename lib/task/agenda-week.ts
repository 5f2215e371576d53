/**
 * Weeks and day ranges of the agenda. A week runs Monday to Sunday on the viewer's wall clock;
 * only the browser knows that zone, so the server reads a window wide enough for every zone
 * (`widenedWindow`) and the browser keeps the items inside its own week (`zonedDaysWindow`).
 * Calendar days are "YYYY-MM-DD" strings and their arithmetic is done on UTC dates, where every
 * day has 24 hours; only the step from a local day to an instant looks at the zone, so a week with
 * a DST change is 167 or 169 hours long and still starts at the right local midnight.
 */
import { type AgendaDay, MONTHS, dayLabel, placeInstant } from "@/lib/task/agenda";
import { zonedLocalToInstant } from "@/lib/task/zoned-time";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/**
 * The furthest any zone is from UTC: UTC+14 (Pacific/Kiritimati) and UTC-12 (Etc/GMT+12). A
 * local day D runs, somewhere, from D 00:00 UTC minus 14 hours to D+1 00:00 UTC plus 12 hours.
 */
export const MAX_EAST_OFFSET_MS = 14 * HOUR_MS;
export const MAX_WEST_OFFSET_MS = 12 * HOUR_MS;

const utcMidnight = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOfUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The calendar day `count` days after `day` (before, when negative). */
export function addDays(day: string, count: number): string {
  return dayOfUtc(utcMidnight(day) + count * DAY_MS);
}

/** The Monday of the Monday-to-Sunday week holding `day`. */
export function mondayOf(day: string): string {
  const weekday = new Date(utcMidnight(day)).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** The seven days of the week starting on `monday`. */
export function weekDays(monday: string): AgendaDay[] {
  return Array.from({ length: 7 }, (_, index) => {
    const key = addDays(monday, index);
    return { key, label: dayLabel(key) };
  });
}

/** "14 – 20 Dec 2026", "30 Nov – 6 Dec 2026", "28 Dec 2026 – 3 Jan 2027". */
export function weekLabel(monday: string): string {
  return rangeLabel(monday, addDays(monday, 6));
}

/** Two calendar days as a person reads them, naming the month and year once when they share it. */
export function rangeLabel(first: string, last: string): string {
  const [fy, fm, fd] = first.split("-").map(Number) as [number, number, number];
  const [ly, lm, ld] = last.split("-").map(Number) as [number, number, number];
  const end = `${ld} ${MONTHS[lm - 1]} ${ly}`;
  if (first === last) return end;
  if (fy !== ly) return `${fd} ${MONTHS[fm - 1]} ${fy} – ${end}`;
  if (fm !== lm) return `${fd} ${MONTHS[fm - 1]} – ${end}`;
  return `${fd} – ${end}`;
}

/** The local calendar day holding `instant` in `timeZone`. */
export function localDayOf(instant: Date, timeZone: string): string {
  return placeInstant(instant, timeZone).day;
}

/**
 * The first instant of a local day: its midnight, the earlier one when midnight happens twice,
 * or, in zones whose clocks jump over midnight (America/Santiago in September), the instant of
 * the jump, found by bisection on the local day (which never goes backwards).
 */
export function dayStart(day: string, timeZone: string): Date {
  const midnight = zonedLocalToInstant(`${day}T00:00`, timeZone);
  if (midnight.ok) return midnight.instant;
  let before = utcMidnight(day) - MAX_EAST_OFFSET_MS - DAY_MS;
  let after = utcMidnight(day) + MAX_WEST_OFFSET_MS + DAY_MS;
  while (after - before > 60_000) {
    const middle = before + Math.floor((after - before) / 120_000) * 60_000;
    if (localDayOf(new Date(middle), timeZone) < day) before = middle;
    else after = middle;
  }
  return new Date(after);
}

/** [start, end) of the local days `first` to `last` (inclusive) on `timeZone`'s wall clock. */
export function zonedDaysWindow(
  first: string,
  last: string,
  timeZone: string,
): { start: Date; end: Date } {
  return { start: dayStart(first, timeZone), end: dayStart(addDays(last, 1), timeZone) };
}

/** [start, end) holding the local days `first` to `last` (inclusive) in every zone. */
export function widenedWindow(first: string, last: string): { start: Date; end: Date } {
  return {
    start: new Date(utcMidnight(first) - MAX_EAST_OFFSET_MS),
    end: new Date(utcMidnight(addDays(last, 1)) + MAX_WEST_OFFSET_MS),
  };
}

export interface WeekSpan {
  /** The Monday of the current week: the first one can go back to. */
  first: string;
  /** The Monday of the week holding the furthest schedule: the last one can go forward to. */
  last: string;
}

/** The weeks the agenda may show on `timeZone`'s wall clock: from this one to the maximum's. */
export function weekSpan(now: Date, maxSeconds: number, timeZone: string): WeekSpan {
  return {
    first: mondayOf(localDayOf(now, timeZone)),
    last: mondayOf(localDayOf(new Date(now.getTime() + maxSeconds * 1000), timeZone)),
  };
}

/** Where a week stands among those the agenda may show, and where its buttons lead. */
export function weekNavigation(week: string, span: WeekSpan) {
  return {
    previous: week > span.first ? addDays(week, -7) : null,
    next: week < span.last ? addDays(week, 7) : null,
    position: week < span.first ? "past" : week > span.last ? "beyond" : "within",
  } as const;
}

/**
 * The days any viewer may call today, and the furthest day any viewer may schedule on: the
 * server's bounds for typed dates, which cannot know the viewer's zone. One day wider on each
 * side at most, never narrower, so no viewer is refused a day that is right on their clock.
 */
export function anyZoneDays(now: Date, maxSeconds: number): { earliest: string; latest: string } {
  return {
    earliest: dayOfUtc(now.getTime() - MAX_WEST_OFFSET_MS),
    latest: dayOfUtc(now.getTime() + maxSeconds * 1000 + MAX_EAST_OFFSET_MS),
  };
}

/** The Monday any viewer's current week can start on, latest first (the server's default week). */
export function latestCurrentMonday(now: Date): string {
  return mondayOf(dayOfUtc(now.getTime() + MAX_EAST_OFFSET_MS));
}

/**
 * The list's days on `timeZone`'s wall clock: those typed, else today and the horizon's day
 * (or "From" itself when it is later: the range never ends before it starts).
 */
export function listDays(
  typed: { from?: string | undefined; to?: string | undefined },
  now: Date,
  horizonSeconds: number,
  timeZone: string,
): { from: string; to: string } {
  const from = typed.from ?? localDayOf(now, timeZone);
  const horizonDay = localDayOf(new Date(now.getTime() + horizonSeconds * 1000), timeZone);
  return { from, to: typed.to ?? (from > horizonDay ? from : horizonDay) };
}
