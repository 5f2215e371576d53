import { describe, expect, it } from "vitest";

import { agendaHref, agendaQuerySchema, agendaWindow } from "./agenda-query";
import { anyZoneDays } from "./agenda-week";

const DAY_SECONDS = 86_400;
const HOUR = 3_600_000;
const now = new Date("2026-12-02T07:00:00Z");
const schema = agendaQuerySchema({ ...anyZoneDays(now, 365 * DAY_SECONDS), maxDays: 365 });
const errorsOf = (values: Record<string, string>): Record<string, string> => {
  const result = schema.safeParse(values);
  return result.success
    ? {}
    : Object.fromEntries(
        result.error.issues.map((issue) => [String(issue.path[0]), issue.message] as const),
      );
};

describe("the agenda's URL", () => {
  it("defaults to this week's grid and keeps a week as its Monday", () => {
    expect(schema.parse({})).toEqual({ view: "grid" });
    expect(schema.parse({ week: "2026-12-14" }).week).toBe("2026-12-14");
    expect(schema.parse({ week: "2026-12-17" }).week).toBe("2026-12-14");
    expect(schema.parse({ week: "2027-01-01" }).week).toBe("2026-12-28");
  });

  it("ignores a week or view it did not write rather than failing", () => {
    for (const week of ["2026-02-30", "next", "2026-12-1", ""]) {
      expect(schema.parse({ week }).week, week).toBeUndefined();
    }
    expect(schema.parse({ view: "calendar", scope: "theirs" })).toEqual({ view: "grid" });
  });

  it("takes a range of days from today to the maximum", () => {
    expect(schema.parse({ view: "list", from: "2026-12-02", to: "2027-12-02" })).toMatchObject({
      from: "2026-12-02",
      to: "2027-12-02",
    });
    // Blank fields are the defaults.
    expect(schema.parse({ view: "list", from: "", to: "" })).toEqual({ view: "list" });
  });

  it("explains a bad day at its own field", () => {
    expect(errorsOf({ from: "02/12/2026" })).toEqual({ from: "Use a date like 2026-11-30." });
    expect(errorsOf({ to: "2026-02-30" })).toEqual({ to: "This day does not exist." });
    expect(errorsOf({ from: "2026-11-20" })).toEqual({
      from: "Choose today or a later day: the agenda shows tasks still to come.",
    });
    expect(errorsOf({ to: "2027-12-03" })).toEqual({
      to: "Choose a day at most 365 days ahead: tasks cannot be scheduled further.",
    });
    expect(errorsOf({ from: "2026-12-10", to: "2026-12-05" })).toEqual({
      to: "“To” is before “From”.",
    });
  });

  it("links keep what they are given and leave the rest out", () => {
    expect(agendaHref({ view: "grid", scope: "all" })).toBe("/tasks/scheduled?view=grid&scope=all");
    expect(agendaHref({ view: "grid", scope: "mine", week: "2026-12-14" })).toBe(
      "/tasks/scheduled?view=grid&scope=mine&week=2026-12-14",
    );
    expect(agendaHref({ view: "list", scope: "all", from: "2026-12-03", to: undefined })).toBe(
      "/tasks/scheduled?view=list&scope=all&from=2026-12-03",
    );
  });
});

describe("what the server reads for a view", () => {
  const settings = { now, horizonSeconds: 6 * DAY_SECONDS, maxSeconds: 365 * DAY_SECONDS };
  const window = (query: Parameters<typeof agendaWindow>[0]) => {
    const { start, end } = agendaWindow(query, settings);
    return [start.toISOString(), end.toISOString()];
  };

  it("reads a later week as every zone may have it", () => {
    expect(window({ view: "grid", week: "2026-12-14" })).toEqual([
      "2026-12-13T10:00:00.000Z",
      "2026-12-21T12:00:00.000Z",
    ]);
  });

  it("reads the current week from now, to the end of the latest current week anywhere", () => {
    expect(window({ view: "grid" })).toEqual([now.toISOString(), "2026-12-07T12:00:00.000Z"]);
    // On Sunday evening UTC it is Monday at UTC+14: that week is read too.
    const sunday = new Date("2026-12-06T20:00:00Z");
    const { end } = agendaWindow({ view: "grid" }, { ...settings, now: sunday });
    expect(end.toISOString()).toBe("2026-12-14T12:00:00.000Z");
  });

  it("never reads before now nor past the maximum", () => {
    expect(window({ view: "grid", week: "2026-11-30" })[0]).toBe(now.toISOString());
    const last = agendaWindow({ view: "grid", week: "2027-11-29" }, settings);
    expect(last.end.getTime()).toBe(now.getTime() + 365 * 24 * HOUR);
    const beyond = agendaWindow({ view: "grid", week: "2028-01-03" }, settings);
    expect(beyond.start.getTime()).toBeGreaterThanOrEqual(beyond.end.getTime());
  });

  it("reads the list's default exactly from now to the horizon, and typed days widened", () => {
    expect(window({ view: "list" })).toEqual([
      now.toISOString(),
      new Date(now.getTime() + 6 * 24 * HOUR).toISOString(),
    ]);
    expect(window({ view: "list", from: "2027-03-01", to: "2027-03-31" })).toEqual([
      "2027-02-28T10:00:00.000Z",
      "2027-04-01T12:00:00.000Z",
    ]);
    // "From" past the horizon without "To": that one day.
    expect(window({ view: "list", from: "2027-03-01" })).toEqual([
      "2027-02-28T10:00:00.000Z",
      "2027-03-02T12:00:00.000Z",
    ]);
  });
});
