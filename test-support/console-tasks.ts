import { DEMO_IDS } from "@/connect-local/index";
import type { SessionUser } from "@/lib/server/auth/session";
import { type TaskFormValues, emptyTask } from "@/lib/task/schema";

import type { ActionHarness } from "./action-harness";

/**
 * Tasks made through the console's own start action in server tests (so the console records them:
 * the lists, the agenda and the task page only know those), and small readers of the harness.
 */
const HOUR = 3_600_000;

/** "YYYY-MM-DDTHH:MM" in UTC, as the composer's datetime field sends it. */
export const utcLocal = (date: Date) => date.toISOString().slice(0, 16);

/** A whole minute `hours` from now (the composer's field has minutes). */
export const hoursFromNow = (hours: number) =>
  new Date(Math.ceil(Date.now() / 60_000) * 60_000 + hours * HOUR);

type StartTask = (
  values: TaskFormValues,
) => Promise<
  | {
      ok: true;
      data:
        | { kind: "created"; contactId: string }
        | { kind: "held"; heldTaskId: string }
        | { kind: "series"; seriesId: string };
    }
  | { ok: false; formError?: string | null }
>;

/**
 * Creates a task as `user` through `startTask` (the action module the test imported for this
 * harness): general tasks flow, scheduled at `at` (UTC), or started now without one.
 */
export async function scheduleTaskAs(
  harness: ActionHarness,
  startTask: StartTask,
  user: string,
  name: string,
  at: Date | null,
): Promise<string> {
  harness.as(user);
  const result = await startTask({
    ...emptyTask({
      instanceId: DEMO_IDS.instanceId,
      timeZone: "UTC",
      clientToken: crypto.randomUUID(),
    }),
    name,
    contactFlowId: DEMO_IDS.flows.generalTasks,
    ...(at ? { scheduleMode: "later", scheduledLocal: utcLocal(at) } : {}),
  });
  if (!result.ok) throw new Error(result.formError ?? "the task was not created");
  if (result.data.kind !== "created") throw new Error(`${name} was ${result.data.kind}, not created`);
  return result.data.contactId;
}

/** How many requests of `operation` the harness's endpoint has answered. */
export async function connectCalls(harness: ActionHarness, operation: string): Promise<number> {
  const response = await fetch(`${harness.connect.url}/__admin/requests?operation=${operation}`);
  return ((await response.json()) as { requests: unknown[] }).requests.length;
}

/** The harness user `name` as the session gives it to server code. */
export function sessionUserOf(harness: ActionHarness, name: string): SessionUser {
  const user = harness.users[name]!;
  return { id: user.id, email: user.email, name, role: user.role, sessionId: "test" };
}
