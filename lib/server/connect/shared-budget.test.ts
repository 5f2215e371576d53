/**
 * Two console processes share ONE Connect budget: each runs a bulk job's background starts while
 * people submit interactive ones, against one local endpoint with Connect's default throttling
 * on (StartTaskContact 2/s, burst 5), each through the real SDK with one attempt per call. The
 * endpoint's own log must show no ThrottlingException and at most burst + rate (7) arrivals in
 * any one-second window, and the interactive calls must not wait behind the bulk jobs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type RunningConnectLocal, startConnectLocal } from "@/connect-local/index";
import { busiestSecond, runBudgetProcesses } from "@/test-support/budget-processes";
import { type TestDatabase, openTestDatabase } from "@/test-support/test-database";

let connect: RunningConnectLocal;
let database: TestDatabase;

beforeAll(async () => {
  connect = await startConnectLocal({ port: 0, throttling: true });
  // Migrated (the budget's table) by the console's own openDatabase.
  database = await openTestDatabase("PostgreSQL");
});

afterAll(async () => {
  await database.close();
  await connect.stop();
});

interface Logged {
  operation: string;
  status: number;
  errorType?: string;
  at: number;
}

describe("one Connect budget for every process", () => {
  it("keeps two processes' bulk and interactive starts within Connect's quota", async () => {
    const run = await runBudgetProcesses({
      databaseUrl: database.url!,
      connectUrl: connect.url,
      processes: 2,
      background: 10,
      interactive: 3,
    });
    const response = await fetch(`${connect.url}/__admin/requests?operation=StartTaskContact`);
    const { requests } = (await response.json()) as { requests: Logged[] };

    const calls = run.processes.flat();
    expect(calls.filter((call) => call.error !== null)).toEqual([]);
    expect(requests).toHaveLength(2 * (10 + 3));
    expect(requests.filter((request) => request.errorType !== undefined)).toEqual([]);
    expect(busiestSecond(requests.map((request) => request.at))).toBeLessThanOrEqual(5 + 2);
    // 26 calls, 4 of them at once, then 2/s: 11 s from first to last arrival. The bulk jobs kept
    // going at the quota (a process pacing alone, or waiting a whole extra interval, takes longer).
    const times = requests.map((request) => request.at);
    const span = Math.max(...times) - Math.min(...times);
    expect(span).toBeGreaterThanOrEqual(((26 - 5) / 2) * 1_000);
    expect(span).toBeLessThan(15_000);
    // A person's submit found the interactive reserve: no wait behind 20 queued bulk rows.
    for (const call of calls.filter((entry) => entry.priority === "interactive"))
      expect(call.ms).toBeLessThan(1_500);
  }, 120_000);
});
