import { describe, expect, it, vi } from "vitest";

import {
  describeDistance,
  instantToZonedLocal,
  isValidTimeZone,
  zonedLocalToInstant,
} from "./zoned-time";

describe("zonedLocalToInstant", () => {
  it("converts a wall-clock time in a zone to the instant", () => {
    expect(zonedLocalToInstant("2026-11-25T09:30", "Europe/Berlin")).toEqual({
      ok: true,
      instant: new Date("2026-11-25T08:30:00Z"),
      isAmbiguous: false,
    });
    expect(zonedLocalToInstant("2026-07-01T09:30", "Europe/Berlin")).toMatchObject({
      instant: new Date("2026-07-01T07:30:00Z"),
    });
    expect(zonedLocalToInstant("2026-11-25T09:30", "UTC")).toMatchObject({
      instant: new Date("2026-11-25T09:30:00Z"),
    });
    expect(zonedLocalToInstant("2026-11-25T09:30", "Asia/Kolkata")).toMatchObject({
      instant: new Date("2026-11-25T04:00:00Z"),
    });
  });

  it("reports a time that does not exist because clocks spring forward", () => {
    // Europe/Berlin skips 02:00-03:00 on 29 March 2026; New York skips 02:00-03:00 on 8 March.
    expect(zonedLocalToInstant("2026-03-29T02:30", "Europe/Berlin")).toEqual({
      ok: false,
      reason: "nonexistent",
    });
    expect(zonedLocalToInstant("2026-03-08T02:15", "America/New_York")).toEqual({
      ok: false,
      reason: "nonexistent",
    });
  });

  it("takes the first of two occurrences when clocks fall back, and says so", () => {
    // Europe/Berlin repeats 02:00-03:00 on 25 October 2026 (first at UTC+2, then at UTC+1).
    expect(zonedLocalToInstant("2026-10-25T02:30", "Europe/Berlin")).toEqual({
      ok: true,
      instant: new Date("2026-10-25T00:30:00Z"),
      isAmbiguous: true,
    });
  });

  it("refuses malformed input and unknown zones", () => {
    expect(zonedLocalToInstant("25/11/2026 09:30", "UTC")).toEqual({ ok: false, reason: "format" });
    expect(zonedLocalToInstant("2026-11-25T09:30", "Mars/Olympus")).toEqual({
      ok: false,
      reason: "zone",
    });
    expect(isValidTimeZone("Europe/Paris")).toBe(true);
  });

  it("round-trips through instantToZonedLocal", () => {
    const instant = new Date("2026-12-31T23:45:00Z");
    for (const zone of [
      "UTC",
      "Europe/Berlin",
      "America/Los_Angeles",
      "Australia/Sydney",
      "Asia/Kathmandu",
    ]) {
      const local = instantToZonedLocal(instant, zone);
      expect(zonedLocalToInstant(local, zone)).toMatchObject({ ok: true, instant });
    }
  });
});

describe("describeDistance", () => {
  it("says how far ahead or behind a time is", () => {
    const now = new Date("2026-11-24T12:00:00Z");
    expect(describeDistance(now, new Date("2026-11-26T15:00:00Z"))).toBe("in 2 days 3 hours");
    expect(describeDistance(now, new Date("2026-11-24T12:45:00Z"))).toBe("in 45 minutes");
    expect(describeDistance(now, new Date("2026-11-24T11:55:00Z"))).toBe("5 minutes ago");
    expect(describeDistance(now, now)).toBe("in less than a minute");
  });
});

describe("isValidTimeZone", () => {
  it("asks Intl once per zone: every parse of a task checks the zone again", () => {
    const constructed = vi.spyOn(Intl, "DateTimeFormat");
    for (let i = 0; i < 5; i++) {
      expect(isValidTimeZone("Pacific/Chatham")).toBe(true);
      expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    }
    // One for the valid zone (then remembered); the invalid one is asked each time (rare).
    expect(
      constructed.mock.calls.filter(([, o]) => o?.timeZone === "Pacific/Chatham"),
    ).toHaveLength(1);
    constructed.mockRestore();
  });
});
