import "server-only";

/**
 * The console paces its own Connect calls to the account's documented API quotas, so a bulk
 * reschedule, a tasks list refreshing its statuses and a colleague's cancel share one budget
 * instead of tripping Connect's throttling (docs/connect-api.md, Quotas and rate limits). One token
 * bucket per operation, per process: several console processes share the account's quota, so set
 * CONNECT_RATE_LIMITS lower for each when running more than one. A caller waits its turn (first
 * come, first served); when the queue is longer than `MAX_WAIT_MS`, it is refused at once as
 * throttled instead.
 */
import { serverEnv } from "@/lib/env";

import { ConnectError } from "./errors";

interface Limit {
  ratePerSecond: number;
  burst: number;
}

const DEFAULT_LIMIT: Limit = { ratePerSecond: 2, burst: 5 };
const CONTACT_READS_AND_STOP: Limit = { ratePerSecond: 10, burst: 15 };
const DOCUMENTED: Record<string, Limit> = {
  DescribeContact: CONTACT_READS_AND_STOP,
  StopContact: CONTACT_READS_AND_STOP,
  GetContactAttributes: CONTACT_READS_AND_STOP,
  ListContactReferences: CONTACT_READS_AND_STOP,
};

export const MAX_WAIT_MS = 15_000;

export function parseRateLimits(text: string): Record<string, Limit> {
  const limits: Record<string, Limit> = {};
  for (const entry of text.split(",").filter(Boolean)) {
    const [operation, value] = entry.split("=") as [string, string];
    const [rate, burst] = value.split("/").map(Number) as [number, number];
    limits[operation] = { ratePerSecond: rate, burst: Math.max(1, burst) };
  }
  return limits;
}

export class RateBudget {
  /** Per operation: when the next token is free (ms, monotonic) once the queue ahead is served. */
  private nextFreeAt = new Map<string, number>();

  constructor(
    private readonly limitOf: (operation: string) => Limit,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /**
   * Reserves the next token of `operation` and waits until it is due. Reservation is synchronous,
   * so concurrent callers queue in order without a lock.
   */
  async take(operation: string): Promise<void> {
    const { ratePerSecond, burst } = this.limitOf(operation);
    const interval = 1_000 / ratePerSecond;
    const now = this.now();
    // A full bucket is `burst` tokens: the schedule may run at most burst - 1 intervals behind.
    const earliest = now - (burst - 1) * interval;
    const slot = Math.max(this.nextFreeAt.get(operation) ?? earliest, earliest);
    const wait = slot - now;
    if (wait > MAX_WAIT_MS) {
      throw new ConnectError(
        "THROTTLED",
        "The console is pacing its calls to Amazon Connect's rate limit; retry in a few seconds.",
        "ConsoleRateBudgetExceeded",
        undefined,
        undefined,
        0,
      );
    }
    this.nextFreeAt.set(operation, slot + interval);
    if (wait > 0) await this.sleep(wait);
  }
}

let budget: RateBudget | undefined;

export function rateBudget(): RateBudget {
  if (budget) return budget;
  const configured = parseRateLimits(serverEnv().CONNECT_RATE_LIMITS);
  budget = new RateBudget(
    (operation) => configured[operation] ?? DOCUMENTED[operation] ?? DEFAULT_LIMIT,
  );
  return budget;
}
