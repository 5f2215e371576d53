/**
 * `npm run demo`: the console on the embedded default. Starts the local Amazon Connect endpoint,
 * builds the console if needed and serves it, everything kept in .data/demo (scripts/demo-config.ts),
 * apart from production's data. The console starts its embedded PostgreSQL server there itself
 * (db-server/embedded.ts). Ctrl+C stops all three.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { demoConsoleEnv, demoPaths } from "./demo-config";
import { type TimestampMode, startConnectLocal } from "../connect-local/index";
import { DEMO_ACCOUNT_LIST } from "../lib/demo-accounts";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const connectPort = Number(process.env.CONNECT_LOCAL_PORT ?? 4599);
const paths = demoPaths(process.env);

/** A session-signing secret made on first run and kept in the demo's folder (never committed). */
function demoAuthSecret(): string {
  if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
  const file = paths.authSecretFile;
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};

function run(command: string, args: string[], extraEnv: Record<string, string> = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// The build `next start` serves (next.config.mjs reads NEXT_DIST_DIR too).
const buildId = path.join(process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
if (process.env.DEMO_SKIP_BUILD !== "1" || !existsSync(buildId)) {
  console.log("Building the console (about a minute on a small machine)...");
  // next build, then the compile hints (scripts/compile-hints.ts).
  run("npm", ["run", "build"]);
}

const connect = await startConnectLocal({
  port: connectPort,
  dataDir: paths.connectDataDir,
  throttling: process.env.CONNECT_LOCAL_THROTTLE !== "off",
  // "documented" or "legacy"; startConnectLocal refuses anything else, naming the modes.
  timestamps: (process.env.CONNECT_LOCAL_TIMESTAMPS || undefined) as TimestampMode | undefined,
  log: (line) => console.log(`[connect-local] ${line}`),
});

const consoleProcess = spawn(
  "node_modules/.bin/next",
  ["start", "--port", String(port), "--hostname", host],
  {
    stdio: "inherit",
    env: {
      ...env,
      ...demoConsoleEnv(process.env, {
        connectUrl: connect.url,
        authSecret: demoAuthSecret(),
        host,
        port,
      }),
    },
  },
);
console.log(
  `\nConnect Task Console: http://${host}:${port}  (local Connect endpoint: ${connect.url}; demo data in ${paths.dataDir})\n`,
);
if (!["0", "false"].includes(process.env.DEMO_USERS ?? "1")) {
  const accounts = DEMO_ACCOUNT_LIST.map((demo) => `  ${demo.email} / ${demo.password}`);
  console.log(`Demo sign-in, one account per role:\n${accounts.join("\n")}\n`);
}

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  // The console stops the embedded PostgreSQL as it exits (its last user): wait for that, so
  // the prompt comes back with nothing left running.
  const consoleExited = new Promise((resolve) => {
    if (consoleProcess.exitCode !== null || consoleProcess.signalCode !== null) resolve(undefined);
    else consoleProcess.once("exit", resolve);
  });
  consoleProcess.kill("SIGTERM");
  await consoleExited;
  await connect.stop();
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
consoleProcess.on("exit", (code) => void stop(code ?? 1));
