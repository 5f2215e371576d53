/**
 * End-to-end tests drive Debian's Chromium (never a downloaded browser) against the built console
 * and a fresh local Connect endpoint, both on this machine, the console on its embedded
 * PostgreSQL default, with the settings of test-support/test-env.ts (ports differ from the demo's
 * so both can run side by side). The `setup` project signs each demo role in once and stores its session for the specs
 * (e2e/auth.setup.ts).
 */
import { defineConfig } from "@playwright/test";

import { DEMO_IDS } from "./connect-local/seed/demo";
import canaries from "./e2e/canaries.json" with { type: "json" };
import {
  CHROMIUM_FLAGS,
  E2E_CONNECT_MAX_ATTEMPTS,
  TEST_ENV,
  testServerSettings,
} from "./test-support/test-env";

/**
 * Canary values: the build (scripts/test-all.sh) and the server run with them, and
 * e2e/security/canary.spec.ts proves none of them reaches the browser.
 */
export const CANARIES: Record<string, string> = canaries;

const { host, consolePort, connectPort, consoleUrl, connectUrl } = TEST_ENV;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: TEST_ENV.isCi,
  retries: 0,
  outputDir: TEST_ENV.outputDir,
  reporter: TEST_ENV.isCi ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 60_000,
  use: {
    baseURL: consoleUrl,
    browserName: "chromium",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: TEST_ENV.chromiumPath,
      args: CHROMIUM_FLAGS,
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    { name: "chromium", dependencies: ["setup"] },
  ],
  webServer: [
    {
      // A new data dir each run: tests must not depend on what an earlier run left behind.
      command: `rm -rf ${TEST_ENV.connectDataDir} && node_modules/.bin/tsx connect-local/cli.ts --host ${host} --port ${connectPort} --data-dir ${TEST_ENV.connectDataDir} --no-throttle`,
      url: `${connectUrl}/__admin/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: testServerSettings({}),
    },
    {
      // The console as a user runs it: no DATABASE_URL, so it starts the embedded PostgreSQL in
      // its DATA_DIR on a free port. One a killed run left running is stopped before the folder
      // goes; SIGTERM (not Playwright's default SIGKILL) lets the console stop it at the end.
      command: `node_modules/.bin/tsx scripts/embedded-database.ts stop ${TEST_ENV.consoleDataDir} && rm -rf ${TEST_ENV.consoleDataDir} && node_modules/.bin/next start --port ${consolePort} --hostname ${host}`,
      url: consoleUrl,
      reuseExistingServer: false,
      timeout: 120_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
      env: testServerSettings({
        CONNECT_ENDPOINT: connectUrl,
        CONNECT_INSTANCE_ID: `${DEMO_IDS.instanceId},${DEMO_IDS.secondInstanceId}`,
        AWS_REGION: "us-east-1",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
        ...CANARIES,
        APP_URL: consoleUrl,
        DATA_DIR: TEST_ENV.consoleDataDir,
        DEMO_USERS: "1",
        TRUSTED_IP_HEADER: "x-real-ip",
        CONNECT_MAX_ATTEMPTS: String(E2E_CONNECT_MAX_ATTEMPTS),
      }),
    },
  ],
});
