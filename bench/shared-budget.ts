/**
 * Two console processes sharing the ONE Connect budget (lib/server/connect/rate-budget.ts): each
 * runs a bulk job's background StartTaskContact calls while people submit interactive ones,
 * against a local endpoint with Connect's default throttling on (2/s, burst 5), the budget in a
 * throwaway PostgreSQL server. Prints the rate the two reached together after the burst, the
 * busiest second, the ThrottlingExceptions (none expected) and the interactive calls' longest time.
 */
import pg from "pg";

import { startConnectLocal } from "../connect-local/index";
import { busiestSecond, runBudgetProcesses } from "../test-support/budget-processes";
import { startTestPostgres } from "../test-support/postgres-server";

const BACKGROUND_PER_PROCESS = 20;
const INTERACTIVE_PER_PROCESS = 3;

export async function benchSharedBudget(): Promise<void> {
  const server = await startTestPostgres();
  const connect = await startConnectLocal({ port: 0, throttling: true });
  try {
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    await admin.query("create database shared_budget");
    await admin.end();
    const url = new URL(server.adminUrl);
    url.pathname = "/shared_budget";
    // The processes migrate the database themselves (under the console's advisory lock).
    const run = await runBudgetProcesses({
      databaseUrl: url.toString(),
      connectUrl: connect.url,
      processes: 2,
      background: BACKGROUND_PER_PROCESS,
      interactive: INTERACTIVE_PER_PROCESS,
    });
    const response = await fetch(`${connect.url}/__admin/requests?operation=StartTaskContact`);
    const { requests } = (await response.json()) as {
      requests: { at: number; errorType?: string }[];
    };
    const times = requests.map((request) => request.at).sort((a, b) => a - b);
    const spanS = (times.at(-1)! - times[0]!) / 1_000;
    // The first 4 ride the burst (the console keeps Connect's fifth token unused); the rate is
    // that of the rest, from the end of the burst to the last arrival.
    const rate = (times.length - 4) / ((times.at(-1)! - times[3]!) / 1_000);
    const throttled = requests.filter((request) => request.errorType === "ThrottlingException");
    const calls = run.processes.flat();
    const failed = calls.filter((call) => call.error !== null).length;
    const interactiveMs = Math.max(
      ...calls.filter((call) => call.priority === "interactive").map((call) => call.ms),
    );
    console.log(
      `two processes sharing the Connect budget: ${times.length} StartTaskContact in ${spanS.toFixed(1)} s, ` +
        `${rate.toFixed(2)}/s after the burst (quota 2/s, ${((rate / 2) * 100).toFixed(0)} %), ` +
        `busiest second ${busiestSecond(times)} (limit 7), ThrottlingException ${throttled.length}, ` +
        `failed ${failed}, slowest interactive call ${interactiveMs.toFixed(0)} ms`,
    );
  } finally {
    await connect.stop();
    await server.stop();
  }
}
