/**
 * A series' occurrences as instants. rrule-temporal (RFC 5545) does the calendar: which dates a
 * rule produces (weekdays, nth weekdays, skipped days 31, intervals, COUNT and UNTIL). It works
 * on wall-clock times only: the rule is given to it in UTC, a zone without DST, so it never
 * drops a time that does not exist locally (RFC 5545 and the library omit those; the console
 * moves them forward). Each wall-clock time then becomes an instant in zoned-time.ts, the one
 * module that converts local time to UTC (occurrenceInstant: a time in a gap moves forward, a
 * repeated time takes the earlier instant). So 09:00 Paris stays 09:00 Paris across a change.
 *
 * Loaded only where occurrences are listed (the composer's preview once Repeat is ticked, the
 * series service): the library is most of the weight of a Repeat.
 */
import { RRuleTemporal } from "rrule-temporal";

import { type OccurrenceAdjustment, occurrenceInstant } from "@/lib/task/zoned-time";

import { type SeriesRule, calendarDate } from "./series-rule";

export interface Occurrence {
  /** 0 for the first occurrence (the schedule's own time), counting every one the rule makes. */
  index: number;
  /** "YYYY-MM-DDTHH:mm" in the rule's zone, as the rule made it (before any DST adjustment). */
  local: string;
  at: Date;
  adjustment: OccurrenceAdjustment;
}

const DAY_MS = 86_400_000;
/** Further than any zone's offset plus a DST gap: bounds a window read in wall-clock time. */
const WALL_CLOCK_MARGIN_MS = 2 * DAY_MS;

const basic = (local: string) => local.replaceAll("-", "").replaceAll(":", "");

/** The rule as iCalendar text, its DTSTART in UTC standing for the wall-clock time. */
export function toRRuleText(rule: SeriesRule): string {
  const parts = [`FREQ=${rule.frequency.toUpperCase()}`, `INTERVAL=${rule.interval}`];
  const day = Number(rule.start.slice(8, 10));
  if (rule.frequency === "weekly") parts.push(`BYDAY=${rule.weekdays.join(",")}`);
  if (rule.frequency === "monthly") {
    if (rule.monthly.by === "dayOfMonth") parts.push(`BYMONTHDAY=${day}`);
    else
      parts.push(`BYDAY=${rule.monthly.ordinal}${calendarDate(rule.start.slice(0, 10))!.weekday}`);
  }
  if (rule.end.kind === "count") parts.push(`COUNT=${rule.end.count}`);
  // The end date is a local date: its last second, in the same wall-clock stand-in.
  if (rule.end.kind === "until") parts.push(`UNTIL=${basic(rule.end.date)}T235959Z`);
  return `DTSTART;TZID=UTC:${basic(rule.start)}00\nRRULE:${parts.join(";")}`;
}

interface WallClockTime {
  toPlainDateTime(): { toString(): string };
}

function toOccurrence(rule: SeriesRule, date: WallClockTime, index: number): Occurrence {
  const local = date.toPlainDateTime().toString().slice(0, 16);
  const resolved = occurrenceInstant(local, rule.timeZone);
  // A checked rule has a known zone and well-formed times (series-rule.ts).
  if (!resolved) throw new Error(`Cannot place ${local} in ${rule.timeZone}`);
  return { index, local, at: resolved.instant, adjustment: resolved.adjustment };
}

/** Walks the rule's wall-clock times from the first, until `visit` returns false. */
function walk(rule: SeriesRule, visit: (occurrence: Occurrence, wallMs: number) => boolean) {
  const engine = new RRuleTemporal({ rruleString: toRRuleText(rule), cache: false });
  engine.all((date, index) => {
    const occurrence = toOccurrence(rule, date, index);
    return visit(occurrence, Date.parse(`${occurrence.local}Z`));
  });
}

/** The first `count` occurrences strictly after `after` (all that remain if fewer). */
export function nextOccurrences(
  rule: SeriesRule,
  { after, count }: { after: Date; count: number },
): Occurrence[] {
  const found: Occurrence[] = [];
  if (count <= 0) return found;
  walk(rule, (occurrence) => {
    if (occurrence.at.getTime() > after.getTime()) found.push(occurrence);
    return found.length < count;
  });
  return found;
}

/**
 * The occurrences with `from` <= instant < `to`: a rolling window of a series that never ends
 * is materialised with this, and the next window starts where the last one stopped.
 */
export function occurrencesBetween(rule: SeriesRule, from: Date, to: Date): Occurrence[] {
  const found: Occurrence[] = [];
  walk(rule, (occurrence, wallMs) => {
    const at = occurrence.at.getTime();
    if (at >= from.getTime() && at < to.getTime()) found.push(occurrence);
    return wallMs <= to.getTime() + WALL_CLOCK_MARGIN_MS;
  });
  return found;
}
