import { randomUUID } from "node:crypto";

import { DEMO_IDS } from "../../connect-local/index";
import { emptyTask } from "../../lib/task/schema";
import { type ActionTarget, callAction } from "../../test-support/action-client";
import { exportAudit } from "../soak-user";
import type { Target } from "./cases";
import type { FuzzPools } from "./payloads";
import { localIn } from "./task-values";

export function findAction(targets: Target[], exportName: string): ActionTarget {
  const found = targets.find((t) => t.kind === "action" && t.action.exportName === exportName);
  if (found?.kind !== "action") throw new Error(`No ${exportName} action in the build`);
  return found.action;
}

async function dataOf(
  answer: Promise<{ result: { ok: boolean; data?: unknown } | null; text: string }>,
) {
  const { result, text } = await answer;
  if (!result?.ok) throw new Error(`Fuzz setup failed: ${text.slice(0, 300)}`);
  return result.data as Record<string, unknown>;
}

/**
 * What the valid inputs refer to, made before the first case through the console itself:
 * accounts to disable, demote or sign in as (never the fuzzer's own callers, whose sessions it
 * needs), scheduled tasks of the admin and of the lead to reschedule and cancel, started tasks,
 * and audit entry ids.
 */
export async function setUpPools(
  base: string,
  targets: Target[],
  cookies: Record<"admin" | "lead", string>,
): Promise<FuzzPools> {
  const pools: FuzzPools = { victims: [], scheduled: [], started: [], auditIds: [] };
  const createUser = findAction(targets, "createUser");
  for (let i = 0; i < 3; i++) {
    const email = `victim-${randomUUID().slice(0, 8)}@example.org`;
    const password = `victim-password-${i}`;
    const input = { name: `Victim ${i}`, email, role: "support", password };
    const created = await dataOf(callAction(base, createUser, [input], { cookie: cookies.admin }));
    pools.victims.push({ id: String(created.userId), email, password });
  }
  const startTask = findAction(targets, "startTask");
  const tasks = [
    ["admin", 24],
    ["lead", 30],
    ["admin", 0],
    ["lead", 0],
  ] as const;
  for (const [who, hours] of tasks) {
    const scheduledLocal = hours ? localIn(new Date(Date.now() + hours * 3_600_000), "UTC") : "";
    const values = {
      ...emptyTask({ instanceId: DEMO_IDS.instanceId, timeZone: "UTC", clientToken: randomUUID() }),
      name: `fuzz pool ${who} ${hours}`,
      contactFlowId: DEMO_IDS.flows.generalTasks,
      scheduleMode: hours ? "later" : "now",
      scheduledLocal,
    };
    const started = await dataOf(callAction(base, startTask, [values], { cookie: cookies[who] }));
    const contactId = String(started.contactId);
    if (hours) pools.scheduled.push({ contactId, scheduledAt: `${scheduledLocal}:00.000Z` });
    else pools.started.push(contactId);
  }
  pools.auditIds = (await exportAudit(base, cookies.admin)).slice(0, 5).map((row) => row.id);
  return pools;
}
