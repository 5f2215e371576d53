/**
 * One log line per server action call and per route handler request (SECURITY.md promise 13):
 * its name, who called (user id), how long it took, the outcome and the wrapper's own fields (the
 * error code, the HTTP status), never the input. Success and invalid input are `info`, refusals
 * and failures `warn`, an unexpected throw `error` with the error as the log serialises it.
 */
import "server-only";

import { log } from "@/lib/server/log";
import { type MarkPhase, startPhaseClock } from "@/lib/server/phases";

export type LogOutcome = "success" | "invalid" | "denied" | "failure" | "unknown";

export interface LogLine {
  outcome: LogOutcome;
  /** Added to the line: error code, status... */
  fields?: Record<string, unknown>;
}

/** What the wrapped call tells its line as soon as it knows it. */
export interface CallRecord {
  userId?: string | undefined;
  /** Ends a phase of the call (session, parse, Connect...): logged at debug level, never at info. */
  mark: MarkPhase;
}

export type LogKind = "action" | "route";

const loggers = { action: log.child({ module: "action" }), route: log.child({ module: "route" }) };

/**
 * `run` with its line: `{ module: kind, [kind]: name, userId, durationMs, outcome, ...fields }`,
 * message `kind`. `lineOf` reads the result (it may be async: a response's code).
 */
export function withTimedLog<A extends unknown[], R>(
  kind: LogKind,
  name: string,
  run: (call: CallRecord, ...args: A) => Promise<R>,
  lineOf: (result: R) => LogLine | Promise<LogLine>,
): (...args: A) => Promise<R> {
  const logger = loggers[kind];
  return async (...args: A): Promise<R> => {
    const startedAt = performance.now();
    const clock = startPhaseClock();
    const call: CallRecord = { mark: clock.mark };
    const line = () => ({
      [kind]: name,
      userId: call.userId ?? null,
      durationMs: Math.round(performance.now() - startedAt),
    });
    try {
      const result = await run(call, ...args);
      if (logger.isLevelEnabled("debug"))
        logger.debug({ [kind]: name, phases: clock.phases() }, `${kind} phases`);
      const { outcome, fields } = await lineOf(result);
      const written = { ...line(), outcome, ...fields };
      if (outcome === "success" || outcome === "invalid") logger.info(written, kind);
      else logger.warn(written, kind);
      return result;
    } catch (error) {
      logger.error({ ...line(), outcome: "error", err: error }, kind);
      throw error;
    }
  };
}
