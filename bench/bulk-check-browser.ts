/**
 * The bulk page's check of a 10,000-row file as a supervisor sees it, in Debian's Chromium on the
 * built console: from the file input's change event (the file chosen in "CSV file") to the
 * "Check result" status counting every row, both timed in the page (so the harness's transfer of
 * the file into the browser is not counted). That covers reading the file, the module worker's parse and checks (the same code
 * bench/bulk-check.ts times in Node), the answer's transfer back and React's render of the
 * result. A figure, not a timed test: the target is under one second. Median of a few runs, each
 * on a freshly loaded page (its worker started and the instance's lookups loaded, as when a
 * person picks a file).
 */
import { chromium } from "@playwright/test";

import { benchFile } from "./bulk-check";
import { median } from "./support";
import { CHROMIUM_FLAGS, TEST_ENV } from "../test-support/test-env";

const ROWS = 10_000;
const RUNS = 3;

export async function benchBulkCheckInBrowser(options: {
  base: string;
  cookie: string;
}): Promise<void> {
  const browser = await chromium.launch({
    executablePath: TEST_ENV.chromiumPath,
    args: CHROMIUM_FLAGS,
  });
  try {
    const context = await browser.newContext();
    // The signed-in session, as the sign-in action set it ("name=value; name=value").
    await context.addCookies(
      options.cookie.split("; ").map((pair) => {
        const at = pair.indexOf("=");
        return { name: pair.slice(0, at), value: pair.slice(at + 1), url: options.base };
      }),
    );
    // Marks, in the page's clock: when a file is chosen, and when the status first counts rows.
    await context.addInitScript(() => {
      const marks = { change: 0, counted: 0 };
      Object.assign(window, { __bulkMarks: marks });
      document.addEventListener("change", () => (marks.change = performance.now()), true);
      new MutationObserver(() => {
        const status = document.querySelector('[aria-label="Check result"]');
        if (!marks.counted && marks.change && /rows:/.test(status?.textContent ?? ""))
          marks.counted = performance.now();
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    const page = await context.newPage();
    const file = { name: "recall.csv", mimeType: "text/csv", buffer: Buffer.from(benchFile(ROWS)) };
    const times: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      await page.goto(`${options.base}/tasks/bulk`);
      // The page asks for the instance's flows and agents before it can check a file.
      await page.waitForLoadState("networkidle");
      await page.getByLabel("CSV file").setInputFiles(file);
      const status = page.getByRole("status", { name: "Check result" });
      await status.filter({ hasText: `${ROWS.toLocaleString("en")} rows` }).waitFor();
      const marks = await page.evaluate(
        () =>
          (window as unknown as { __bulkMarks: { change: number; counted: number } }).__bulkMarks,
      );
      times.push(marks.counted - marks.change);
    }
    console.log(
      `bulk check in Chromium: ${ROWS.toLocaleString("en")} rows from the file chosen to "Check result" ` +
        `in ${median(times).toFixed(0)} ms (median of ${RUNS}: ${times.map((ms) => ms.toFixed(0)).join(", ")}; target under 1,000 ms)`,
    );
  } finally {
    await browser.close();
  }
}
