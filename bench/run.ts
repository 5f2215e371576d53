/**
 * `npm run bench`: figures, not pass/fail. Against the production build (built first if missing),
 * a fresh local Connect endpoint and a fresh console:
 * - first-load JavaScript (gzip) of the compose page, the tasks list and the agenda;
 * - the median latency of a task submit through the server action (auth, parse, audit, SDK)
 *   against a bare SDK StartTaskContact call to the same endpoint, measured in the same run;
 * - the tasks list's server time with its statuses cached, and a bulk reschedule paced to
 *   Connect's documented UpdateContactSchedule quota (bench/task-views.ts).
 */
import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { ConnectClient, StartTaskContactCommand } from "@aws-sdk/client-connect";

import { DEMO_IDS, startConnectLocal } from "../connect-local/index";
import { emptyTask } from "../lib/task/schema";
import { actionId, callAction, distDir, firstLoadJs, freePort, median } from "./support";
import { benchTaskViews } from "./task-views";

const RUNS = Number(process.env.BENCH_RUNS ?? 25);

async function main() {
  if (!existsSync(path.join(distDir, "BUILD_ID"))) {
    console.log("No build found: running next build…");
    const build = spawnSync("node_modules/.bin/next", ["build"], { stdio: "inherit" });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const connect = await startConnectLocal({ port: 0, throttling: false });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), "ctc-bench-"));
  const server = spawn(
    "node_modules/.bin/next",
    ["start", "--port", String(port), "--hostname", "127.0.0.1"],
    {
      env: {
        ...process.env,
        CONNECT_ENDPOINT: connect.url,
        CONNECT_INSTANCE_ID: DEMO_IDS.instanceId,
        BETTER_AUTH_SECRET: randomUUID() + randomUUID(),
        APP_URL: base,
        DATA_DIR: dataDir,
        DEMO_USERS: "1",
        // The submit figure measures the console's overhead, not Connect's 2/s quota; the bulk
        // figure below keeps UpdateContactSchedule at its documented pace.
        CONNECT_RATE_LIMITS: "StartTaskContact=1000/1000",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      },
      stdio: "ignore",
    },
  );
  try {
    for (let i = 0; i < 120; i++) {
      const ok = await fetch(`${base}/sign-in`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const signIn = await callAction(
      base,
      "/sign-in",
      actionId("sign-in/actions/sign-in.ts", "signIn"),
      [{ email: "supervisor@demo.example", password: "supervisor-demo-password" }],
    );
    const cookie = signIn.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
    if (!cookie) throw new Error(`Sign-in failed (HTTP ${signIn.status})`);

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
    server.kill("SIGTERM");
    await connect.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
