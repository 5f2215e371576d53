/**
 * The bulk page's check of a 10,000-row file, timed: the worker's own code (lib/bulk/check.ts)
 * run in Node, parse and every row's checks and ClientTokens, against a fixed instance
 * (lib/bulk/test-lookups.ts). A figure, not a timed test: the target is under one second.
 */
import { checkFile } from "../lib/bulk/check";
import { DEFAULT_BULK_LIMITS } from "../lib/bulk/limits";
import { INSTANCE_ID, TEST_LOOKUPS } from "../lib/bulk/test-lookups";

const ROWS = 10_000;

/** Rows like a recall campaign's: a flow, a description with commas, a reference, an attribute; one in ten bad. */
export function benchFile(rows = ROWS): string {
  const lines = ["name,flow,description,ref:Order:NUMBER,attr:campaign,expiry_minutes"];
  for (let index = 1; index <= rows; index += 1) {
    const order = index % 10 === 0 ? "not a number" : String(100_000 + index);
    lines.push(
      `Recall ${index},Billing,"Customer ${index}, billing error",${order},recall-2026,1440`,
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

export async function benchBulkCheck(): Promise<void> {
  const text = benchFile();
  const options = {
    instanceId: INSTANCE_ID,
    timeZone: "Europe/Paris",
    lookups: TEST_LOOKUPS,
    canSchedule: true,
    limits: DEFAULT_BULK_LIMITS,
    now: () => new Date(),
    scheduleHorizonSeconds: 6 * 86_400,
  };
  // One warm-up, as the browser's worker has parsed the page's code before the file arrives.
  await checkFile(benchFile(100), options);
  const started = performance.now();
  const result = await checkFile(text, options);
  const elapsed = performance.now() - started;
  if (!result.ok) throw new Error(`bench file refused: ${result.message}`);
  console.log(
    `bulk check: ${result.rows.length} rows parsed and checked in ${elapsed.toFixed(0)} ms (${result.ready} ready; target under 1,000 ms)`,
  );
}
