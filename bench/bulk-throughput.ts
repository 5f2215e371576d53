/**
 * The bulk figure of `npm run bench`: one bulk job of 40 rows on the built console, against the
 * local endpoint with Connect's default throttling on (StartTaskContact 2/s, burst 5), and a
 * person's task submitted through the composer's action while it runs. Prints the job's rate
 * after its burst against 2/s (the target: at least 95 %), the busiest one-second window (never
 * over Connect's burst), ThrottlingExceptions (none expected) and how long the person waited.
 */
import {
  bulkFile,
  jobView,
  startBulkJob,
  startCalls,
  submitTask,
  supervisorCookie,
  waitFor,
} from "./bulk-support";
import { busiestSecond } from "../test-support/budget-processes";
import { startConsoleStack } from "../test-support/console-process";

const ROWS = 40;
const RATE = 2;
const BURST = 5;

export async function benchBulkThroughput(): Promise<void> {
  const stack = await startConsoleStack({ label: "bulk-rate", throttling: true });
  try {
    const { base, connectUrl } = stack;
    const cookie = await supervisorCookie(base);
    const tag = `Rate ${Date.now().toString(36)}`;
    const jobId = await startBulkJob(base, cookie, bulkFile(tag, ROWS));

    // A person's submit once the job is well under way: the reserve lets it through at once.
    await waitFor("10 rows are created", 60_000, async () => {
      return ((await jobView(base, cookie, jobId))?.counts.created ?? 0) >= 10;
    });
    const personMs = await submitTask(base, cookie, `${tag} by hand`);

    await waitFor("the job is finished", 120_000, async () => {
      return (await jobView(base, cookie, jobId))?.state === "finished";
    });
    const calls = await startCalls(connectUrl);
    const times = calls.map((call) => call.at);
    const busiest = busiestSecond(times);
    // After the burst: the calls beyond the first BURST over the time they took.
    const afterBurst = (times.length - BURST) / ((times.at(-1)! - times[BURST - 1]!) / 1_000);
    const throttled = calls.filter((call) => call.errorType?.includes("Throttling")).length;
    console.log(
      `bulk job of ${ROWS} rows with Connect's quotas on: ${afterBurst.toFixed(2)} StartTaskContact/s ` +
        `after the burst (${((afterBurst / RATE) * 100).toFixed(0)} % of ${RATE}/s, target >= 95 %), ` +
        `busiest second ${busiest} (burst ${BURST}), ${throttled} throttled; a person's submit ` +
        `during the job: ${personMs.toFixed(0)} ms`,
    );
  } finally {
    await stack.stop();
  }
}
