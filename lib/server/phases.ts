import "server-only";

/**
 * Where one call's time goes, phase by phase (session, parse, checks, audit, Connect...): each
 * `mark(phase)` adds the time since the previous mark to that phase. Cheap (one
 * performance.now() per mark); the action wrapper logs the result at debug level only, so the
 * production log at info carries none of it. `npm run bench` reads those lines.
 */
export type MarkPhase = (phase: string) => void;

export interface PhaseClock {
  mark: MarkPhase;
  /** Milliseconds per phase, to 0.1 ms, in the order the phases first ended. */
  phases: () => Record<string, number>;
}

export function startPhaseClock(now: () => number = () => performance.now()): PhaseClock {
  let last = now();
  const spent = new Map<string, number>();
  return {
    mark(phase) {
      const at = now();
      spent.set(phase, (spent.get(phase) ?? 0) + at - last);
      last = at;
    },
    phases: () =>
      Object.fromEntries([...spent].map(([phase, ms]) => [phase, Math.round(ms * 10) / 10])),
  };
}
