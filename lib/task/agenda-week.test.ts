import { describe, expect, it } from "vitest";

import {
  addDays,
  anyZoneDays,
  dayStart,
  listDays,
  mondayOf,
  rangeLabel,
  weekDays,
  weekLabel,
  weekNavigation,
  weekSpan,
  widenedWindow,
  zonedDaysWindow,
} from "./agenda-week";

const HOUR = 3_600_000;
const DAY_SECONDS = 86_400;
const hoursOf = ({ start, end }: { start: Date; end: Date }) =>
  (end.getTime() - start.getTime()) / HOUR;
const iso = (date: Date) => date.toISOString();

describe("calendar weeks", () => {
  it("finds the Monday of any day, across month, year and leap-day ends", () => {
    expect(mondayOf("2026-12-14")).toBe("2026-12-14");
    expect(mondayOf("2026-12-20")).toBe("2026-12-14");
    expect(mondayOf("2026-12-02")).toBe("2026-11-30");
    // 1 January 2027 is a Friday: its week started in 2026.
    expect(mondayOf("2027-01-01")).toBe("2026-12-28");
    expect(mondayOf("2027-01-03")).toBe("2026-12-28");
    expect(mondayOf("2027-01-04")).toBe("2027-01-04");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2027-01-04", -7)).toBe("2026-12-28");
    expect(weekDays("2026-12-28").map((day) => day.label)).toEqual([
      "Mon 28 Dec",
      "Tue 29 Dec",
      "Wed 30 Dec",
      "Thu 31 Dec",
      "Fri 1 Jan",
      "Sat 2 Jan",
      "Sun 3 Jan",
    ]);
  });

  it("names a week's dates, the month and year once when they share them", () => {
    expect(weekLabel("2026-12-14")).toBe("14 – 20 Dec 2026");
    expect(weekLabel("2026-11-30")).toBe("30 Nov – 6 Dec 2026");
    expect(weekLabel("2026-12-28")).toBe("28 Dec 2026 – 3 Jan 2027");
    expect(rangeLabel("2026-12-02", "2026-12-02")).toBe("2 Dec 2026");
  });
});

describe("weeks on a wall clock", () => {
  it("is 167 hours long the week Paris springs forward and 169 the week it falls back", () => {
    const spring = zonedDaysWindow("2026-03-23", "2026-03-29", "Europe/Paris");
    expect([iso(spring.start), iso(spring.end)]).toEqual([
      "2026-03-22T23:00:00.000Z",
      "2026-03-29T22:00:00.000Z",
    ]);
    expect(hoursOf(spring)).toBe(167);
    const autumn = zonedDaysWindow("2026-10-19", "2026-10-25", "Europe/Paris");
    expect([iso(autumn.start), iso(autumn.end)]).toEqual([
      "2026-10-18T22:00:00.000Z",
      "2026-10-25T23:00:00.000Z",
    ]);
    expect(hoursOf(autumn)).toBe(169);
    // New York changes on other Sundays than Paris.
    expect(hoursOf(zonedDaysWindow("2026-03-02", "2026-03-08", "America/New_York"))).toBe(167);
    expect(hoursOf(zonedDaysWindow("2026-10-26", "2026-11-01", "America/New_York"))).toBe(169);
    expect(hoursOf(zonedDaysWindow("2026-10-19", "2026-10-25", "America/New_York"))).toBe(168);
  });

  it("starts a day at the clock's jump where midnight does not exist (Santiago in September)", () => {
    // Chile's clocks go from Saturday 23:59 to Sunday 01:00 on 6 September 2026.
    expect(iso(dayStart("2026-09-06", "America/Santiago"))).toBe("2026-09-06T04:00:00.000Z");
    const week = zonedDaysWindow("2026-08-31", "2026-09-06", "America/Santiago");
    expect([iso(week.start), iso(week.end)]).toEqual([
      "2026-08-31T04:00:00.000Z",
      "2026-09-07T03:00:00.000Z",
    ]);
    expect(hoursOf(week)).toBe(167);
  });

  it("runs across the year's end on the local calendar", () => {
    const week = zonedDaysWindow("2026-12-28", "2027-01-03", "Asia/Tokyo");
    expect([iso(week.start), iso(week.end)]).toEqual([
      "2026-12-27T15:00:00.000Z",
      "2027-01-03T15:00:00.000Z",
    ]);
  });

  it("widens a week to hold it in every zone, from UTC+14 to UTC-12", () => {
    const wide = widenedWindow("2026-12-14", "2026-12-20");
    expect([iso(wide.start), iso(wide.end)]).toEqual([
      "2026-12-13T10:00:00.000Z",
      "2026-12-21T12:00:00.000Z",
    ]);
    for (const zone of [
      "Pacific/Kiritimati",
      "Pacific/Pago_Pago",
      "Asia/Kolkata",
      "Australia/Sydney",
      "America/Santiago",
      "UTC",
    ]) {
      const local = zonedDaysWindow("2026-12-14", "2026-12-20", zone);
      expect(local.start.getTime(), zone).toBeGreaterThanOrEqual(wide.start.getTime());
      expect(local.end.getTime(), zone).toBeLessThanOrEqual(wide.end.getTime());
    }
  });
});

describe("the weeks one may page through", () => {
  const now = new Date("2026-12-02T07:00:00Z");

  it("runs from this week to the week of the furthest schedule", () => {
    expect(weekSpan(now, 365 * DAY_SECONDS, "Europe/Paris")).toEqual({
      first: "2026-11-30",
      last: "2027-11-29",
    });
    expect(weekSpan(now, 20 * DAY_SECONDS, "UTC")).toEqual({
      first: "2026-11-30",
      last: "2026-12-21",
    });
  });

  it("starts the current week on the viewer's Monday, which may be tomorrow in UTC", () => {
    // Sunday evening in UTC is already Monday morning at UTC+14.
    const sunday = new Date("2026-12-06T20:00:00Z");
    expect(weekSpan(sunday, 7 * DAY_SECONDS, "UTC").first).toBe("2026-11-30");
    expect(weekSpan(sunday, 7 * DAY_SECONDS, "Pacific/Kiritimati").first).toBe("2026-12-07");
  });

  it("offers no previous week before this one and no next week past the maximum", () => {
    const span = { first: "2026-11-30", last: "2027-11-29" };
    expect(weekNavigation("2026-11-30", span)).toEqual({
      previous: null,
      next: "2026-12-07",
      position: "within",
    });
    expect(weekNavigation("2026-12-28", span)).toEqual({
      previous: "2026-12-21",
      next: "2027-01-04",
      position: "within",
    });
    expect(weekNavigation("2027-11-29", span)).toEqual({
      previous: "2027-11-22",
      next: null,
      position: "within",
    });
    expect(weekNavigation("2027-12-06", span).position).toBe("beyond");
    expect(weekNavigation("2026-11-23", span)).toMatchObject({ previous: null, position: "past" });
  });

  it("bounds typed days so that no zone's today or furthest day is refused", () => {
    expect(anyZoneDays(now, 365 * DAY_SECONDS)).toEqual({
      earliest: "2026-12-01",
      latest: "2027-12-02",
    });
    expect(anyZoneDays(new Date("2026-12-02T13:00:00Z"), DAY_SECONDS)).toEqual({
      earliest: "2026-12-02",
      latest: "2026-12-04",
    });
  });

  it("defaults the list to today and the horizon's day, never ending before it starts", () => {
    const late = new Date("2026-12-02T23:30:00Z");
    expect(listDays({}, late, 6 * DAY_SECONDS, "UTC")).toEqual({
      from: "2026-12-02",
      to: "2026-12-08",
    });
    expect(listDays({}, late, 6 * DAY_SECONDS, "Europe/Paris")).toEqual({
      from: "2026-12-03",
      to: "2026-12-09",
    });
    expect(listDays({ from: "2027-01-10" }, late, 6 * DAY_SECONDS, "UTC")).toEqual({
      from: "2027-01-10",
      to: "2027-01-10",
    });
    expect(listDays({ to: "2026-12-04" }, late, 6 * DAY_SECONDS, "UTC")).toEqual({
      from: "2026-12-02",
      to: "2026-12-04",
    });
  });
});
