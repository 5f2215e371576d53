/**
 * Token buckets like Connect's API throttling (docs/connect-api.md, Quotas and rate limits): one
 * bucket per operation, shared by every caller (Connect's limits are per account and Region).
 * Buckets refill continuously from a monotonic clock, so wall-clock jumps through the admin API
 * never refill or drain them.
 */

interface Limit {
  ratePerSecond: number;
  burst: number;
}

/** Default quota of Connect operations not listed separately: 2 RPS, burst 5. */
const DEFAULT_LIMIT: Limit = { ratePerSecond: 2, burst: 5 };

/** Operations Connect lists with a higher quota (10 RPS, burst 15). */
const FAST: Record<string, Limit> = Object.fromEntries(
  ["DescribeContact", "StopContact", "GetContactAttributes", "ListContactReferences"].map((op) => [
    op,
    { ratePerSecond: 10, burst: 15 },
  ]),
);

export function limitOf(operation: string): Limit {
  return FAST[operation] ?? DEFAULT_LIMIT;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class Throttle {
  private buckets = new Map<string, Bucket>();

  constructor(
    public enabled: boolean,
    private readonly monotonicNow: () => number,
  ) {}

  /** Turns throttling on or off; either way every bucket starts full again. */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.buckets.clear();
  }

  /** Takes one token for the operation; false means the request must get ThrottlingException. */
  take(operation: string): boolean {
    if (!this.enabled) return true;
    const { ratePerSecond, burst } = limitOf(operation);
    const now = this.monotonicNow();
    const bucket = this.buckets.get(operation) ?? { tokens: burst, at: now };
    const elapsed = Math.max(0, now - bucket.at) / 1000;
    bucket.tokens = Math.min(burst, bucket.tokens + elapsed * ratePerSecond);
    bucket.at = now;
    this.buckets.set(operation, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
