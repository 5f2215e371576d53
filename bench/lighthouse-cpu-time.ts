import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Lighthouse's figures with the page's main thread at its CPU time.
 *
 * Lighthouse (simulated throttling, its default) loads the page at full speed and computes a
 * slow phone's metrics from what it saw: each main-thread task lasts its observed duration times
 * four. On a machine shared with other work (two cores here, for several developers and CI), a
 * task's observed duration is mostly time the renderer waited for a core, often several times
 * the CPU time it used, so the score measures the machine's load as much as the page (a median
 * of three does not remove that). Audited again from the same saved artifacts with every trace
 * event lasting its thread time, the run gives the figures an otherwise idle machine shows. The
 * bench prints both; the first is Lighthouse's own.
 */

/** Where Lighthouse 12 saves the navigation's trace in a `gatherMode` folder. */
const TRACE_FILE = "defaultPass.trace.json";

type TraceEvent = { ph?: string; dur?: number; tdur?: number };

/**
 * Rewrites the saved trace in `artifactsDir` so each complete event lasts its thread time
 * (`tdur`) where that is shorter than its wall time (`dur`); returns how many it shortened.
 */
export function traceAtCpuTime(artifactsDir: string): number {
  const file = path.join(artifactsDir, TRACE_FILE);
  const trace = JSON.parse(readFileSync(file, "utf8")) as
    { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  let timed = 0;
  let shortened = 0;
  for (const event of events) {
    if (event.ph !== "X" || event.dur === undefined || event.tdur === undefined) continue;
    timed++;
    if (event.tdur >= event.dur) continue;
    event.dur = event.tdur;
    shortened++;
  }
  // Without thread times the "CPU time" figures would silently be the observed ones.
  if (timed === 0) throw new Error(`No trace event in ${file} has a thread time`);
  writeFileSync(file, JSON.stringify(trace));
  return shortened;
}
