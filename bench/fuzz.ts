/**
 * The fuzzer: generated requests at every server action and route handler of the build, over
 * HTTP, anonymously and signed in (admin and lead), valid, near-valid, hostile and raw. Seeded
 * and replayable: `npm run test:fuzz` uses a fixed seed; `FUZZ_SEED=<n> FUZZ_RUNS=<n>` replays or
 * extends a run (case i of seed s alone: FUZZ_SEED=s+i FUZZ_RUNS=1). `npm run bench` runs more.
 * Exits non-zero when an oracle fails: an answer ≥ 500 (or none), a request the local Connect
 * endpoint refused as invalid, or the console's memory growing past the bound.
 */
import { startConsoleStack, mb } from "../test-support/console-process";
import { TEST_ENV } from "../test-support/test-env";
import { type FuzzReport, type Offender, runFuzz } from "./fuzz/runner";

/** Connect's quotas are not under test here: pacing and throttling would only slow the run. */
const UNPACED = [
  "StartTaskContact",
  "UpdateContactSchedule",
  "StopContact",
  "DescribeContact",
  "ListContactReferences",
  "GetContactAttributes",
]
  .map((operation) => `${operation}=1000/1000`)
  .join(",");

/** What the console logged as the reason: the error line Next prints, or our log's message. */
function causeOf(offender: Offender): string {
  for (const line of offender.log ?? []) {
    const printed = /⨯ (.+)/.exec(line)?.[1];
    if (printed) return printed.slice(0, 120);
    const message = /"message":"((?:[^"\\]|\\.){0,120})/.exec(line)?.[1];
    if (message) return message;
  }
  return offender.status === 0 ? "no answer" : `HTTP ${offender.status}, nothing logged`;
}

const replayTargets = TEST_ENV.runs.fuzzTargets
  ? `FUZZ_TARGETS='${TEST_ENV.runs.fuzzTargets}' `
  : "";

/** Grouped by cause, so one defect reads as one entry with the targets it reaches. */
function printOffenders(title: string, offenders: Offender[]) {
  console.log(`${title}: ${offenders.length}`);
  const groups = new Map<string, Offender[]>();
  for (const o of offenders) {
    const key = o.connect ? `${o.connect} after ${o.target}` : `${o.status}: ${causeOf(o)}`;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  for (const [key, group] of groups) {
    const targets = [...new Set(group.map((o) => o.target.split("#").at(-1)))];
    console.log(`- ${key}: ${group.length} case(s) at ${targets.join(", ")}`);
    for (const o of group.slice(0, 3)) {
      console.log(
        `    case ${o.index} (replay: ${replayTargets}FUZZ_SEED=${o.seed} FUZZ_RUNS=1), ${o.caller}, ${o.payloadClass}, ${o.target}`,
      );
      console.log(`      request: ${o.request.slice(0, 400)}`);
      console.log(`      answer: ${JSON.stringify(o.excerpt.slice(0, 200))}`);
    }
  }
}

export function printFuzzReport(report: FuzzReport): boolean {
  console.log(
    JSON.stringify(
      {
        seed: report.seed,
        cases: report.runs,
        "requests by class": report.byClass,
        statuses: report.statuses,
        "Connect calls (reached the local endpoint)": report.connectCalls,
        "valid cases by target (caller) and answer": report.validAnswers,
        "console RSS": {
          "floor over the first tenth": mb(report.rss.before),
          peak: mb(report.rss.peak),
          "floor over the last tenth": mb(report.rss.after),
          "allowed growth": mb(report.rss.bound),
        },
        "sessions renewed (sign-outs)": report.sessionsRenewed,
        "slowest answers": report.slowest,
      },
      null,
      2,
    ),
  );
  printOffenders("answers ≥ 500 or none", report.serverErrors);
  printOffenders("requests refused as invalid by the Connect endpoint", report.invalidAtConnect);
  const memoryOk = report.rss.after - report.rss.before <= report.rss.bound;
  console.log(
    `memory: ${memoryOk ? "within" : "OVER"} the bound (${mb(report.rss.after - report.rss.before)} growth)`,
  );
  const ok = report.serverErrors.length === 0 && report.invalidAtConnect.length === 0 && memoryOk;
  console.log(`fuzz seed ${report.seed}: ${ok ? "every oracle holds" : "ORACLES FAILED"}`);
  return ok;
}

/** Starts its own console and endpoint, fuzzes, prints; true when every oracle held. */
export async function fuzzFreshConsole(options: { seed: number; runs: number }): Promise<boolean> {
  console.log(`fuzz: seed ${options.seed}, ${options.runs} cases`);
  const stack = await startConsoleStack({ label: "fuzz", env: { CONNECT_RATE_LIMITS: UNPACED } });
  try {
    return printFuzzReport(await runFuzz(stack, options));
  } finally {
    await stack.stop();
  }
}

export const fuzzSeed = () => TEST_ENV.runs.fuzzSeed ?? Math.floor(Math.random() * 2 ** 31);

if (import.meta.url === `file://${process.argv[1]}`) {
  fuzzFreshConsole({ seed: fuzzSeed(), runs: TEST_ENV.runs.fuzz ?? 400 }).then(
    (ok) => process.exit(ok ? 0 : 1),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}
