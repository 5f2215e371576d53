import { describe, expect, it } from "vitest";

import { agendaDays, cellKey, dayLabel, groupByCell, hourLabel, placeInstant } from "./agenda";

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

  it("lists the local days of the horizon, today first", () => {
    const now = new Date("2026-11-27T23:30:00Z");
    const until = new Date(now.getTime() + 6 * 86_400_000);
    expect(agendaDays(now, until, "UTC").map((day) => day.key)).toEqual([
      "2026-11-27",
      "2026-11-28",
      "2026-11-29",
      "2026-11-30",
      "2026-12-01",
      "2026-12-02",
      "2026-12-03",
    ]);
    // In Paris it is already the 28th.
    const paris = agendaDays(now, until, "Europe/Paris");
    expect(paris[0]).toEqual({ key: "2026-11-28", label: "Sat 28 Nov" });
    expect(paris.at(-1)?.key).toBe("2026-12-04");
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
