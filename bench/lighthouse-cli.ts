/**
 * `npm run bench:lighthouse`: Lighthouse's mobile figures for the composer and the overview
 * against the production build (built first if missing), signed in as the demo supervisor.
 * LIGHTHOUSE_RUNS sets the runs a page (3); LIGHTHOUSE_REPORT_DIR keeps every JSON report there
 * (`<page>-<run>.json`, and `<page>-<run>.cpu.json` at CPU time) and prints where each page's
 * main-thread time went in both.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import {
  LIGHTHOUSE_PAGES,
  describeMainThread,
  formatLighthouse,
  runLighthouse,
} from "./lighthouse";
import { builtAction } from "./soak-user";
import { firstLoadJs } from "./support";
import { DEMO_ACCOUNTS } from "../lib/demo-accounts";
import { signInCookie } from "../test-support/action-client";
import { startConsoleStack } from "../test-support/console-process";
import { TEST_ENV } from "../test-support/test-env";

const runs = TEST_ENV.runs.lighthouse ?? 3;
const reportDir = process.env.LIGHTHOUSE_REPORT_DIR;

const stack = await startConsoleStack({ label: "lighthouse" });
try {
  const cookie = await signInCookie(
    stack.base,
    builtAction("app/(auth)/sign-in/actions/sign-in.ts#signIn"),
    DEMO_ACCOUNTS.supervisor.email,
    DEMO_ACCOUNTS.supervisor.password,
  );
  if (reportDir) mkdirSync(reportDir, { recursive: true });
  const figures = await runLighthouse({
    baseUrl: stack.base,
    cookie,
    pages: LIGHTHOUSE_PAGES,
    runs,
    onReport: reportDir
      ? (page, run, report, atCpuTime) => {
          const file = path.join(reportDir, `${page.label}-${run + 1}.json`);
          writeFileSync(file, JSON.stringify(report));
          writeFileSync(file.replace(/\.json$/, ".cpu.json"), JSON.stringify(atCpuTime));
          console.log(`${page.label} run ${run + 1}: ${file}`);
          for (const line of describeMainThread(report)) console.log(line);
          console.log("  at CPU time:");
          for (const line of describeMainThread(atCpuTime)) console.log(line);
        }
      : undefined,
  });
  for (const entry of figures) {
    const js = await firstLoadJs(stack.base, entry.path, cookie);
    console.log(`${formatLighthouse(entry)}, first-load JS ${js.kb.toFixed(1)} KB gzip`);
  }
} finally {
  await stack.stop();
}
