/**
 * The fault soak: `npm run bench:soak` (500 tasks) and `npm run test:soak` (a smaller run that
 * exits non-zero when an invariant fails). N task submissions through the console's real HTTP
 * action path, signed in, a few users in parallel, while the local Connect endpoint throttles,
 * fails, delays beyond the console's per-attempt deadline or drops 20 % of StartTaskContact
 * requests, with Connect's default quotas on. Users retry with the same draft and reconcile what
 * is left; then Connect's state and the audit trail must agree: exactly N tasks, no duplicate.
 *
 *   tsx bench/soak.ts [N]        (default 500; SOAK_CONCURRENCY users in parallel, default 4)
 */
import { randomBytes } from "node:crypto";

import { checkSoak } from "./soak-invariants";
import {
  type SoakUser,
  type SubmitOutcome,
  builtAction,
  exportAudit,
  reconcileUnsettled,
  submitTask,
} from "./soak-user";
import { DEMO_IDS, type FaultRule } from "../connect-local/index";
import { DEMO_ACCOUNTS } from "../lib/demo-accounts";
import { signInCookie } from "../test-support/action-client";
import { startConsoleStack } from "../test-support/console-process";
import { TEST_ENV } from "../test-support/test-env";

const N = process.argv[2] ? Number(process.argv[2]) : (TEST_ENV.runs.soakTasks ?? 500);
const CONCURRENCY = TEST_ENV.runs.soakConcurrency ?? 4;
/** The console's deadline per attempt; the delay fault outlasts it. */
const REQUEST_TIMEOUT_MS = 1_000;
const FAULT_SHARE = 0.2;

/**
 * 20 % of StartTaskContact requests in total, a quarter for each kind. Rules run in order and
 * the first terminal one ends a request, so each later rule's rate is its share of what the
 * earlier ones left; the delay comes last (it does not end a request, and a delayed request that
 * was also dropped would count twice).
 */
function faultRules(): FaultRule[] {
  const kinds: FaultRule["kind"][] = ["throttle", "internal", "drop", "delay"];
  const share = FAULT_SHARE / kinds.length;
  return kinds.map((kind, index) => ({
    kind,
    operations: ["StartTaskContact"],
    rate: share / (1 - share * index),
    ...(kind === "delay" ? { delayMs: REQUEST_TIMEOUT_MS * 2 } : {}),
  }));
}

const USERS = (["supervisor", "lead", "support", "admin"] as const).map(
  (role) => DEMO_ACCOUNTS[role],
);

const tally = (values: string[]) =>
  Object.fromEntries(
    [
      ...values.reduce((map, v) => map.set(v, (map.get(v) ?? 0) + 1), new Map<string, number>()),
    ].sort((a, b) => b[1] - a[1]),
  );

async function main(): Promise<number> {
  if (!Number.isInteger(N) || N < 1) throw new Error(`N must be a positive integer, got ${N}`);
  const run = randomBytes(4).toString("hex");
  const stack = await startConsoleStack({
    label: "soak",
    throttling: true,
    env: { CONNECT_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) },
  });
  const startedAt = performance.now();
  try {
    const admin = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${stack.connectUrl}/__admin/${path}`, {
        method,
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} /__admin/${path}: ${await response.text()}`);
      return response.json() as Promise<unknown>;
    };
    await admin("PUT", "faults", { faults: faultRules() });

    const signIn = builtAction("app/(auth)/sign-in/actions/sign-in.ts#signIn");
    const actions = {
      discardDraft: builtAction("app/(console)/tasks/new/actions/discard-draft.ts#discardDraft"),
      startTask: builtAction("app/(console)/tasks/new/actions/start-task.ts#startTask"),
    };
    const reconcile = builtAction(
      "app/(console)/audit/actions/reconcile-audit-event.ts#reconcileAuditEvent",
    );
    const users: SoakUser[] = [];
    for (let i = 0; i < CONCURRENCY; i++) {
      const { email, password } = USERS[i % USERS.length]!;
      users.push({ email, cookie: await signInCookie(stack.base, signIn, email, password) });
    }
    const supervisor = users[0]!;

    console.log(`soak ${run}: ${N} submissions, ${CONCURRENCY} users in parallel, faults on`);
    const outcomes: SubmitOutcome[] = [];
    let next = 0;
    await Promise.all(
      users.map(async (user) => {
        while (next < N) {
          const n = next++;
          const task = { name: `soak-${run}-${n}`, contactFlowId: DEMO_IDS.flows.generalTasks };
          outcomes.push(await submitTask(stack.base, actions, user, task));
          if (outcomes.length % 50 === 0) console.log(`  ${outcomes.length}/${N} submitted`);
        }
      }),
    );
    const submittedMs = performance.now() - startedAt;
    const reconciles = await reconcileUnsettled(stack.base, reconcile, supervisor.cookie);
    const audit = await exportAudit(stack.base, supervisor.cookie);
    const faults = (await admin("GET", "faults")) as { faults: (FaultRule & { hits: number })[] };
    const connect = await stack.stop();
    const durationMs = performance.now() - startedAt;

    const check = checkSoak({
      instanceId: DEMO_IDS.instanceId,
      namePrefix: `soak-${run}-`,
      submissions: outcomes.map(({ name, clientToken }) => ({ name, clientToken })),
      audit,
      connect,
    });
    const runTokens = new Set(outcomes.map((o) => o.clientToken));
    const startRows = audit.filter(
      (r) => r.action === "task.start" && runTokens.has(r.clientToken ?? ""),
    );
    const retries = outcomes.flatMap((o) => o.retries);
    const figures = {
      submissions: outcomes.length,
      "action calls (startTask)": outcomes.length + retries.length,
      "retries by reason": tally(retries),
      "faults injected (endpoint hits)": Object.fromEntries(
        faults.faults.map((f) => [f.kind, f.hits]),
      ),
      "how submissions ended": tally(outcomes.map((o) => o.end.replace(/:.*$/, ""))),
      "task.start audit rows by outcome": tally(
        startRows.map((r) =>
          r.outcome === "success" ? "success" : `${r.outcome} ${r.errorName ?? ""}`.trim(),
        ),
      ),
      reconciles,
      "duration (s)": {
        submissions: +(submittedMs / 1000).toFixed(1),
        total: +(durationMs / 1000).toFixed(1),
      },
      "tasks in Connect": check.tasksInConnect,
      "duplicates by name": check.duplicateNames,
      "duplicates by ClientToken": check.duplicateTokens,
      "tasks matched one to one by a success row": check.auditMatches,
      "throttled failure rows whose token a retry used (allowed)": check.refusedThenRetried,
    };
    console.log(JSON.stringify(figures, null, 2));

    const byInvariant = tally(check.violations.map((v) => v.invariant));
    if (check.violations.length === 0) {
      console.log(`soak ${run}: every invariant holds`);
      return 0;
    }
    console.log(`soak ${run}: ${check.violations.length} invariant violations`);
    for (const [invariant, count] of Object.entries(byInvariant)) {
      console.log(`- ${invariant}: ${count}`);
      for (const v of check.violations.filter((x) => x.invariant === invariant).slice(0, 5))
        console.log(`    ${v.detail}`);
    }
    return 1;
  } finally {
    await stack.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
