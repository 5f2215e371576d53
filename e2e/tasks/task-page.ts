import { randomUUID } from "node:crypto";

import type { APIRequestContext, Locator, Page } from "@playwright/test";

import { DEMO_IDS } from "../../connect-local/seed/demo";
import { emptyTask } from "../../lib/task/schema";
import { TEST_ENV } from "../../test-support/test-env";
import { expect } from "../fixtures";
import { INSTANCE_ID } from "./composer";
import { listBuiltActions } from "../security/build-inventory";
import { callAction } from "../security/server-calls";

/** Helpers for the task page spec. */

export function changeRegion(page: Page): Locator {
  return page.getByRole("region", { name: "Change this task" });
}

export function builtAction(file: string, exportName: string) {
  const action = listBuiltActions().find(
    (entry) => entry.file.endsWith(file) && entry.exportName === exportName,
  );
  if (!action) throw new Error(`The build has no action ${file}#${exportName}`);
  return action;
}

/**
 * Creates tasks linked to `previousContactId` through the console's own start-task action, the
 * request the composer sends, so the console records them exactly as if typed (the link count
 * comes from those records); much faster than driving the composer twelve times.
 */
export async function startLinkedTasksThroughConsole(
  request: APIRequestContext,
  previousContactId: string,
  count: number,
): Promise<string[]> {
  const startTask = builtAction("tasks/new/actions/start-task.ts", "startTask");
  const contactIds: string[] = [];
  for (let i = 1; i <= count; i++) {
    const values = {
      ...emptyTask({ instanceId: INSTANCE_ID, timeZone: "UTC", clientToken: randomUUID() }),
      name: `Chain link ${i} ${Date.now().toString(36)}`,
      contactFlowId: DEMO_IDS.flows.generalTasks,
      linkKind: "previous",
      linkedContactId: previousContactId,
    };
    const { result } = await callAction(request, startTask, [values]);
    expect(result, `link ${i}: ${JSON.stringify(result)}`).toMatchObject({ ok: true });
    contactIds.push((result as unknown as { data: { contactId: string } }).data.contactId);
  }
  return contactIds;
}

/** How many UpdateContactSchedule calls the local endpoint has answered so far. */
export async function updateScheduleCalls(request: APIRequestContext): Promise<number> {
  const response = await request.get(
    `${TEST_ENV.connectUrl}/__admin/requests?operation=UpdateContactSchedule`,
  );
  return ((await response.json()) as { requests: unknown[] }).requests.length;
}

/** The instant's wall-clock time in `timeZone`, as "YYYY-MM-DD, HH:MM". */
export function wallTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(instant);
}
