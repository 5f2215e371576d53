import { defineConfig } from "@playwright/test";

import { DEMO_IDS } from "./connect-local/seed/demo";
import canaries from "./e2e/canaries.json" with { type: "json" };

/**
 * End-to-end tests drive Debian's Chromium (never a downloaded browser) against the built console
 * and a fresh local Connect endpoint. Ports differ from the demo's so both can run side by side.
 */
// Overridable so several checkouts or helpers can run the suite side by side.
const CONSOLE_PORT = Number(process.env.E2E_CONSOLE_PORT ?? 3100);
const CONNECT_PORT = Number(process.env.E2E_CONNECT_PORT ?? 4610);
const DATA_ROOT = `.data/e2e-${CONSOLE_PORT}`;
export const E2E_CONNECT_URL = `http://127.0.0.1:${CONNECT_PORT}`;
/** The local endpoint's state file of this run, to count what exists in "Connect". */
export const E2E_CONNECT_STATE_FILE = `${DATA_ROOT}/connect-local/state.json`;
export const E2E_BASE_URL = `http://127.0.0.1:${CONSOLE_PORT}`;

/**
 * Canary values: the build (scripts/test-all.sh) and the server run with them, and
 * e2e/security/canary.spec.ts proves none of them reaches the browser.
 */
export const CANARIES: Record<string, string> = canaries;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results",
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 60_000,
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: [
    {
      // A new data dir each run: tests must not depend on what an earlier run left behind.
      command: `rm -rf ${DATA_ROOT}/connect-local && node_modules/.bin/tsx connect-local/cli.ts --port ${CONNECT_PORT} --data-dir ${DATA_ROOT}/connect-local --no-throttle`,
      url: `${E2E_CONNECT_URL}/__admin/health`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `rm -rf ${DATA_ROOT}/console && node_modules/.bin/next start --port ${CONSOLE_PORT} --hostname 127.0.0.1`,
      url: `http://127.0.0.1:${CONSOLE_PORT}`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        CONNECT_ENDPOINT: E2E_CONNECT_URL,
        CONNECT_INSTANCE_ID: `${DEMO_IDS.instanceId},${DEMO_IDS.secondInstanceId}`,
        AWS_REGION: "us-east-1",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
        ...CANARIES,
        APP_URL: E2E_BASE_URL,
        DATA_DIR: `${DATA_ROOT}/console`,
        DEMO_USERS: "1",
        TRUSTED_IP_HEADER: "x-real-ip",
      },
    },
  ],
});
