import { spawn } from "node:child_process";

import type { CallRecord } from "./budget-client";
import { testConsoleEnv } from "./test-env";
import { DEMO_IDS } from "../connect-local/index";

/**
 * Several console-like processes (budget-client.ts) on one database and one local Connect
 * endpoint, each running a bulk job's background starts and some interactive ones at once. For
 * the shared-budget test (lib/server/connect/shared-budget.test.ts) and `npm run bench`.
 */
export interface BudgetRun {
  /** Each process's calls. */
  processes: CallRecord[][];
  /** From the first call asked to the last answered, in ms. */
  elapsedMs: number;
}

export async function runBudgetProcesses(options: {
  databaseUrl: string;
  connectUrl: string;
  processes: number;
  background: number;
  interactive: number;
}): Promise<BudgetRun> {
  // Each child needs a few seconds to load tsx and the SDK on a busy machine.
  const startAt = Date.now() + 8_000;
  const children = Array.from({ length: options.processes }, () =>
    runChild({
      DATABASE_URL: options.databaseUrl,
      CONNECT_ENDPOINT: options.connectUrl,
      CONNECT_INSTANCE_ID: DEMO_IDS.instanceId,
      AWS_REGION: "us-east-1",
      BETTER_AUTH_SECRET: "shared-budget-secret-2b7e4f9a1c3d5086",
      // One attempt: a throttled call would fail here, not be retried out of sight.
      CONNECT_MAX_ATTEMPTS: "1",
      LOG_LEVEL: "silent",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      BUDGET_BACKGROUND: String(options.background),
      BUDGET_INTERACTIVE: String(options.interactive),
      BUDGET_START_AT: String(startAt),
    }),
  );
  const processes = await Promise.all(children);
  return { processes, elapsedMs: Date.now() - startAt };
}

function runChild(env: Record<string, string>): Promise<CallRecord[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      "node_modules/.bin/tsx",
      ["--conditions=react-server", "test-support/budget-client.ts"],
      { env: testConsoleEnv(env), stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0 || !line.startsWith("{")) {
        reject(new Error(`budget process exited ${code}:\n${out}\n${err}`));
        return;
      }
      resolve((JSON.parse(line) as { records: CallRecord[] }).records);
    });
  });
}

/** The most requests in any one-second window of arrival times (ms). */
export function busiestSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[j]! <= sorted[i]! - 1_000) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}
