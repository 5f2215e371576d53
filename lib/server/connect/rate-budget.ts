import "server-only";

/**
 * ONE budget for the Connect calls of every console process: Connect's quotas are per account and
 * Region (docs/connect-api.md, Quotas and rate limits), so the pages, actions and job workers of
 * all the processes on one database draw from one token bucket per operation, kept in PostgreSQL
 * (table connect_budget) and computed on the database's clock, so the processes' own clocks never
 * matter. Each take is one atomic UPDATE ... RETURNING (the row lock orders concurrent takers).
 *
 * The bucket is a schedule (generic cell rate): `next_free_at` is when the next token is due; the
 * bucket is full when it lies `tolerance` in the past. A taker reserves its slot and sleeps until
 * it is due, in its own process (the database is never polled). Priorities:
 * - interactive (pages, actions: a person waits) reserve the next slot, first come first served,
 *   and are refused at once as throttled when that slot is more than MAX_WAIT_MS away;
 * - background (bulk jobs) never reserve ahead: they take a token only while the bucket still
 *   holds more than the interactive reserve after it, else they sleep until that would be true and
 *   ask again. So a background flood never stands in front of a person: an interactive call finds
 *   the reserve there (no wait at all) unless interactive calls themselves used it.
 */
import { sql } from "drizzle-orm";

import { serverEnv } from "@/lib/env";
import { type Database, getDb } from "@/lib/server/db";

import { ConnectError } from "./errors";

export interface Limit {
  ratePerSecond: number;
  burst: number;
}

export type CallPriority = "interactive" | "background";

const DEFAULT_LIMIT: Limit = { ratePerSecond: 2, burst: 5 };
const CONTACT_READS_AND_STOP: Limit = { ratePerSecond: 10, burst: 15 };
const DOCUMENTED: Record<string, Limit> = {
  DescribeContact: CONTACT_READS_AND_STOP,
  StopContact: CONTACT_READS_AND_STOP,
  GetContactAttributes: CONTACT_READS_AND_STOP,
  ListContactReferences: CONTACT_READS_AND_STOP,
};

export const MAX_WAIT_MS = 15_000;
/** Takes an interactive call tries again when the refusal itself says a slot is near. */
const INTERACTIVE_RETAKES = 3;

export function parseRateLimits(text: string): Record<string, Limit> {
  const limits: Record<string, Limit> = {};
  for (const entry of text.split(",").filter(Boolean)) {
    const [operation, value] = entry.split("=") as [string, string];
    const [rate, burst] = value.split("/").map(Number) as [number, number];
    limits[operation] = { ratePerSecond: rate, burst: Math.max(1, burst) };
  }
  return limits;
}

/**
 * The shape of a bucket in milliseconds.
 * - tolerance: how far behind the schedule may run, i.e. the burst. One token fewer than Connect's
 *   own burst: the processes' calls reach Connect a few milliseconds apart from their slots (the
 *   database round trip, the event loop), and that token absorbs the jitter so Connect's bucket is
 *   never found empty. The steady rate is Connect's own.
 * - reserve: the share of the burst background calls leave to interactive ones: half of it,
 *   rounded down (StartTaskContact 2/s burst 5: 2 of the 4 tokens; the 10/s reads: 7 of 14).
 */
export function bucketShape({ ratePerSecond, burst }: Limit) {
  const intervalMs = 1_000 / ratePerSecond;
  const usable = burst > 1 ? burst - 1 : 1;
  return {
    intervalMs,
    toleranceMs: (usable - 1) * intervalMs,
    reserveMs: Math.floor(usable / 2) * intervalMs,
  };
}

/** One attempt to take a token: the atomic statement, behind an interface for the unit tests. */
export interface TakeRequest {
  scope: string;
  operation: string;
  intervalMs: number;
  toleranceMs: number;
  /** How much of the schedule must stay free after this take (0 for interactive calls). */
  reserveMs: number;
  /** How far ahead a slot may be reserved (MAX_WAIT_MS interactive, 0 background). */
  maxAheadMs: number;
}
export interface TakeResult {
  taken: boolean;
  /** Taken: how long until the slot is due. Not taken: when asking again could succeed. */
  waitMs: number;
}
export type BudgetStore = (request: TakeRequest) => Promise<TakeResult>;

const ms = (value: number) => sql`(${value}::float8 * interval '1 millisecond')`;

/** The budget kept in the console's database (PostgreSQL or PGlite: the same SQL). */
export function databaseBudgetStore(database: () => Promise<Database>): BudgetStore {
  const created = new Map<string, Promise<unknown>>();
  const take: BudgetStore = async (request) => {
    const db = await database();
    const { scope, operation, intervalMs, toleranceMs, reserveMs, maxAheadMs } = request;
    const key = `${scope}\n${operation}`;
    // A missing bucket starts full; once per process and key (the row is never deleted).
    if (!created.has(key)) {
      const creating = db.execute(sql`
        insert into connect_budget (scope, operation, next_free_at, interval_ms)
        values (${scope}, ${operation}, clock_timestamp() - ${ms(toleranceMs)}, ${intervalMs})
        on conflict (scope, operation) do nothing`);
      created.set(key, creating);
      await creating.catch((error: unknown) => {
        created.delete(key);
        throw error;
      });
    }
    // The clock is read once per statement, before the row lock: a taker that waited for the lock
    // computes with an earlier "now", which only ever credits fewer tokens.
    const taken = await rowsOf<{ wait_ms: number }>(
      db,
      sql`
        update connect_budget b
        set next_free_at = greatest(b.next_free_at, c.t - ${ms(toleranceMs)}) + ${ms(intervalMs)},
            interval_ms = ${intervalMs}
        from (select clock_timestamp() as t) c
        where b.scope = ${scope} and b.operation = ${operation}
          and greatest(b.next_free_at + ${ms(reserveMs)}, c.t - ${ms(toleranceMs)})
              <= c.t + ${ms(maxAheadMs)}
        returning (extract(epoch from (b.next_free_at - c.t)) * 1000)::float8 - ${intervalMs}
          as wait_ms`,
    );
    if (taken[0]) return { taken: true, waitMs: Math.max(0, Number(taken[0].wait_ms)) };
    // Not taken: only to know how long to sleep before asking again.
    const due = await rowsOf<{ wait_ms: number }>(
      db,
      sql`
        select (extract(epoch from (greatest(next_free_at + ${ms(reserveMs)},
          clock_timestamp() - ${ms(toleranceMs)}) - clock_timestamp())) * 1000)::float8 as wait_ms
        from connect_budget where scope = ${scope} and operation = ${operation}`,
    );
    if (!due[0]) {
      // The bucket this process created is gone (another database behind the same process, as
      // in tests, or the table emptied by hand): create it again and take from it.
      created.delete(key);
      return take(request);
    }
    return { taken: false, waitMs: Math.max(0, Number(due[0].wait_ms)) };
  };
  return take;
}

async function rowsOf<Row extends Record<string, unknown>>(
  db: Database,
  query: ReturnType<typeof sql>,
): Promise<Row[]> {
  // Both drivers (node-postgres, PGlite) return raw rows under `rows`.
  return ((await db.execute<Row>(query)) as { rows: Row[] }).rows;
}

const throttled = () =>
  new ConnectError(
    "THROTTLED",
    "The console is pacing its calls to Amazon Connect's rate limit; retry in a few seconds.",
    "ConsoleRateBudgetExceeded",
    undefined,
    undefined,
    0,
  );

export class RateBudget {
  constructor(
    private readonly limitOf: (operation: string) => Limit,
    private readonly store: BudgetStore,
    private readonly scope: string,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Takes a token of `operation` and waits until it is due (see the module overview). */
  async take(operation: string, priority: CallPriority = "interactive"): Promise<void> {
    const { intervalMs, toleranceMs, reserveMs } = bucketShape(this.limitOf(operation));
    const request = { scope: this.scope, operation, intervalMs, toleranceMs };
    if (priority === "interactive") {
      // A refusal whose own answer says a slot is due within the wait (the row moved between the
      // take and the look, under many concurrent takers) is asked again, a few times at most.
      for (let attempt = 0; ; attempt++) {
        const result = await this.store({ ...request, reserveMs: 0, maxAheadMs: MAX_WAIT_MS });
        if (result.taken) {
          if (result.waitMs > 0) await this.sleep(result.waitMs);
          return;
        }
        if (result.waitMs > MAX_WAIT_MS || attempt >= INTERACTIVE_RETAKES) throw throttled();
      }
    }
    for (;;) {
      const result = await this.store({ ...request, reserveMs, maxAheadMs: 0 });
      if (result.waitMs > 0) await this.sleep(result.waitMs);
      if (result.taken) return;
    }
  }
}

/**
 * Whose quota the budget is: Connect's limits are per account and Region. The console does not
 * know its account id without an extra call (STS), so it keys the budget by Region and endpoint:
 * every console process configured for the same Region shares one budget, which is right for one
 * account and merely cautious for several accounts on one database.
 */
export function budgetScope(): string {
  const env = serverEnv();
  return `${env.AWS_REGION}|${env.CONNECT_ENDPOINT ?? "aws"}`;
}

let budget: RateBudget | undefined;

export function rateBudget(): RateBudget {
  if (budget) return budget;
  const configured = parseRateLimits(serverEnv().CONNECT_RATE_LIMITS);
  budget = new RateBudget(
    (operation) => configured[operation] ?? DOCUMENTED[operation] ?? DEFAULT_LIMIT,
    databaseBudgetStore(getDb),
    budgetScope(),
  );
  return budget;
}
