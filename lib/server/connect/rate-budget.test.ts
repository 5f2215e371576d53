/**
 * The Connect budget kept in the database, on both database kinds: its waits are the database
 * clock's (real time), so the tests read the wait each take is given rather than sleeping it, with
 * intervals of a second against a few milliseconds of work between takes.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { openDatabase } from "@/lib/server/db/open";
import {
  DATABASE_BACKENDS,
  type TestDatabase,
  openTestDatabase,
} from "@/test-support/test-database";

import { ConnectError } from "./errors";
import {
  type BudgetStore,
  type CallPriority,
  type Limit,
  type TakeRequest,
  type TakeResult,
  MAX_WAIT_MS,
  RateBudget,
  bucketShape,
  databaseBudgetStore,
  parseRateLimits,
} from "./rate-budget";

/** Real time spent between takes, which shortens the waits they are given. */
const SLACK_MS = 400;

describe.each(DATABASE_BACKENDS)("the Connect budget on %s", (backend) => {
  let database: TestDatabase;
  let store: BudgetStore;
  let scope = "";

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    store = databaseBudgetStore(() => Promise.resolve(database.db));
  });
  afterAll(() => database.close());
  // Each test its own bucket.
  beforeEach(() => {
    scope = `test-${Math.random()}`;
  });

  /** A budget whose sleeps are recorded, not slept: the waits the database handed out. */
  function recordingBudget(limit: Limit) {
    const waits: number[] = [];
    const budget = new RateBudget(
      () => limit,
      store,
      scope,
      (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    );
    const take = async (priority: CallPriority = "interactive") => {
      const before = waits.length;
      await budget.take("UpdateContactSchedule", priority);
      return waits.slice(before).reduce((sum, ms) => sum + ms, 0);
    };
    return { take };
  }

  const near = (actual: number, expected: number) => {
    expect(actual).toBeLessThanOrEqual(expected);
    expect(actual).toBeGreaterThan(expected - SLACK_MS);
  };

  it("lets a burst through at once (one token kept for jitter), then paces to the rate", async () => {
    const { take } = recordingBudget({ ratePerSecond: 1, burst: 5 });
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) waits.push(await take());
    expect(waits.slice(0, 4)).toEqual([0, 0, 0, 0]);
    near(waits[4]!, 1_000);
    near(waits[5]!, 2_000);
    near(waits[6]!, 3_000);
  });

  it("refills while idle, never beyond the burst", async () => {
    const { take } = recordingBudget({ ratePerSecond: 1, burst: 3 });
    expect([await take(), await take()]).toEqual([0, 0]);
    // A minute of idleness, on the database's own clock.
    await database.db.execute(
      sql`update connect_budget set next_free_at = next_free_at - interval '60 seconds' where scope = ${scope}`,
    );
    expect([await take(), await take()]).toEqual([0, 0]);
    near(await take(), 1_000);
  });

  it("creates its bucket again, full, when the row is gone (another database behind the process)", async () => {
    const { take } = recordingBudget({ ratePerSecond: 1, burst: 2 });
    expect(await take()).toBe(0);
    await database.db.execute(sql`delete from connect_budget where scope = ${scope}`);
    expect(await take()).toBe(0);
    near(await take(), 1_000);
  });

  it("keeps its buckets in an unlogged table: a take's commit waits for no WAL flush", async () => {
    // After a crash PostgreSQL empties an unlogged table; the test above is what follows then.
    const result = (await database.db.execute(
      sql`select relpersistence from pg_class where relname = 'connect_budget'`,
    )) as { rows: { relpersistence: string }[] };
    expect(result.rows).toEqual([{ relpersistence: "u" }]);
  });

  it("refuses an interactive call as throttled when its slot is more than the longest wait away", async () => {
    const { take } = recordingBudget({ ratePerSecond: 1, burst: 1 });
    const slots = MAX_WAIT_MS / 1_000 + 1;
    for (let i = 0; i < slots; i++) near(await take(), i * 1_000);
    const refusal = await take().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ConnectError);
    expect((refusal as ConnectError).code).toBe("THROTTLED");
  });

  it("keeps the interactive reserve from background calls", async () => {
    // Burst 5: 4 usable tokens, 2 of them reserved for interactive calls.
    const limit = { ratePerSecond: 1, burst: 5 };
    const limitOf = () => limit;
    const background = await Promise.all([
      store({ scope, operation: "Op", ...bucketShape(limit), maxAheadMs: 0 }),
      store({ scope, operation: "Op", ...bucketShape(limit), maxAheadMs: 0 }),
      store({ scope, operation: "Op", ...bucketShape(limit), maxAheadMs: 0 }),
    ]);
    expect(background.map((result) => result.taken).sort()).toEqual([false, true, true]);
    near(background.find((result) => !result.taken)!.waitMs, 1_000);
    // The reserve is still there for a person, without a wait.
    const waits: number[] = [];
    const interactive = new RateBudget(limitOf, store, scope, (ms) => {
      waits.push(ms);
      return Promise.resolve();
    });
    await interactive.take("Op");
    await interactive.take("Op");
    expect(waits).toEqual([]);
    await interactive.take("Op");
    near(waits[0]!, 1_000);
  });

  it("does not delay an interactive call beyond one interval during a background flood", async () => {
    const limit = { ratePerSecond: 10, burst: 5 };
    const budget = new RateBudget(() => limit, store, scope);
    let flooding = true;
    let sent = 0;
    const flood = Array.from({ length: 4 }, async () => {
      while (flooding) {
        await budget.take("StartTaskContact", "background");
        sent++;
      }
    });
    // Let the flood drain the background share of the burst and run at the rate.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      const asked = performance.now();
      await budget.take("StartTaskContact", "interactive");
      delays.push(performance.now() - asked);
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    flooding = false;
    await Promise.all(flood);
    // The flood really ran at the rate meanwhile (about 2.2 s at 10/s, less the interactive 3).
    expect(sent).toBeGreaterThan(12);
    for (const delay of delays) expect(delay).toBeLessThan(bucketShape(limit).intervalMs);
  });

  if (backend === "PostgreSQL") {
    it("is one budget for every process on the database", async () => {
      // A second console process: its own connection pool and its own budget object.
      const second = await openDatabase({ url: database.url! });
      const other = databaseBudgetStore(() => Promise.resolve(second.db));
      const limit = { ratePerSecond: 1, burst: 3 };
      const shape = { scope, operation: "StartTaskContact", ...bucketShape(limit), reserveMs: 0 };
      const results = [];
      for (let i = 0; i < 4; i++) {
        results.push(await store({ ...shape, maxAheadMs: MAX_WAIT_MS }));
        results.push(await other({ ...shape, maxAheadMs: MAX_WAIT_MS }));
      }
      await second.close();
      const waits = results.map((result) => result.waitMs);
      // Two tokens of burst between them, then one a second, alternating processes.
      expect(waits.slice(0, 2)).toEqual([0, 0]);
      waits.slice(2).forEach((wait, i) => near(wait, (i + 1) * 1_000));
    });
  }
});

describe("an interactive take", () => {
  const limit = { ratePerSecond: 1, burst: 5 };
  const scripted = (answers: TakeResult[]) => {
    const asked: TakeRequest[] = [];
    const budget = new RateBudget(
      () => limit,
      (request) => {
        asked.push(request);
        return Promise.resolve(answers.shift() ?? { taken: false, waitMs: 60_000 });
      },
      "scripted",
      () => Promise.resolve(),
    );
    return { asked, take: () => budget.take("DescribeContact") };
  };

  it("asks again when the refusal itself says a slot is due within the wait", async () => {
    const { asked, take } = scripted([
      { taken: false, waitMs: 0 },
      { taken: true, waitMs: 200 },
    ]);
    await take();
    expect(asked).toHaveLength(2);
  });

  it("is refused at once when the next slot is beyond the wait, and after a few retakes", async () => {
    const far = scripted([{ taken: false, waitMs: MAX_WAIT_MS + 1 }]);
    await expect(far.take()).rejects.toMatchObject({ code: "THROTTLED" });
    expect(far.asked).toHaveLength(1);
    const near = scripted(Array.from({ length: 10 }, () => ({ taken: false, waitMs: 0 })));
    await expect(near.take()).rejects.toMatchObject({ code: "THROTTLED" });
    expect(near.asked).toHaveLength(4);
  });
});

describe("the budget's settings", () => {
  it("reads configured limits", () => {
    expect(parseRateLimits("UpdateContactSchedule=5/10,StopContact=0.5/1")).toEqual({
      UpdateContactSchedule: { ratePerSecond: 5, burst: 10 },
      StopContact: { ratePerSecond: 0.5, burst: 1 },
    });
    expect(parseRateLimits("")).toEqual({});
  });

  it("keeps one token for jitter and half the rest for interactive calls", () => {
    expect(bucketShape({ ratePerSecond: 2, burst: 5 })).toEqual({
      intervalMs: 500,
      toleranceMs: 1_500,
      reserveMs: 1_000,
    });
    expect(bucketShape({ ratePerSecond: 10, burst: 15 })).toEqual({
      intervalMs: 100,
      toleranceMs: 1_300,
      reserveMs: 700,
    });
    // A burst of one has nothing to spare: background calls then wait at most one interval.
    expect(bucketShape({ ratePerSecond: 1, burst: 1 })).toEqual({
      intervalMs: 1_000,
      toleranceMs: 0,
      reserveMs: 0,
    });
  });
});
