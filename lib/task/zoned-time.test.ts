import { afterEach, describe, expect, it, vi } from "vitest";

import { createTaskSchema, emptyTask } from "./schema";
import {
  currentTimeZone,
  RENAMED_ZONES,
  acceptedTimeZones,
  describeDistance,
  instantToZonedLocal,
  occurrenceInstant,
  isValidTimeZone,
  zoneCacheSize,
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

describe("accepted time zones", () => {
  const resolved = (zone: string) =>
    new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;

  it("are the runtime's listed names, UTC and both names of each renamed zone, exactly", () => {
    const listed = Intl.supportedValuesOf("timeZone");
    expect(listed.every(isValidTimeZone)).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    // Node 20 lists "Asia/Calcutta" only; browsers may report the current name.
    for (const zone of ["Asia/Kolkata", "Asia/Calcutta", "Europe/Kyiv", "Europe/Kiev"])
      expect(isValidTimeZone(zone), zone).toBe(true);
    for (const zone of ["europe/berlin", "UTC ", "utc", "Etc/UTC", "+02:00", "Europe/Berlin/"])
      expect(isValidTimeZone(zone), zone).toBe(false);
    expect(acceptedTimeZones().size).toBeLessThanOrEqual(listed.length + 1 + 2 * 18);
  });

  it("pair each renamed zone with a name Intl resolves to the same zone", () => {
    for (const [current, old] of Object.entries(RENAMED_ZONES)) {
      expect(resolved(current), current).toBe(resolved(old));
      expect(isValidTimeZone(current) && isValidTimeZone(old), current).toBe(true);
    }
  });

  it("all convert wall-clock times, as the composer offers them", () => {
    for (const zone of acceptedTimeZones())
      expect(zonedLocalToInstant("2026-06-15T12:00", zone).ok, zone).toBe(true);
  });

  it("bound the formatter cache: 20,000 distinct bad zones leave it unchanged", () => {
    const schema = createTaskSchema({ now: () => new Date("2026-11-24T12:00:00Z") });
    const base = emptyTask({ instanceId: "i-1", timeZone: "UTC", clientToken: "t-1" });
    zonedLocalToInstant("2026-11-25T09:30", "Europe/Berlin");
    const before = zoneCacheSize();
    const zone = "America/Argentina/Buenos_Aires";
    for (let n = 0; n < 20_000; n += 1) {
      // Every other casing of a real zone (Intl itself accepts them), then plain junk.
      const bad =
        n < 10_000
          ? [...zone]
              .map((c, i) => ((n >> (i % 14)) & 1 ? c.toUpperCase() : c.toLowerCase()))
              .join("") + "/".repeat(Math.floor(n / 16_384))
          : `Mars/Crater_${n}`;
      expect(zonedLocalToInstant("2026-11-25T09:30", bad)).toEqual({ ok: false, reason: "zone" });
      const parsed = schema.safeParse({
        ...base,
        name: "Call back",
        contactFlowId: "flow-1",
        scheduleMode: "later",
        scheduledLocal: "2026-11-25T09:30",
        timeZone: bad,
        references: [{ name: "Due", type: "DATE", value: "2026-11-25T09:30" }],
      });
      expect(parsed.success).toBe(false);
    }
    expect(zoneCacheSize()).toBe(before);
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
  it("checks a zone without making a formatter: every parse of a task checks the zone again", () => {
    const constructed = vi.spyOn(Intl, "DateTimeFormat");
    for (let i = 0; i < 5; i++) {
      expect(isValidTimeZone("Pacific/Chatham")).toBe(true);
      expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    }
    // A look-up in the closed set of accepted names, never a new Intl.DateTimeFormat.
    expect(constructed).not.toHaveBeenCalled();
    constructed.mockRestore();
  });
});

describe("currentTimeZone", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("asks Temporal where there is one, building no Intl date formatter", () => {
    vi.stubGlobal("Temporal", { Now: { timeZoneId: () => "Europe/Berlin" } });
    const formatter = vi.spyOn(Intl, "DateTimeFormat");
    expect(currentTimeZone()).toBe("Europe/Berlin");
    expect(formatter).not.toHaveBeenCalled();
  });

  it("reads Intl's zone where Temporal is missing", () => {
    vi.stubGlobal("Temporal", undefined);
    expect(currentTimeZone()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});

describe("occurrenceInstant", () => {
  it("places a series' time that does not exist after the gap, by the gap's length", () => {
    expect(occurrenceInstant("2026-03-29T02:30", "Europe/Paris")).toEqual({
      instant: new Date("2026-03-29T01:30:00Z"),
      adjustment: "moved-forward",
    });
    expect(instantToZonedLocal(new Date("2026-03-29T01:30:00Z"), "Europe/Paris")).toBe(
      "2026-03-29T03:30",
    );
    // Lord Howe Island springs forward by half an hour.
    const lordHowe = occurrenceInstant("2026-10-04T02:15", "Australia/Lord_Howe");
    expect(lordHowe?.adjustment).toBe("moved-forward");
    expect(instantToZonedLocal(lordHowe!.instant, "Australia/Lord_Howe")).toBe("2026-10-04T02:45");
  });

  it("takes the earlier of a repeated time, and converts others as one-off schedules do", () => {
    expect(occurrenceInstant("2026-10-25T02:30", "Europe/Paris")).toEqual({
      instant: new Date("2026-10-25T00:30:00Z"),
      adjustment: "earlier-of-two",
    });
    expect(occurrenceInstant("2026-11-25T09:30", "Europe/Berlin")).toEqual({
      instant: new Date("2026-11-25T08:30:00Z"),
      adjustment: "none",
    });
    expect(occurrenceInstant("2026-11-25", "UTC")).toBeNull();
    expect(occurrenceInstant("2026-11-25T09:30", "Mars/Olympus")).toBeNull();
  });
});
