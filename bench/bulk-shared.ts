/**
 * Two console processes, one Connect budget, as a team that outgrew one machine runs them: two
 * built consoles (`next start`) on the same data and PostgreSQL server, each running a
 * supervisor's bulk job (one job worker per process, so each process sends one job's rows) while
 * people submit tasks through the composer's action on both, against the local endpoint with
 * Connect's default quotas on (StartTaskContact 2/s, burst 5, per account).
 *
 * `npm run test:bulk-shared` (in test:all) fails when Connect answers any call with a
 * ThrottlingException, when any one-second window holds more calls than the quota lets through
 * (burst + rate), when a job does not finish with every row created once, or when a person's
 * submit fails. `npm run bench` prints the same run's figures: the rate after the burst against
 * 2/s, the busiest second and the people's slowest submit.
 */
import { pathToFileURL } from "node:url";

import {
  bulkFile,
  submitTask,
  jobView,
  startBulkJob,
  startCalls,
  supervisorCookie,
  waitFor,
} from "./bulk-support";
import { busiestSecond } from "../test-support/budget-processes";
import { startConsoleStack } from "../test-support/console-process";

const ROWS_PER_JOB = 16;
const SUBMITS_PER_CONSOLE = 3;
const RATE = 2;
const BURST = 5;

export interface SharedBulkRun {
  problems: string[];
  figure: string;
}

export async function runSharedBulk(): Promise<SharedBulkRun> {
  const problems: string[] = [];
  const check = (isOk: boolean, problem: string) => {
    if (!isOk) problems.push(problem);
  };
  // One job worker per process: the second job cannot run beside the first in the same process.
  const stack = await startConsoleStack({
    label: "bulk-shared",
    throttling: true,
    env: { JOB_WORKERS: "1" },
  });
  try {
    const second = await stack.addConsole();
    const consoles = [stack.base, second.base];
    const cookies = await Promise.all(consoles.map((base) => supervisorCookie(base)));
    const tag = `Shared ${Date.now().toString(36)}`;
    const jobs = await Promise.all(
      consoles.map((base, index) =>
        startBulkJob(base, cookies[index]!, bulkFile(`${tag} job ${index + 1}`, ROWS_PER_JOB)),
      ),
    );

    // People on both consoles while both jobs send: one submit each every couple of seconds.
    const views = () => Promise.all(jobs.map((id, i) => jobView(consoles[i]!, cookies[i]!, id)));
    await waitFor("both jobs are sending", 60_000, async () => {
      return (await views()).every((view) => (view?.counts.created ?? 0) >= 1);
    });
    // With one worker per process, two jobs sending at once are two processes sending.
    check(
      (await views()).every((view) => view?.state === "running"),
      "the jobs did not run at the same time (one process ran both)",
    );
    const submitMs = (
      await Promise.all(
        consoles.map(async (base, index) => {
          const times: number[] = [];
          for (let n = 1; n <= SUBMITS_PER_CONSOLE; n += 1) {
            times.push(await submitTask(base, cookies[index]!, `${tag} by hand ${index + 1}.${n}`));
            await new Promise((resolve) => setTimeout(resolve, 1_500));
          }
          return times;
        }),
      )
    ).flat();

    await waitFor("both jobs are finished", 120_000, async () => {
      return (await views()).every((view) => view?.state === "finished");
    });
    for (const [index, id] of jobs.entries()) {
      const view = await jobView(consoles[index]!, cookies[index]!, id);
      check(
        view?.counts.created === ROWS_PER_JOB,
        `job ${index + 1} created ${view?.counts.created} of ${ROWS_PER_JOB} rows`,
      );
    }

    const calls = await startCalls(stack.connectUrl);
    const times = calls.map((call) => call.at);
    const expected = jobs.length * ROWS_PER_JOB + consoles.length * SUBMITS_PER_CONSOLE;
    const tokens = new Set(calls.map((call) => call.clientToken));
    const throttled = calls.filter((call) => call.errorType?.includes("Throttling")).length;
    const busiest = busiestSecond(times);
    check(throttled === 0, `${throttled} ThrottlingException answers`);
    check(busiest <= RATE + BURST, `${busiest} calls in one second (quota: ${RATE + BURST})`);
    check(tokens.size === expected, `${tokens.size} distinct ClientTokens for ${expected} tasks`);
    check(
      calls.length === expected,
      `${calls.length} StartTaskContact calls for ${expected} tasks`,
    );

    const afterBurst = (times.length - BURST) / ((times.at(-1)! - times[BURST - 1]!) / 1_000);
    const figure =
      `two consoles, a bulk job each and people submitting on both, Connect's quotas on: ` +
      `${calls.length} StartTaskContact, ${afterBurst.toFixed(2)}/s after the burst ` +
      `(${((afterBurst / RATE) * 100).toFixed(0)} % of ${RATE}/s), busiest second ${busiest} ` +
      `(quota ${RATE + BURST}), ${throttled} throttled; people's submits: slowest ` +
      `${Math.max(...submitMs).toFixed(0)} ms of ${submitMs.length}`;
    return { problems, figure };
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
    console.error(stack.logTail(30).join("\n"));
    return { problems, figure: "two consoles sharing the budget: the run failed" };
  } finally {
    await stack.stop();
  }
}

export async function benchSharedBulk(): Promise<void> {
  const run = await runSharedBulk();
  console.log(run.figure);
  for (const problem of run.problems) console.log(`  problem: ${problem}`);
}

// `npm run test:bulk-shared`: the same run as a proof that fails.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const run = await runSharedBulk();
  console.log(run.figure);
  if (run.problems.length > 0) {
    console.error(`FAILED:\n- ${run.problems.join("\n- ")}`);
    process.exitCode = 1;
  } else {
    console.log("OK: two consoles shared one budget, nothing throttled, every row once");
  }
}
