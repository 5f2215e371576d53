/**
 * What an edit of a series counts as a change of its timing (no database: the baseline and the
 * comparison are pure). The form shows each occurrence at the time it will be sent, so an
 * occurrence a DST gap moved forward is shown at its moved time and still counts as unchanged.
 */
import { describe, expect, it } from "vitest";

import { nextOccurrences } from "@/lib/schedule/recurrence";
import { defaultRepeat, seriesRuleOf } from "@/lib/schedule/series-rule";
import { type TaskValues, emptyTask } from "@/lib/task/schema";

import { changedRule, timingFrom } from "./series-timing";

const PARIS = "Europe/Paris";

function dailySeries(start: string, count: string) {
  const repeat = {
    ...defaultRepeat(start),
    frequency: "daily" as const,
    ends: "count" as const,
    count,
  };
  const values: TaskValues = {
    ...emptyTask({ instanceId: "i-1", timeZone: PARIS, clientToken: crypto.randomUUID() }),
    name: "Night check",
    scheduleMode: "later",
    scheduledLocal: start,
    repeat,
  };
  const rule = seriesRuleOf(repeat, start, PARIS);
  if (!rule.ok) throw new Error("bad rule");
  return { rule: rule.rule, values };
}

describe("an edit's timing baseline", () => {
  // 02:30 does not exist in Paris on 28 March 2027 (clocks go from 02:00 to 03:00).
  const series = dailySeries("2027-03-26T02:30", "5");
  const occurrences = nextOccurrences(series.rule, { after: new Date(0), count: 5 });
  const gap = occurrences[2]!;
  const row = { occurrenceAt: gap.at, scheduledAt: gap.at };

  it("shows an occurrence moved by a DST gap at its moved time, with the occurrences left", () => {
    expect(gap.local).toBe("2027-03-28T02:30");
    const baseline = timingFrom(series, row);
    expect(baseline.timing.scheduledLocal).toBe("2027-03-28T03:30");
    expect(baseline.ruleStart).toBe("2027-03-28T02:30");
    expect(baseline.timing.repeat?.count).toBe("3");
  });

  it("counts the values the form showed as unchanged, and a new time or end as a change", () => {
    const baseline = timingFrom(series, row);
    const shown = { ...series.values, ...baseline.timing, name: "Renamed" };
    expect(changedRule(baseline, shown)).toBeNull();
    const later = changedRule(baseline, { ...shown, scheduledLocal: "2027-03-28T04:00" });
    expect(later).toMatchObject({ start: "2027-03-28T04:00", end: { kind: "count", count: 3 } });
    const longer = changedRule(baseline, {
      ...shown,
      repeat: { ...baseline.timing.repeat!, count: "4" },
    });
    expect(longer).toMatchObject({ start: "2027-03-28T02:30", end: { kind: "count", count: 4 } });
  });

  it("refuses values that are no longer a repeating schedule, at their field", () => {
    const baseline = timingFrom(series, row);
    const { repeat: _repeat, ...single } = { ...series.values, ...baseline.timing };
    expect(() => changedRule(baseline, single)).toThrow(
      expect.objectContaining({ fieldErrors: { "values.repeat": [expect.any(String)] } }),
    );
    expect(() =>
      changedRule(baseline, { ...series.values, ...baseline.timing, scheduleMode: "now" }),
    ).toThrow(
      expect.objectContaining({ fieldErrors: { "values.scheduleMode": [expect.any(String)] } }),
    );
  });
});
