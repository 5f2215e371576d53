import { describe, expect, it } from "vitest";

import { cellKey, dayLabel, groupByCell, hourLabel, placeInstant } from "./agenda";
import { weekDays, weekSpan } from "./agenda-week";

describe("agenda grid", () => {
  it("labels days and hours the same way in every locale", () => {
    expect(dayLabel("2026-11-27")).toBe("Fri 27 Nov");
    expect(dayLabel("2027-01-03")).toBe("Sun 3 Jan");
    expect(hourLabel(0)).toBe("00:00");
    expect(hourLabel(17)).toBe("17:00");
  });

  it("places an instant on the viewer's wall clock", () => {
    const at = new Date("2026-11-27T08:30:00Z");
    expect(placeInstant(at, "Europe/Paris")).toEqual({ day: "2026-11-27", hour: 9, time: "09:30" });
    expect(placeInstant(at, "America/New_York")).toEqual({
      day: "2026-11-27",
      hour: 3,
      time: "03:30",
    });
    expect(placeInstant(at, "Pacific/Auckland")).toEqual({
      day: "2026-11-27",
      hour: 21,
      time: "21:30",
    });
    // Late evening UTC is already tomorrow in Tokyo.
    expect(placeInstant(new Date("2026-11-27T20:00:00Z"), "Asia/Tokyo").day).toBe("2026-11-28");
  });

  it("starts this week on the viewer's calendar: Monday in Paris is still Sunday in UTC", () => {
    const now = new Date("2026-11-29T23:30:00Z");
    expect(weekSpan(now, 6 * 86_400, "UTC").first).toBe("2026-11-23");
    const paris = weekSpan(now, 6 * 86_400, "Europe/Paris");
    expect(paris).toEqual({ first: "2026-11-30", last: "2026-11-30" });
    expect(weekDays(paris.first)[0]).toEqual({ key: "2026-11-30", label: "Mon 30 Nov" });
  });

  it("groups items by local day and hour; a repeated DST hour holds both occurrences", () => {
    // New York falls back on 1 November 2026: 01:00-02:00 happens twice.
    const first = { name: "first", at: new Date("2026-11-01T05:15:00Z") };
    const second = { name: "second", at: new Date("2026-11-01T06:45:00Z") };
    const later = { name: "later", at: new Date("2026-11-01T15:00:00Z") };
    const cells = groupByCell([first, second, later], (item) => item.at, "America/New_York");
    expect(cells.get(cellKey("2026-11-01", 1))).toEqual([
      { item: first, time: "01:15" },
      { item: second, time: "01:45" },
    ]);
    expect(cells.get(cellKey("2026-11-01", 10))).toEqual([{ item: later, time: "10:00" }]);
    expect(cells.size).toBe(2);
  });
});
