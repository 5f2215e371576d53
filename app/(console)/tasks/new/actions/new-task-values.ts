import "server-only";

import { randomUUID } from "node:crypto";

import { serverEnv } from "@/lib/env";
import { type TaskFormValues, emptyTask } from "@/lib/task/schema";
import { isValidTimeZone } from "@/lib/task/zoned-time";

/**
 * Blank values for a new draft. The ClientToken is made here, when the draft starts, and kept
 * for every retry of that draft until a confirmed success.
 */
export function newTaskValues(timeZone?: string): TaskFormValues {
  return emptyTask({
    instanceId: serverEnv().CONNECT_INSTANCE_ID[0] ?? "",
    timeZone: timeZone && isValidTimeZone(timeZone) ? timeZone : "UTC",
    clientToken: randomUUID(),
  });
}
