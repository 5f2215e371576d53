/**
 * `npm run bench`: figures (only the fuzzer, last, can fail it). Against the production build
 * (built first if missing), a fresh local Connect endpoint and a fresh console:
 * - first-load JavaScript (gzip) of the compose page, the tasks list and the agenda;
 * - the median latency of a task submit through the server action (auth, parse, audit, SDK)
 *   against a bare SDK StartTaskContact call to the same endpoint, measured in the same run;
 * - the tasks list's server time with its statuses cached, and a bulk reschedule paced to
 *   Connect's documented UpdateContactSchedule quota (bench/task-views.ts);
 * - then the fuzzer's longer run (FUZZ_RUNS, default 2,000; a random seed unless FUZZ_SEED), on
 *   its own fresh console: the one part that fails the command, when an oracle fails.
 */
import { randomUUID } from "node:crypto";

import { ConnectClient, StartTaskContactCommand } from "@aws-sdk/client-connect";

import { DEMO_IDS } from "../connect-local/index";
import { DEMO_ACCOUNTS } from "../lib/demo-accounts";
import { emptyTask } from "../lib/task/schema";
import { signInCookie } from "../test-support/action-client";
import { startConsoleStack } from "../test-support/console-process";
import { fuzzFreshConsole, fuzzSeed } from "./fuzz";
import { builtAction } from "./soak-user";
import { actionId, callAction, firstLoadJs, median } from "./support";
import { benchTaskViews } from "./task-views";

const RUNS = Number(process.env.BENCH_RUNS ?? 25);
/** The fuzzer's longer run; `npm run test:fuzz` runs a moderate one with a fixed seed. */
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);

async function main() {
  const stack = await startConsoleStack({
    label: "bench",
    // The submit figure measures the console's overhead, not Connect's 2/s quota; the bulk
    // figure below keeps UpdateContactSchedule at its documented pace.
    env: { CONNECT_RATE_LIMITS: "StartTaskContact=1000/1000" },
  });
  const { base } = stack;
  const connect = { url: stack.connectUrl };
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

    const startTask = actionId("tasks/new/actions/start-task.ts", "startTask");
    const values = () => ({
      ...emptyTask({ instanceId: DEMO_IDS.instanceId, timeZone: "UTC", clientToken: randomUUID() }),
      name: "Bench task",
      contactFlowId: DEMO_IDS.flows.generalTasks,
    });
    const sdk = new ConnectClient({
      endpoint: connect.url,
      region: "us-east-1",
      credentials: { accessKeyId: "LOCAL", secretAccessKey: "local" },
    });
    const viaAction: number[] = [];
    const viaSdk: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let started = performance.now();
      const response = await callAction(base, "/tasks/new", startTask, [values()], cookie);
      const text = await response.text();
      if (!text.includes('"ok":true')) throw new Error(`Submit failed: ${text.slice(0, 300)}`);
      viaAction.push(performance.now() - started);
      started = performance.now();
      await sdk.send(
        new StartTaskContactCommand({
          InstanceId: DEMO_IDS.instanceId,
          Name: "Bench task",
          ContactFlowId: DEMO_IDS.flows.generalTasks,
          ClientToken: randomUUID(),
        }),
      );
      viaSdk.push(performance.now() - started);
    }
    sdk.destroy();

    for (const size of sizes) {
      console.log(
        `${size.label} page first-load JS: ${size.kb.toFixed(1)} KB gzip (${size.scripts} scripts)`,
      );
    }
    console.log(
      `submit through the action: median ${median(viaAction).toFixed(1)} ms over ${RUNS} runs`,
    );
    console.log(
      `bare SDK StartTaskContact: median ${median(viaSdk).toFixed(1)} ms over ${RUNS} runs`,
    );
    console.log(`action overhead: ${(median(viaAction) - median(viaSdk)).toFixed(1)} ms`);
    await benchTaskViews({ base, cookie, connectUrl: connect.url });
  } finally {
    await stack.stop();
  }
  const isFuzzOk = await fuzzFreshConsole({ seed: fuzzSeed(), runs: FUZZ_RUNS });
  if (!isFuzzOk) process.exitCode = 1;
}

await main();
