import { describe, expect, it } from "vitest";

import { occurrenceClientToken } from "./occurrence-token";
import {
  type RepeatFields,
  defaultRepeat,
  describeWeekdayOfMonth,
  repeatFieldsSchema,
  seriesRuleOf,
  seriesRuleSchema,
  weekdayPosition,
} from "./series-rule";

const START = "2026-01-13T09:00"; // a Tuesday, the second of January 2026
const fields = (overrides: Partial<RepeatFields> = {}) =>
  repeatFieldsSchema.parse({ ...defaultRepeat(START), ...overrides });
const problemsOf = (overrides: Partial<RepeatFields>, start = START) => {
  const result = seriesRuleOf(fields(overrides), start, "Europe/Paris");
  return result.ok ? [] : result.problems;
};

describe("seriesRuleOf", () => {
  it("builds the rule from the fields and the first occurrence", () => {
    const result = seriesRuleOf(
      fields({ weekdays: ["FR", "TU"], interval: " 2 " }),
      START,
      "Europe/Paris",
    );
    expect(result).toEqual({
      ok: true,
      rule: {
        start: START,
        timeZone: "Europe/Paris",
        frequency: "weekly",
        interval: 2,
        weekdays: ["TU", "FR"],
        monthly: { by: "dayOfMonth" },
        end: { kind: "count", count: 10 },
      },
    });
    if (result.ok) expect(seriesRuleSchema.parse(result.rule)).toEqual(result.rule);
  });

  it("reads monthly days from the first occurrence", () => {
    const monthly = (monthlyBy: RepeatFields["monthlyBy"], start: string) => {
      const result = seriesRuleOf(fields({ frequency: "monthly", monthlyBy }), start, "UTC");
      return result.ok ? result.rule.monthly : result.problems;
    };
    expect(monthly("dayOfMonth", START)).toEqual({ by: "dayOfMonth" });
    expect(monthly("nthWeekday", START)).toEqual({ by: "weekday", ordinal: 2 });
    expect(monthly("lastWeekday", "2026-01-27T09:00")).toEqual({ by: "weekday", ordinal: -1 });
    expect(monthly("nthWeekday", "2026-01-29T09:00")).toEqual({ by: "weekday", ordinal: 5 });
    expect(monthly("lastWeekday", START)).toEqual([
      {
        path: "monthlyBy",
        message:
          "The first occurrence is not on the last Tuesday of its month: choose another option.",
      },
    ]);
  });

  it("says which field is wrong, with its bounds", () => {
    expect(problemsOf({ interval: "0" })).toEqual([
      { path: "interval", message: "Every must be a whole number from 1 to 99." },
    ]);
    expect(problemsOf({ interval: "1.5" })[0]?.path).toBe("interval");
    expect(problemsOf({ interval: "100" })[0]?.path).toBe("interval");
    expect(problemsOf({ weekdays: [] })).toEqual([
      { path: "weekdays", message: "Choose at least one weekday." },
    ]);
    expect(problemsOf({ weekdays: ["MO"] })).toEqual([
      {
        path: "weekdays",
        message: "The first occurrence is on a Tuesday: tick Tuesday, or change the date.",
      },
    ]);
    expect(problemsOf({ count: "501" })).toEqual([
      { path: "count", message: "Occurrences must be a whole number from 1 to 500." },
    ]);
    expect(problemsOf({ count: "" })[0]?.path).toBe("count");
    expect(problemsOf({ ends: "until", until: "" })).toEqual([
      { path: "until", message: "Enter the end date as a date." },
    ]);
    expect(problemsOf({ ends: "until", until: "2026-02-30" })[0]?.path).toBe("until");
    expect(problemsOf({ ends: "until", until: "2026-01-12" })).toEqual([
      { path: "until", message: "The end date is before the first occurrence." },
    ]);
    expect(problemsOf({ ends: "until", until: "2036-01-13" })[0]?.message).toBe(
      "The end date is at most ten years after the first occurrence.",
    );
    expect(problemsOf({ ends: "until", until: "2026-01-13" })).toEqual([]);
    expect(problemsOf({}, "")).toEqual([
      { path: "start", message: "Pick the date and time of the first occurrence." },
    ]);
  });

  it("ignores the fields another frequency or end would use", () => {
    expect(problemsOf({ frequency: "daily", weekdays: [], count: "x", ends: "never" })).toEqual([]);
    const result = seriesRuleOf(fields({ frequency: "daily", ends: "never" }), START, "UTC");
    expect(result.ok && result.rule).toMatchObject({ weekdays: [], end: { kind: "never" } });
  });
});

describe("weekday positions", () => {
  it("names the nth and last weekday of a date's month", () => {
    expect(weekdayPosition("2026-01-13")).toEqual({
      weekday: "TU",
      nth: 2,
      isLast: false,
      day: 13,
    });
    expect(weekdayPosition("2026-02-27")).toEqual({ weekday: "FR", nth: 4, isLast: true, day: 27 });
    expect(weekdayPosition("2026-02-30")).toBeNull();
    expect(describeWeekdayOfMonth(2, "TU")).toBe("the second Tuesday");
    expect(describeWeekdayOfMonth(-1, "FR")).toBe("the last Friday");
  });

  it("starts Repeat weekly on the schedule's weekday", () => {
    expect(defaultRepeat("2026-03-02T09:00")).toMatchObject({
      frequency: "weekly",
      weekdays: ["MO"],
    });
    expect(defaultRepeat("")).toMatchObject({ weekdays: [] });
  });
});

describe("occurrenceClientToken", () => {
  it("is a UUID fixed by the series and the occurrence's instant", () => {
    const at = new Date("2026-03-30T07:00:00Z");
    const token = occurrenceClientToken("series-1", at);
    expect(token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(occurrenceClientToken("series-1", new Date(at))).toBe(token);
    expect(occurrenceClientToken("series-2", at)).not.toBe(token);
    expect(occurrenceClientToken("series-1", new Date("2026-04-06T07:00:00Z"))).not.toBe(token);
    // The value itself is the contract: an occurrence held before an upgrade keeps its token.
    expect(token).toBe("c4495b5a-dcef-8d6c-bc47-bcedf2d542fb");
    expect(occurrenceClientToken("series-1", new Date("2026-03-30T09:00:00+02:00"))).toBe(token);
  });
});
