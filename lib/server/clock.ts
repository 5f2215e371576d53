import "server-only";

/**
 * The console's clock for every decision about time of held tasks: hold or send, when a held task
 * is released, the agenda's "now". Tests move it with `setClock` instead of sleeping; the local
 * endpoint has its own clock (its admin API), which a test moves with it.
 *
 * A running console cannot be given another clock: nothing reads an environment variable or
 * serves a route for it, so a production build (or a test's built console) always runs on the
 * system time. Only code in the same process (a Vitest test) can call `setClock`.
 */

type ClockSource = () => Date;

/** On globalThis: Next's bundles (instrumentation, actions) and a test share one clock. */
const holder = globalThis as unknown as { __consoleClock?: ClockSource };

const systemClock: ClockSource = () => new Date();

/** The console's current time. */
export function now(): Date {
  return (holder.__consoleClock ?? systemClock)();
}

/** Tests: the console's time from now on comes from `source`. */
export function setClock(source: ClockSource): void {
  holder.__consoleClock = source;
}

/** Tests: back to the system time. */
export function resetClock(): void {
  holder.__consoleClock = undefined;
}
