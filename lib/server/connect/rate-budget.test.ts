import { describe, expect, it } from "vitest";

import { ConnectError } from "./errors";
import { MAX_WAIT_MS, RateBudget, parseRateLimits } from "./rate-budget";

/** A budget on a fake clock: sleeping moves the clock, so waits are measured, not timed. */
function pacedBudget(limit: { ratePerSecond: number; burst: number }) {
  let clock = 0;
  const starts: number[] = [];
  const budget = new RateBudget(
    () => limit,
    () => clock,
    (ms) => {
      clock += ms;
      return Promise.resolve();
    },
  );
  const call = async () => {
    await budget.take("UpdateContactSchedule");
    starts.push(clock);
  };
  return { budget, starts, call, advance: (ms: number) => (clock += ms) };
}

describe("RateBudget", () => {
  it("lets a burst through at once, then paces to the rate", async () => {
    const { starts, call } = pacedBudget({ ratePerSecond: 2, burst: 5 });
    for (let i = 0; i < 8; i++) await call();
    expect(starts.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(starts.slice(5)).toEqual([500, 1000, 1500]);
  });

  it("refills while idle, never beyond the burst", async () => {
    const { starts, call, advance } = pacedBudget({ ratePerSecond: 2, burst: 2 });
    await call();
    await call();
    advance(60_000);
    await call();
    await call();
    await call();
    expect(starts).toEqual([0, 0, 60_000, 60_000, 60_500]);
  });

  it("refuses as throttled when the queue is longer than the longest wait", async () => {
    // The clock stands still: every caller is still queued when the next one arrives.
    const budget = new RateBudget(
      () => ({ ratePerSecond: 1, burst: 1 }),
      () => 0,
      () => Promise.resolve(),
    );
    const queued = Array.from({ length: MAX_WAIT_MS / 1_000 + 1 }, () =>
      budget.take("StopContact"),
    );
    await Promise.all(queued);
    const refusal = await budget.take("StopContact").catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ConnectError);
    expect((refusal as ConnectError).code).toBe("THROTTLED");
  });

  it("reads configured limits", () => {
    expect(parseRateLimits("UpdateContactSchedule=5/10,StopContact=0.5/1")).toEqual({
      UpdateContactSchedule: { ratePerSecond: 5, burst: 10 },
      StopContact: { ratePerSecond: 0.5, burst: 1 },
    });
    expect(parseRateLimits("")).toEqual({});
  });
});
