/**
 * One console-like process for the shared-budget test and bench (budget-processes.ts): it starts
 * task contacts through the console's own Connect adapter (callConnect, the real SDK, the budget
 * in DATABASE_URL), `BUDGET_BACKGROUND` of them as a bulk job would ("background", one after the
 * other) while `BUDGET_INTERACTIVE` people submit one each, spread over the run. Starts at
 * `BUDGET_START_AT` (epoch ms) so the processes begin together; prints one JSON line: what each
 * call took and how it ended. Run by tsx with the react-server condition.
 */
import { randomUUID } from "node:crypto";

import { DEMO_IDS } from "@/connect-local/index";
import type { CallPriority } from "@/lib/server/connect/rate-budget";
import { startTaskContact } from "@/lib/server/connect/tasks";

const background = Number(process.env.BUDGET_BACKGROUND ?? 0);
const interactive = Number(process.env.BUDGET_INTERACTIVE ?? 0);
const startAt = Number(process.env.BUDGET_START_AT ?? Date.now());

export interface CallRecord {
  priority: CallPriority;
  ms: number;
  error: string | null;
}

async function start(priority: CallPriority): Promise<CallRecord> {
  const asked = performance.now();
  try {
    await startTaskContact(
      {
        InstanceId: DEMO_IDS.instanceId,
        Name: `Shared budget (${priority})`,
        ContactFlowId: DEMO_IDS.flows.generalTasks,
        ClientToken: randomUUID(),
      },
      { priority },
    );
    return { priority, ms: performance.now() - asked, error: null };
  } catch (error) {
    const name = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { priority, ms: performance.now() - asked, error: name };
  }
}

async function main() {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
  const bulk = (async () => {
    const records: CallRecord[] = [];
    for (let i = 0; i < background; i++) records.push(await start("background"));
    return records;
  })();
  // People arrive while the bulk job runs: one every 1.5 s.
  const people = Array.from({ length: interactive }, async (_, i) => {
    await new Promise((resolve) => setTimeout(resolve, 1_000 + i * 1_500));
    return start("interactive");
  });
  const records = [...(await bulk), ...(await Promise.all(people))];
  process.stdout.write(`${JSON.stringify({ records })}\n`);
  process.exit(0);
}

await main();
