/**
 * `npm run bench`: figures, not pass/fail. Against the production build (built first if missing),
 * a fresh local Connect endpoint and a fresh console:
 * - the compose page's first-load JavaScript (gzip), summed from the page's <script src> chunks
 *   (Next 16 no longer prints "First Load JS");
 * - the median latency of a task submit through the server action (auth, parse, audit, SDK)
 *   against a bare SDK StartTaskContact call to the same endpoint, measured in the same run.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

import { ConnectClient, StartTaskContactCommand } from "@aws-sdk/client-connect";

import { DEMO_IDS, startConnectLocal } from "../connect-local/index";
import { emptyTask } from "../lib/task/schema";

const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const distDir = process.env.NEXT_DIST_DIR || ".next";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function actionId(file: string, exportName: string): string {
  const manifest = JSON.parse(
    readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const entry = Object.entries(manifest.node).find(
    ([, e]) => e.filename?.endsWith(file) && e.exportedName === exportName,
  );
  if (!entry) throw new Error(`Action ${file}#${exportName} is not in the build`);
  return entry[0];
}

async function callAction(base: string, page: string, id: string, args: unknown[], cookie = "") {
  return fetch(`${base}${page}`, {
    method: "POST",
    headers: {
      "Next-Action": id,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: base,
      cookie,
    },
    body: JSON.stringify(args),
    redirect: "manual",
  });
}

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

    const html = await (await fetch(`${base}/tasks/new`, { headers: { cookie } })).text();
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
    let gzipBytes = 0;
    for (const src of new Set(scripts)) {
      gzipBytes += gzipSync(
        Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer()),
      ).length;
    }

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

    console.log(
      `compose page first-load JS: ${(gzipBytes / 1024).toFixed(1)} KB gzip (${new Set(scripts).size} scripts)`,
    );
    console.log(
      `submit through the action: median ${median(viaAction).toFixed(1)} ms over ${RUNS} runs`,
    );
    console.log(
      `bare SDK StartTaskContact: median ${median(viaSdk).toFixed(1)} ms over ${RUNS} runs`,
    );
    console.log(`action overhead: ${(median(viaAction) - median(viaSdk)).toFixed(1)} ms`);
  } finally {
    server.kill("SIGTERM");
    await connect.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
