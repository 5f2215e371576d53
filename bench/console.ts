import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { DEMO_IDS, startConnectLocal } from "../connect-local/index";
import { DEMO_ACCOUNTS } from "../lib/demo-accounts";
import { testConsoleEnv } from "../test-support/test-env";
import { actionId, callAction, distDir, freePort } from "./support";

export type BenchConsole = {
  base: string;
  /** The signed-in demo supervisor's cookies, as a `Cookie` header value. */
  cookie: string;
  connectUrl: string;
  stop: () => Promise<void>;
};

/**
 * The production build (built first if missing) served against a fresh local Connect endpoint
 * and a throw-away data folder, with the demo supervisor signed in: what the bench scripts
 * measure. `env` adds to (or overrides) the console's environment.
 */
export async function startBenchConsole(env: Record<string, string> = {}): Promise<BenchConsole> {
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
      env: testConsoleEnv({
        CONNECT_ENDPOINT: connect.url,
        CONNECT_INSTANCE_ID: DEMO_IDS.instanceId,
        BETTER_AUTH_SECRET: randomUUID() + randomUUID(),
        APP_URL: base,
        DATA_DIR: dataDir,
        DEMO_USERS: "1",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
        ...env,
      }),
      stdio: "ignore",
    },
  );
  const stop = async () => {
    server.kill("SIGTERM");
    await connect.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    let isUp = false;
    for (let i = 0; i < 120 && !isUp; i++) {
      isUp = await fetch(`${base}/sign-in`).then(
        (r) => r.ok,
        () => false,
      );
      // Polling a server that is still starting: there is no event to wait for.
      if (!isUp) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    if (!isUp) throw new Error(`The console did not start on ${base}`);
    const signIn = await callAction(
      base,
      "/sign-in",
      actionId("sign-in/actions/sign-in.ts", "signIn"),
      [{ email: DEMO_ACCOUNTS.supervisor.email, password: DEMO_ACCOUNTS.supervisor.password }],
    );
    const cookie = signIn.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
    if (!cookie) throw new Error(`Sign-in failed (HTTP ${signIn.status})`);
    return { base, cookie, connectUrl: connect.url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
