/** The near-valid class is only as good as its mutations: each changes exactly one thing. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { DST_GAPS } from "./edge-values";
import { nearValid, setAt } from "./hostile";
import { zonedLocalToInstant } from "../../lib/task/zoned-time";

describe("near-valid inputs", () => {
  const valid = {
    name: "a",
    timeZone: "UTC",
    scheduledLocal: "2027-01-01T10:00",
    rows: [{ v: 1 }],
  };

  it("setAt copies: the valid input is never changed", () => {
    const copy = setAt(valid, ["rows", 0, "v"], 2);
    expect(copy).toEqual({ ...valid, rows: [{ v: 2 }] });
    expect(valid.rows[0]?.v).toBe(1);
    expect(setAt(valid, ["name"], undefined, true)).not.toHaveProperty("name");
  });

  it("differ from the valid input, and only at the field the mutation names", () => {
    for (const { value, mutation } of fc.sample(nearValid(valid), { seed: 42, numRuns: 200 })) {
      expect(value, mutation).not.toEqual(valid);
      const field = mutation.split(/[ .]/)[0]!;
      for (const key of Object.keys(valid).filter((k) => k !== field && !mutation.includes("DST")))
        expect((value as Record<string, unknown>)[key], mutation).toEqual(
          valid[key as keyof typeof valid],
        );
    }
  });

  it("use DST gaps that really do not exist in their zone", () => {
    for (const gap of DST_GAPS) {
      expect(zonedLocalToInstant(gap.local, gap.timeZone), `${gap.local} ${gap.timeZone}`).toEqual({
        ok: false,
        reason: "nonexistent",
      });
    }
  });
});
