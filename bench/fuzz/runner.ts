/**
 * Runs the cases against a running console and applies the oracles: no answer of 500 or more
 * (nor none at all), no request that reached the local Connect endpoint and was refused there as
 * invalid, and the console's memory after the run within a bound of what it was before.
 */
import {
  type Answer,
  type Caller,
  type FuzzCase,
  type Target,
  caseSummary,
  generateCase,
  sendCase,
} from "./cases";
import { findAction, setUpPools } from "./pools";
import { listBuiltActions, listBuiltRouteHandlers } from "../../e2e/security/build-inventory";
import { DEMO_ACCOUNTS } from "../../lib/demo-accounts";
import { type ActionTarget, callAction, signInCookie } from "../../test-support/action-client";
import { type ConsoleStack, mb, processTreeRss } from "../../test-support/console-process";
import { TEST_ENV } from "../../test-support/test-env";

export interface Offender {
  index: number;
  seed: number;
  target: string;
  caller: Caller;
  payloadClass: string;
  request: string;
  status: number;
  excerpt: string;
  connect?: string;
  log?: string[];
}

export interface FuzzReport {
  seed: number;
  runs: number;
  byClass: Record<string, number>;
  statuses: Record<string, number>;
  /** How the valid cases were answered, per target: they must reach the happy path too. */
  validAnswers: Record<string, Record<string, number>>;
  connectCalls: Record<string, number>;
  serverErrors: Offender[];
  invalidAtConnect: Offender[];
  /**
   * Floors, read after every case: `before` is the lowest RSS over the first tenth of the run
   * (code compiled, caches filled), `after` the lowest over the last tenth, so a megabyte body
   * still in the heap does not count as growth; a leak raises the floor.
   */
  rss: { before: number; peak: number; after: number; bound: number };
  slowest: { ms: number; target: string; request: string }[];
  sessionsRenewed: number;
}

/** Growth of the console's RSS over a run that the oracle accepts (a few MB bodies in flight). */
export const RSS_GROWTH_BOUND = 256 * 1024 * 1024;
const INVALID = new Set([
  "InvalidParameterException",
  "InvalidRequestException",
  "SerializationException",
]);

const bump = (map: Record<string, number>, key: string, by = 1) =>
  (map[key] = (map[key] ?? 0) + by);

function listTargets(): Target[] {
  return [
    ...listBuiltActions().map((action) => ({
      kind: "action" as const,
      label: action.label,
      action,
    })),
    ...listBuiltRouteHandlers().map((route) => ({
      kind: "route" as const,
      label: route.urlPath,
      route,
    })),
  ];
}

/** FUZZ_TARGETS (a pattern on the labels) narrows a run, e.g. to replay one action's cases. */
function fuzzedTargets(all: Target[]): Target[] {
  const pattern = TEST_ENV.runs.fuzzTargets;
  const only = pattern ? new RegExp(pattern) : null;
  const targets = only ? all.filter((target) => only.test(target.label)) : all;
  if (targets.length === 0) throw new Error(`FUZZ_TARGETS=${pattern} matches nothing`);
  return targets;
}

export async function runFuzz(
  stack: ConsoleStack,
  options: { seed: number; runs: number },
): Promise<FuzzReport> {
  const { base, connectUrl } = stack;
  const targets = listTargets();
  const fuzzed = fuzzedTargets(targets);
  const signIn = findAction(targets, "signIn");
  const cookies = { admin: "", lead: "" };
  const renew = async (who: "admin" | "lead") => {
    const { email, password } = DEMO_ACCOUNTS[who];
    cookies[who] = await signInCookie(base, signIn, email, password);
  };
  await renew("admin");
  await renew("lead");
  const pools = await setUpPools(base, targets, cookies);
  const connectLog = async () => {
    const response = await fetch(`${connectUrl}/__admin/requests`);
    const { requests } = (await response.json()) as {
      requests: { operation: string; status: number; errorType?: string }[];
    };
    await fetch(`${connectUrl}/__admin/requests`, { method: "DELETE" });
    return requests;
  };
  await connectLog();
  const refresh = findAction(targets, "refreshTaskStatuses");

  const report: FuzzReport = {
    seed: options.seed,
    runs: options.runs,
    byClass: {},
    statuses: {},
    validAnswers: {},
    connectCalls: {},
    serverErrors: [],
    invalidAtConnect: [],
    rss: { before: Infinity, peak: 0, after: Infinity, bound: RSS_GROWTH_BOUND },
    slowest: [],
    sessionsRenewed: 0,
  };
  const window = Math.max(1, Math.floor(options.runs / 10));
  const sample = (index: number) => {
    // The console's own memory: the database server it started is measured by npm run bench.
    const rss = processTreeRss(stack.pid, stack.databasePid() ?? undefined);
    report.rss.peak = Math.max(report.rss.peak, rss);
    if (index < window) report.rss.before = Math.min(report.rss.before, rss);
    if (index >= options.runs - window) report.rss.after = Math.min(report.rss.after, rss);
    return rss;
  };
  for (let index = 0; index < options.runs; index++) {
    const seed = options.seed + index;
    const fuzzCase = generateCase(seed, fuzzed, pools);
    const cookie = fuzzCase.caller === "anonymous" ? "" : cookies[fuzzCase.caller];
    const logMark = stack.logCount();
    const answer = await sendCase(base, fuzzCase, cookie);
    const requests = await connectLog();
    record(
      report,
      index,
      seed,
      fuzzCase,
      answer,
      requests,
      stack.logTail(stack.logCount() - logMark),
    );
    // Signing out (or an account change) ends the caller's session: sign in again, so later
    // cases still run as that caller.
    const mayHaveEnded =
      fuzzCase.target.label.endsWith("#signOut") ||
      answer.actionCode === "UNAUTHENTICATED" ||
      answer.status === 401;
    if (
      fuzzCase.caller !== "anonymous" &&
      mayHaveEnded &&
      (await sessionEnded(base, refresh, cookie))
    ) {
      report.sessionsRenewed += 1;
      await renew(fuzzCase.caller);
    }
    const rss = sample(index);
    if ((index + 1) % 100 === 0)
      console.log(`  ${index + 1}/${options.runs} cases, RSS ${mb(rss)}`);
  }
  return report;
}

/** Asks an action that needs a session, with an input it refuses before doing anything. */
async function sessionEnded(base: string, probe: ActionTarget, cookie: string): Promise<boolean> {
  const answer = await callAction(base, probe, [{ contactIds: [] }], { cookie });
  return answer.result?.code === "UNAUTHENTICATED";
}

function record(
  report: FuzzReport,
  index: number,
  seed: number,
  fuzzCase: FuzzCase,
  answer: Answer,
  requests: { operation: string; status: number; errorType?: string }[],
  log: string[],
) {
  bump(report.byClass, fuzzCase.payloadClass);
  bump(report.statuses, answer.status === 0 ? "no answer" : String(answer.status));
  for (const request of requests) bump(report.connectCalls, request.operation);
  if (fuzzCase.payloadClass === "valid") {
    const answers = (report.validAnswers[`${fuzzCase.target.label} (${fuzzCase.caller})`] ??= {});
    bump(
      answers,
      answer.actionCode ??
        (answer.status === 200 && fuzzCase.target.kind === "action" ? "ok" : String(answer.status)),
    );
  }
  const offender = (): Offender => ({
    index,
    seed,
    target: fuzzCase.target.label,
    caller: fuzzCase.caller,
    payloadClass: fuzzCase.payloadClass,
    request: caseSummary(fuzzCase),
    status: answer.status,
    excerpt: answer.text.slice(0, 300),
  });
  if (answer.status >= 500 || answer.status === 0) {
    report.serverErrors.push({
      ...offender(),
      log: log
        .filter((line) => /"level":(50|60)|Error|error/.test(line))
        .slice(0, 3)
        .map((line) => line.slice(0, 600)),
    });
  }
  const invalid = requests.filter((r) => r.status === 400 && INVALID.has(r.errorType ?? ""));
  if (invalid.length > 0) {
    report.invalidAtConnect.push({
      ...offender(),
      connect: invalid.map((r) => `${r.operation} → ${r.status} ${r.errorType}`).join("; "),
    });
  }
  report.slowest.push({
    ms: Math.round(answer.ms),
    target: fuzzCase.target.label,
    request: caseSummary(fuzzCase).slice(0, 160),
  });
  report.slowest.sort((a, b) => b.ms - a.ms);
  report.slowest.length = Math.min(report.slowest.length, 5);
}
