/**
 * A series' rule in words, as the series page and its audit detail show it: "Every week on
 * Monday at 09:00 (Europe/Paris), no end date". Built by hand, like the agenda's labels, so it
 * reads the same in every browser locale and in tests.
 */
import { type SeriesRule, WEEKDAY_NAMES, calendarDate, describeWeekdayOfMonth } from "./series-rule";

const UNITS = { daily: "day", weekly: "week", monthly: "month" } as const;

function cadence(rule: SeriesRule): string {
  const unit = UNITS[rule.frequency];
  const every = rule.interval === 1 ? `Every ${unit}` : `Every ${rule.interval} ${unit}s`;
  if (rule.frequency === "weekly") {
    const days = rule.weekdays.map((day) => WEEKDAY_NAMES[day]);
    const list = days.length > 1 ? `${days.slice(0, -1).join(", ")} and ${days.at(-1)}` : days[0];
    return `${every} on ${list}`;
  }
  if (rule.frequency === "monthly") {
    const start = calendarDate(rule.start.slice(0, 10));
    if (rule.monthly.by === "weekday" && start)
      return `${every} on ${describeWeekdayOfMonth(rule.monthly.ordinal, start.weekday)}`;
    return `${every} on day ${Number(rule.start.slice(8, 10))}`;
  }
  return every;
}

function ending(rule: SeriesRule): string {
  if (rule.end.kind === "count")
    return rule.end.count === 1 ? "1 occurrence" : `${rule.end.count} occurrences`;
  if (rule.end.kind === "until") return `until ${rule.end.date}`;
  return "no end date";
}

export function describeRule(rule: SeriesRule): string {
  return `${cadence(rule)} at ${rule.start.slice(11, 16)} (${rule.timeZone}), from ${rule.start.slice(0, 10)}, ${ending(rule)}`;
}
