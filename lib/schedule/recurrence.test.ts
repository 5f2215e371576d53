import { RRuleTemporal } from "rrule-temporal";
import { describe, expect, it } from "vitest";

import { instantToZonedLocal } from "@/lib/task/zoned-time";

import { nextOccurrences, occurrencesBetween, toRRuleText } from "./recurrence";
import type { SeriesRule } from "./series-rule";

const EPOCH = new Date(0);

function rule(overrides: Partial<SeriesRule> & Pick<SeriesRule, "start" | "timeZone">): SeriesRule {
  return {
    frequency: "daily",
    interval: 1,
    weekdays: [],
    monthly: { by: "dayOfMonth" },
    end: { kind: "count", count: 10 },
    ...overrides,
  };
}

const all = (r: SeriesRule, count = 1000) => nextOccurrences(r, { after: EPOCH, count });
const instants = (r: SeriesRule, count?: number) => all(r, count).map((o) => o.at.toISOString());
const dates = (r: SeriesRule, count?: number) => all(r, count).map((o) => o.local);

describe("expansion across DST changes", () => {
  it("keeps 09:00 Paris at 09:00 Paris across both changes (Europe/Paris)", () => {
    const spring = rule({
      start: "2026-03-16T09:00",
      timeZone: "Europe/Paris",
      frequency: "weekly",
      weekdays: ["MO"],
      end: { kind: "count", count: 3 },
    });
    expect(instants(spring)).toEqual([
      "2026-03-16T08:00:00.000Z",
      "2026-03-23T08:00:00.000Z",
      "2026-03-30T07:00:00.000Z",
    ]);
    const autumn = { ...spring, start: "2026-10-19T09:00" };
    const occurrences = all(autumn);
    expect(occurrences.map((o) => o.at.toISOString())).toEqual([
      "2026-10-19T07:00:00.000Z",
      "2026-10-26T08:00:00.000Z",
      "2026-11-02T08:00:00.000Z",
    ]);
    for (const o of occurrences) expect(instantToZonedLocal(o.at, "Europe/Paris")).toBe(o.local);
    expect(occurrences.every((o) => o.adjustment === "none")).toBe(true);
  });

  it("moves a skipped time forward and takes the earlier of a repeated one (America/New_York)", () => {
    const spring = all(
      rule({
        start: "2026-03-07T02:30",
        timeZone: "America/New_York",
        end: { kind: "count", count: 3 },
      }),
    );
    expect(spring.map((o) => [o.local, o.at.toISOString(), o.adjustment])).toEqual([
      ["2026-03-07T02:30", "2026-03-07T07:30:00.000Z", "none"],
      // 02:30 does not exist on 8 March: 03:30 EDT, not dropped (RFC 5545 would drop it).
      ["2026-03-08T02:30", "2026-03-08T07:30:00.000Z", "moved-forward"],
      ["2026-03-09T02:30", "2026-03-09T06:30:00.000Z", "none"],
    ]);
    expect(instantToZonedLocal(spring[1]!.at, "America/New_York")).toBe("2026-03-08T03:30");
    const autumn = all(
      rule({
        start: "2026-10-31T01:30",
        timeZone: "America/New_York",
        end: { kind: "count", count: 3 },
      }),
    );
    expect(autumn.map((o) => [o.at.toISOString(), o.adjustment])).toEqual([
      ["2026-10-31T05:30:00.000Z", "none"],
      // 01:30 happens twice on 1 November: the first, still EDT (UTC-4).
      ["2026-11-01T05:30:00.000Z", "earlier-of-two"],
      ["2026-11-02T06:30:00.000Z", "none"],
    ]);
  });

  it("handles the southern hemisphere's changes (Australia/Sydney)", () => {
    const october = all(
      rule({
        start: "2026-10-03T02:30",
        timeZone: "Australia/Sydney",
        end: { kind: "count", count: 3 },
      }),
    );
    expect(october.map((o) => [o.at.toISOString(), o.adjustment])).toEqual([
      ["2026-10-02T16:30:00.000Z", "none"],
      ["2026-10-03T16:30:00.000Z", "moved-forward"],
      ["2026-10-04T15:30:00.000Z", "none"],
    ]);
    expect(instantToZonedLocal(october[1]!.at, "Australia/Sydney")).toBe("2026-10-04T03:30");
    const april = all(
      rule({
        start: "2026-04-04T02:30",
        timeZone: "Australia/Sydney",
        end: { kind: "count", count: 3 },
      }),
    );
    expect(april.map((o) => [o.at.toISOString(), o.adjustment])).toEqual([
      ["2026-04-03T15:30:00.000Z", "none"],
      ["2026-04-04T15:30:00.000Z", "earlier-of-two"],
      ["2026-04-05T16:30:00.000Z", "none"],
    ]);
  });

  it("stays at one offset in a zone without DST while others change (Asia/Kolkata)", () => {
    const kolkata = rule({
      start: "2026-03-04T09:00",
      timeZone: "Asia/Kolkata",
      frequency: "weekly",
      weekdays: ["WE"],
      end: { kind: "until", date: "2026-11-04" },
    });
    const occurrences = all(kolkata);
    expect(occurrences).toHaveLength(36);
    expect(occurrences.every((o) => o.at.toISOString().endsWith("T03:30:00.000Z"))).toBe(true);
    expect(occurrences.every((o) => o.adjustment === "none")).toBe(true);
  });

  it("gives the instants rrule-temporal gives in the zone itself, wherever a time exists once", () => {
    for (const timeZone of [
      "Europe/Paris",
      "America/New_York",
      "Australia/Sydney",
      "Asia/Kolkata",
    ]) {
      const r = rule({ start: "2026-01-05T09:15", timeZone, end: { kind: "count", count: 400 } });
      const zoned = new RRuleTemporal({
        rruleString: `DTSTART;TZID=${timeZone}:20260105T091500\nRRULE:FREQ=DAILY;COUNT=400`,
      })
        .all()
        .map((date) => new Date(date.epochMilliseconds).toISOString());
      expect(instants(r)).toEqual(zoned);
    }
  });
});

describe("end conditions", () => {
  const base = rule({ start: "2026-06-01T10:00", timeZone: "Europe/Paris" });

  it("stops after the number of occurrences", () => {
    const r = { ...base, end: { kind: "count" as const, count: 4 } };
    expect(dates(r)).toEqual([
      "2026-06-01T10:00",
      "2026-06-02T10:00",
      "2026-06-03T10:00",
      "2026-06-04T10:00",
    ]);
    expect(all(r).map((o) => o.index)).toEqual([0, 1, 2, 3]);
  });

  it("includes the end date itself, in the rule's zone", () => {
    const r = { ...base, interval: 2, end: { kind: "until" as const, date: "2026-06-07" } };
    expect(dates(r)).toEqual([
      "2026-06-01T10:00",
      "2026-06-03T10:00",
      "2026-06-05T10:00",
      "2026-06-07T10:00",
    ]);
    // 23:30 Sydney on the end date is 13:30 UTC that day: still inside the end date.
    const late = rule({
      start: "2026-06-01T23:30",
      timeZone: "Australia/Sydney",
      end: { kind: "until", date: "2026-06-03" },
    });
    expect(dates(late)).toEqual(["2026-06-01T23:30", "2026-06-02T23:30", "2026-06-03T23:30"]);
  });

  it("never ends: the next ones after any instant, and windows that add up", () => {
    const r = { ...base, end: { kind: "never" as const } };
    const later = nextOccurrences(r, { after: new Date("2030-01-01T00:00:00Z"), count: 2 });
    expect(later.map((o) => o.local)).toEqual(["2030-01-01T10:00", "2030-01-02T10:00"]);
    expect(later[0]!.index).toBe(1310);
    const from = new Date("2026-06-10T00:00:00Z");
    const middle = new Date("2026-07-10T08:00:00Z");
    const to = new Date("2026-08-09T00:00:00Z");
    const window = occurrencesBetween(r, from, to);
    expect(window).toHaveLength(60);
    expect(window[0]!.local).toBe("2026-06-10T10:00");
    const halves = [...occurrencesBetween(r, from, middle), ...occurrencesBetween(r, middle, to)];
    expect(halves).toEqual(window);
    // 10:00 Paris on 10 July is 08:00 UTC: the boundary belongs to the second window only.
    expect(occurrencesBetween(r, middle, to)[0]!.at.toISOString()).toBe("2026-07-10T08:00:00.000Z");
  });

  it("lists nothing after the last occurrence", () => {
    const r = { ...base, end: { kind: "count" as const, count: 2 } };
    expect(nextOccurrences(r, { after: new Date("2026-06-02T08:00:00Z"), count: 10 })).toEqual([]);
    expect(nextOccurrences(r, { after: EPOCH, count: 0 })).toEqual([]);
  });
});

describe("weekly and monthly rules", () => {
  it("repeats on chosen weekdays every N weeks", () => {
    const r = rule({
      start: "2026-01-05T09:00",
      timeZone: "UTC",
      frequency: "weekly",
      interval: 2,
      weekdays: ["MO", "WE"],
      end: { kind: "count", count: 5 },
    });
    expect(dates(r)).toEqual([
      "2026-01-05T09:00",
      "2026-01-07T09:00",
      "2026-01-19T09:00",
      "2026-01-21T09:00",
      "2026-02-02T09:00",
    ]);
  });

  it("repeats on the second Tuesday", () => {
    const r = rule({
      start: "2026-01-13T14:00",
      timeZone: "Europe/Paris",
      frequency: "monthly",
      monthly: { by: "weekday", ordinal: 2 },
      end: { kind: "count", count: 5 },
    });
    expect(dates(r).map((d) => d.slice(0, 10))).toEqual([
      "2026-01-13",
      "2026-02-10",
      "2026-03-10",
      "2026-04-14",
      "2026-05-12",
    ]);
  });

  it("repeats on the last Friday", () => {
    const r = rule({
      start: "2026-01-30T16:00",
      timeZone: "America/New_York",
      frequency: "monthly",
      monthly: { by: "weekday", ordinal: -1 },
      end: { kind: "count", count: 5 },
    });
    expect(dates(r).map((d) => d.slice(0, 10))).toEqual([
      "2026-01-30",
      "2026-02-27",
      "2026-03-27",
      "2026-04-24",
      "2026-05-29",
    ]);
  });

  it("skips months without a fifth Thursday, not counting them", () => {
    const r = rule({
      start: "2026-01-29T09:00",
      timeZone: "UTC",
      frequency: "monthly",
      monthly: { by: "weekday", ordinal: 5 },
      end: { kind: "count", count: 5 },
    });
    expect(dates(r).map((d) => d.slice(0, 10))).toEqual([
      "2026-01-29",
      "2026-04-30",
      "2026-07-30",
      "2026-10-29",
      "2026-12-31",
    ]);
  });

  it("skips months without a day 31 (RFC 5545), and every N months keeps its phase", () => {
    const r = rule({
      start: "2026-01-31T09:00",
      timeZone: "Asia/Kolkata",
      frequency: "monthly",
      end: { kind: "count", count: 5 },
    });
    expect(dates(r).map((d) => d.slice(0, 10))).toEqual([
      "2026-01-31",
      "2026-03-31",
      "2026-05-31",
      "2026-07-31",
      "2026-08-31",
    ]);
    const everyTwo = { ...r, interval: 2 };
    expect(dates(everyTwo).map((d) => d.slice(0, 10))).toEqual([
      "2026-01-31",
      "2026-03-31",
      "2026-05-31",
      "2026-07-31",
      "2027-01-31",
    ]);
  });

  it("writes the rule as iCalendar text with the wall-clock time standing in UTC", () => {
    expect(
      toRRuleText(
        rule({
          start: "2026-01-13T14:00",
          timeZone: "Europe/Paris",
          frequency: "monthly",
          monthly: { by: "weekday", ordinal: 2 },
          end: { kind: "until", date: "2026-12-31" },
        }),
      ),
    ).toBe(
      "DTSTART;TZID=UTC:20260113T140000\nRRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=2TU;UNTIL=20261231T235959Z",
    );
  });
});
