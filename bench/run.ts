/**
 * `npm run bench`: figures (only the fuzzer, last, can fail it). Against the production build
 * (built first if missing), a fresh local Connect endpoint and a fresh console:
 * - first-load JavaScript (gzip) of the compose page, the tasks list and the agenda;
 * - Lighthouse 12 in its mobile profile on the composer and the overview (bench/lighthouse.ts):
 *   performance and accessibility scores, total blocking time and largest contentful paint, the
 *   median of LIGHTHOUSE_RUNS (3) runs a page;
 * - the median latency of a task submit through the server action (auth, parse, audit, SDK)
 *   against a bare SDK StartTaskContact call to the same endpoint, measured in the same run, at
 *   once and with Connect answering in 100 ms (the ratio; target 1.15), with where the action's
 *   time goes (bench/submit.ts);
 * - the tasks list's server time with its statuses cached, and a bulk reschedule paced to
 *   Connect's documented UpdateContactSchedule quota (bench/task-views.ts);
 * - the RSS of the whole embedded default (the console's processes and the PostgreSQL server it
 *   started in its DATA_DIR), fresh and after the load above, against the 400 MB target;
 * - two built consoles on one database sharing the one Connect budget, a bulk job in each and
 *   people submitting on both, against Connect's default throttling (bench/bulk-shared.ts);
 * - one bulk job's rate against Connect's 2/s, with a person's submit during it
 *   (bench/bulk-throughput.ts);
 * - the bulk page's check of 10,000 rows: the worker's code run in Node (bench/bulk-check.ts),
 *   and the page itself in Chromium, file chosen to result shown (bench/bulk-check-browser.ts);
 * - then the fuzzer's longer run (FUZZ_RUNS, default 2,000; a random seed unless FUZZ_SEED), on
 *   its own fresh console: the one part that fails the command, when an oracle fails.
 */
import { benchBulkCheck } from "./bulk-check";
import { benchBulkCheckInBrowser } from "./bulk-check-browser";
import { benchSharedBulk } from "./bulk-shared";
import { benchBulkThroughput } from "./bulk-throughput";
import { fuzzFreshConsole, fuzzSeed } from "./fuzz";
import { LIGHTHOUSE_PAGES, formatLighthouse, runLighthouse } from "./lighthouse";
import { builtAction } from "./soak-user";
import { benchSubmit } from "./submit";
import { firstLoadJs } from "./support";
import { benchTaskViews } from "./task-views";
import { DEMO_ACCOUNTS } from "../lib/demo-accounts";
import { signInCookie } from "../test-support/action-client";
import { embeddedDefaultRss, mb, startConsoleStack } from "../test-support/console-process";
import { TEST_ENV } from "../test-support/test-env";

const RUNS = TEST_ENV.runs.bench ?? 25;
/** The fuzzer's longer run; `npm run test:fuzz` runs a moderate one with a fixed seed. */
const LIGHTHOUSE_RUNS = TEST_ENV.runs.lighthouse ?? 3;
const FUZZ_RUNS = TEST_ENV.runs.fuzz ?? 2_000;
/** The bound for console, database and workers together. */
const EMBEDDED_RSS_TARGET = 400 * 1024 * 1024;

function formatRss(moment: string, rss: ReturnType<typeof embeddedDefaultRss>): string {
  const verdict = rss.total < EMBEDDED_RSS_TARGET ? "under" : "OVER";
  return `embedded default RSS ${moment}: ${mb(rss.total)} (console ${mb(rss.console)} + PostgreSQL ${mb(rss.database)}), ${verdict} the ${mb(EMBEDDED_RSS_TARGET)} target`;
}

async function main() {
  // First, on a quiet machine: the browser's check of a bulk file, in Node.
  await benchBulkCheck();
  const stack = await startConsoleStack({
    label: "bench",
    // The submit figure measures the console's overhead, not Connect's 2/s quota; the bulk
    // figure below keeps UpdateContactSchedule at its documented pace.
    // Debug: the start action's phase timings, read back from its log (bench/submit.ts).
    env: { CONNECT_RATE_LIMITS: "StartTaskContact=1000/1000", LOG_LEVEL: "debug" },
  });
  const { base } = stack;
  const connect = { url: stack.connectUrl };
  const fresh = embeddedDefaultRss(stack);
  try {
    const cookie = await signInCookie(
      base,
      builtAction("app/(auth)/sign-in/actions/sign-in.ts#signIn"),
      DEMO_ACCOUNTS.supervisor.email,
      DEMO_ACCOUNTS.supervisor.password,
    );

    const pages: [string, string][] = [
      ["compose", "/tasks/new"],
      ["tasks list", "/tasks"],
      ["agenda", "/tasks/scheduled"],
    ];
    const sizes = [];
    for (const [label, page] of pages)
      sizes.push({ label, ...(await firstLoadJs(base, page, cookie)) });

    for (const size of sizes) {
      console.log(
        `${size.label} page first-load JS: ${size.kb.toFixed(1)} KB gzip (${size.scripts} scripts)`,
      );
    }
    // Before the submit figures, so the composer opens as a new user's would: no tasks, no draft.
    const scores = await runLighthouse({
      baseUrl: base,
      cookie,
      pages: LIGHTHOUSE_PAGES,
      runs: LIGHTHOUSE_RUNS,
    });
    for (const entry of scores) console.log(formatLighthouse(entry));
    await benchSubmit({
      base,
      cookie,
      connectUrl: connect.url,
      runs: RUNS,
      logTail: stack.logTail,
      logCount: stack.logCount,
    });
    await benchTaskViews({ base, cookie, connectUrl: connect.url });
    await benchBulkCheckInBrowser({ base, cookie });
    console.log(formatRss("fresh", fresh));
    console.log(formatRss("after the bench's load", embeddedDefaultRss(stack)));
  } finally {
    await stack.stop();
  }
  await benchSharedBulk();
  await benchBulkThroughput();
  const isFuzzOk = await fuzzFreshConsole({ seed: fuzzSeed(), runs: FUZZ_RUNS });
  if (!isFuzzOk) process.exitCode = 1;
}

await main();
