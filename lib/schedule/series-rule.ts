/**
 * A series' rule, as the composer's Repeat fields hold it and as the server checks it: how often
 * (daily, weekly on chosen weekdays, monthly on the start's day or on its nth / last weekday),
 * every N periods, and when it ends (after N occurrences, on a date, never). The first occurrence
 * is always the schedule's own date and time, so the rule never asks for a day the start already
 * says: monthly "on day 14" or "on the second Tuesday" are read from the start date, and a weekly
 * rule must include the start's weekday. The fields stay strings, as typed (a draft keeps
 * "1x"); `seriesRuleOf` checks them against the start and builds the typed rule that
 * recurrence.ts expands. No date library here: this module loads with the composer's schema.
 */
import { z } from "zod";

export const REPEAT_FREQUENCIES = ["daily", "weekly", "monthly"] as const;
export type RepeatFrequency = (typeof REPEAT_FREQUENCIES)[number];

/** RFC 5545's weekday codes, Monday first (ISO weekday 1..7 is index + 1). */
export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_NAMES: Readonly<Record<Weekday, string>> = {
  MO: "Monday",
  TU: "Tuesday",
  WE: "Wednesday",
  TH: "Thursday",
  FR: "Friday",
  SA: "Saturday",
  SU: "Sunday",
};

/** Monthly on the start's day of the month, on its nth weekday, or on the month's last one. */
export const MONTHLY_BY = ["dayOfMonth", "nthWeekday", "lastWeekday"] as const;
export const REPEAT_ENDS = ["count", "until", "never"] as const;

export const REPEAT_LIMITS = {
  intervalMax: 99,
  countMax: 500,
  /** An end date at most this many days after the first occurrence (ten years). */
  untilDaysMax: 3650,
} as const;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;
const WHOLE = /^\d+$/;

/** The Repeat fields as the form holds them; the shape only (drafts are kept as typed). */
export const repeatFieldsSchema = z.object({
  frequency: z.enum(REPEAT_FREQUENCIES, { error: "Choose how often it repeats." }),
  interval: z.string().trim().max(6, `Every must be a whole number from 1 to 99.`),
  weekdays: z.array(z.enum(WEEKDAYS, { error: "Choose weekdays from the list." })).max(7),
  monthlyBy: z.enum(MONTHLY_BY, { error: "Choose which day of the month." }),
  ends: z.enum(REPEAT_ENDS, { error: "Choose when the series ends." }),
  count: z.string().trim().max(6, `Occurrences must be a whole number from 1 to 500.`),
  until: z.string().trim().max(10, "Enter the end date as a date."),
});
export type RepeatFields = z.input<typeof repeatFieldsSchema>;

export type MonthlyRule = { by: "dayOfMonth" } | { by: "weekday"; ordinal: 1 | 2 | 3 | 4 | 5 | -1 };
export type SeriesEnd =
  { kind: "count"; count: number } | { kind: "until"; date: string } | { kind: "never" };

/** A checked rule: what recurrence.ts expands and a series stores. */
export interface SeriesRule {
  /** The first occurrence: "YYYY-MM-DDTHH:mm" wall-clock time in `timeZone`. */
  start: string;
  timeZone: string;
  frequency: RepeatFrequency;
  interval: number;
  /** Weekly only: the weekdays, in WEEKDAYS order, always including the start's. */
  weekdays: Weekday[];
  /** Monthly only. */
  monthly: MonthlyRule;
  end: SeriesEnd;
}

/** The stored form of a rule, checked again whenever it is read back. */
export const seriesRuleSchema = z.object({
  start: z.string().regex(LOCAL_TIME),
  timeZone: z.string().min(1).max(64),
  frequency: z.enum(REPEAT_FREQUENCIES),
  interval: z.number().int().min(1).max(REPEAT_LIMITS.intervalMax),
  weekdays: z.array(z.enum(WEEKDAYS)).max(7),
  monthly: z.union([
    z.object({ by: z.literal("dayOfMonth") }),
    z.object({
      by: z.literal("weekday"),
      ordinal: z.union([
        z.literal(-1),
        z.literal(1),
        z.literal(2),
        z.literal(3),
        z.literal(4),
        z.literal(5),
      ]),
    }),
  ]),
  end: z.discriminatedUnion("kind", [
    z.object({
      kind: z.literal("count"),
      count: z.number().int().min(1).max(REPEAT_LIMITS.countMax),
    }),
    z.object({ kind: z.literal("until"), date: z.string().regex(LOCAL_DATE) }),
    z.object({ kind: z.literal("never") }),
  ]),
}) satisfies z.ZodType<SeriesRule>;

/** A calendar date's parts and weekday, with no zone involved (dates are wall-clock dates). */
export function calendarDate(date: string) {
  const match = LOCAL_DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(Date.UTC(year, month - 1, day));
  if (utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day || year < 1970) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const weekday = WEEKDAYS[(utc.getUTCDay() + 6) % 7]!;
  return { year, month, day, daysInMonth, weekday, epochDay: utc.getTime() / 86_400_000 };
}

const ORDINAL_WORDS = {
  1: "first",
  2: "second",
  3: "third",
  4: "fourth",
  5: "fifth",
  [-1]: "last",
};

/** The nth weekday of its month a date is (1-5), and whether it is also the month's last one. */
export function weekdayPosition(date: string) {
  const parts = calendarDate(date);
  if (!parts) return null;
  return {
    weekday: parts.weekday,
    nth: Math.ceil(parts.day / 7) as 1 | 2 | 3 | 4 | 5,
    isLast: parts.day + 7 > parts.daysInMonth,
    day: parts.day,
  };
}

/** "the second Tuesday", "the last Friday". */
export function describeWeekdayOfMonth(ordinal: 1 | 2 | 3 | 4 | 5 | -1, weekday: Weekday): string {
  return `the ${ORDINAL_WORDS[ordinal]} ${WEEKDAY_NAMES[weekday]}`;
}

/** Repeat's starting values for a schedule's date: weekly on its weekday, monthly on its day. */
export function defaultRepeat(start: string): RepeatFields {
  const position = weekdayPosition(start.slice(0, 10));
  return {
    frequency: "weekly",
    interval: "1",
    weekdays: position ? [position.weekday] : [],
    monthlyBy: "dayOfMonth",
    ends: "count",
    count: "10",
    until: "",
  };
}

export interface RepeatProblem {
  /** A key of RepeatFields, or "start" for the schedule's date and time. */
  path: keyof RepeatFields | "start";
  message: string;
}

function wholeNumber(text: string, max: number): number | null {
  if (!WHOLE.test(text)) return null;
  const value = Number(text);
  return value >= 1 && value <= max ? value : null;
}

/**
 * The Repeat fields checked against the first occurrence, as a rule or the field messages. The
 * same function in the composer (as it validates) and on the server (parsing the request).
 */
export function seriesRuleOf(
  fields: z.output<typeof repeatFieldsSchema>,
  start: string,
  timeZone: string,
): { ok: true; rule: SeriesRule } | { ok: false; problems: RepeatProblem[] } {
  const problems: RepeatProblem[] = [];
  const problem = (path: RepeatProblem["path"], message: string) =>
    problems.push({ path, message });
  const startDate = calendarDate(start.slice(0, 10));
  if (!LOCAL_TIME.test(start) || !startDate)
    problem("start", "Pick the date and time of the first occurrence.");

  const interval = wholeNumber(fields.interval, REPEAT_LIMITS.intervalMax);
  if (interval === null) problem("interval", "Every must be a whole number from 1 to 99.");

  const weekdays = WEEKDAYS.filter((day) => fields.weekdays.includes(day));
  if (fields.frequency === "weekly") {
    if (weekdays.length === 0) problem("weekdays", "Choose at least one weekday.");
    else if (startDate && !weekdays.includes(startDate.weekday)) {
      const name = WEEKDAY_NAMES[startDate.weekday];
      problem(
        "weekdays",
        `The first occurrence is on a ${name}: tick ${name}, or change the date.`,
      );
    }
  }

  let monthly: MonthlyRule = { by: "dayOfMonth" };
  const position = startDate ? weekdayPosition(start.slice(0, 10)) : null;
  if (fields.frequency === "monthly" && position) {
    if (fields.monthlyBy === "nthWeekday") monthly = { by: "weekday", ordinal: position.nth };
    if (fields.monthlyBy === "lastWeekday") {
      if (position.isLast) monthly = { by: "weekday", ordinal: -1 };
      else {
        const weekday = describeWeekdayOfMonth(-1, position.weekday);
        problem(
          "monthlyBy",
          `The first occurrence is not on ${weekday} of its month: choose another option.`,
        );
      }
    }
  }

  let end: SeriesEnd = { kind: "never" };
  if (fields.ends === "count") {
    const count = wholeNumber(fields.count, REPEAT_LIMITS.countMax);
    if (count === null) problem("count", "Occurrences must be a whole number from 1 to 500.");
    else end = { kind: "count", count };
  } else if (fields.ends === "until") {
    const until = calendarDate(fields.until);
    if (!until) problem("until", "Enter the end date as a date.");
    else if (startDate && until.epochDay < startDate.epochDay)
      problem("until", "The end date is before the first occurrence.");
    else if (startDate && until.epochDay - startDate.epochDay > REPEAT_LIMITS.untilDaysMax)
      problem("until", "The end date is at most ten years after the first occurrence.");
    else end = { kind: "until", date: fields.until };
  }

  if (problems.length > 0 || interval === null) return { ok: false, problems };
  return {
    ok: true,
    rule: {
      start,
      timeZone,
      frequency: fields.frequency,
      interval,
      weekdays: fields.frequency === "weekly" ? weekdays : [],
      monthly: fields.frequency === "monthly" ? monthly : { by: "dayOfMonth" },
      end,
    },
  };
}

/**
 * The task schema's check of Repeat: a series needs a scheduled first occurrence, then its
 * fields are checked against it. The schedule's own problems stay at the schedule's fields.
 */
export function repeatProblems(
  fields: z.output<typeof repeatFieldsSchema>,
  schedule: { scheduleMode: string; scheduledLocal: string; timeZone: string },
): { path: keyof RepeatFields | "repeat"; message: string }[] {
  if (schedule.scheduleMode !== "later")
    return [{ path: "repeat", message: "A series starts at a scheduled time: choose Schedule." }];
  const result = seriesRuleOf(fields, schedule.scheduledLocal, schedule.timeZone);
  if (result.ok) return [];
  return result.problems.flatMap((problem) =>
    problem.path === "start" ? [] : [{ path: problem.path, message: problem.message }],
  );
}
