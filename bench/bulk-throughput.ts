/**
 * The bulk figure of `npm run bench`: one bulk job of 40 rows on the built console, against the
 * local endpoint with Connect's default throttling on (StartTaskContact 2/s, burst 5), and a
 * person's task submitted through the composer's action while it runs. Prints the job's rate
 * after its burst against 2/s (the target: at least 95 %), the busiest one-second window (never
 * over Connect's burst), ThrottlingExceptions (none expected) and how long the person waited.
 */
import { randomUUID } from "node:crypto";

import {
  bulkFile,
  startBulkJob,
  startCalls,
  supervisorCookie,
  waitFor,
  jobView,
} from "./bulk-support";
import { actionId, callAction } from "./support";
import { DEMO_IDS } from "../connect-local/index";
import { emptyTask } from "../lib/task/schema";
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
    const task = {
      ...emptyTask({ instanceId: DEMO_IDS.instanceId, timeZone: "UTC", clientToken: randomUUID() }),
      name: `${tag} by hand`,
      contactFlowId: DEMO_IDS.flows.generalTasks,
    };
    const started = performance.now();
    const answer = await callAction(
      base,
      "/tasks/new",
      actionId("tasks/new/actions/start-task.ts", "startTask"),
      [task],
      cookie,
    );
    const text = await answer.text();
    const personMs = performance.now() - started;
    if (!text.includes('"ok":true')) throw new Error(`The person's submit failed: ${text}`);

    await waitFor("the job is finished", 120_000, async () => {
      return (await jobView(base, cookie, jobId))?.state === "finished";
    });
    const calls = await startCalls(connectUrl);
    const times = calls.map((call) => call.at);
    let busiest = 0;
    for (let first = 0; first < times.length; first += 1) {
      let last = first;
      while (last + 1 < times.length && times[last + 1]! - times[first]! < 1_000) last += 1;
      busiest = Math.max(busiest, last - first + 1);
    }
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
