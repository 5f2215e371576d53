import "server-only";

/**
 * The "series.topup" job: makes the next occurrences of every active series as the rolling
 * window moves on (series.ts). One waiting job at a time (a singleton key); each run queues the
 * next one a few hours on, so a series that never ends always has its window ahead of it.
 */
import { now } from "@/lib/server/clock";
import { getDb } from "@/lib/server/db";
import type { JobEngine } from "@/lib/server/jobs/engine";
import { log } from "@/lib/server/log";

import { topUpSeries } from "./series";

export const TOPUP_QUEUE = "series.topup";
const TOPUP_SINGLETON = "series-topup";
/** Often enough that the window (60 days) never runs short, rarely enough to cost nothing. */
const TOPUP_EVERY_MS = 6 * 3_600_000;

const topupLog = log.child({ module: "series" });

export async function queueTopUp(engine: JobEngine, startAfter?: Date): Promise<void> {
  await engine.send(TOPUP_QUEUE, {}, { singletonKey: TOPUP_SINGLETON, startAfter });
}

export async function topUpSeriesHandler(
  _data: unknown,
  context: { signal: AbortSignal; jobId: string },
): Promise<void> {
  try {
    const made = await topUpSeries(await getDb());
    if (made > 0) topupLog.info({ engineJobId: context.jobId, made }, "series occurrences made");
  } catch (error) {
    // Not rethrown: the successor queued below is this run's retry.
    topupLog.error({ engineJobId: context.jobId, err: error }, "series top-up failed");
  }
  if (context.signal.aborted) return;
  const { getJobEngine } = await import("@/lib/server/jobs/engine");
  await queueTopUp(await getJobEngine(), new Date(now().getTime() + TOPUP_EVERY_MS));
}
