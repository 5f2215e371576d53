/**
 * The endpoint's wall clock: the injected (or real) clock plus an offset the admin API can move.
 * Task lifecycles are derived from this clock on every read (no timers), so moving it is all a
 * test or a demo needs to "wait" for a scheduled task to start or a task to expire.
 */
export class Clock {
  private offsetMs = 0;

  constructor(private readonly base: () => number = Date.now) {}

  /** Effective now, epoch milliseconds. */
  nowMs(): number {
    return this.base() + this.offsetMs;
  }

  /** Effective now, epoch seconds (fractional), the unit of Connect timestamps. */
  nowSeconds(): number {
    return this.nowMs() / 1000;
  }

  get offset(): number {
    return this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Makes the effective clock read `ms` now; it keeps running from there. */
  setNow(ms: number): void {
    this.offsetMs = ms - this.base();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
