import "server-only";

/**
 * Each user's one draft of a new task (the composer's values and ClientToken), kept on the
 * server so a reload, a failed submit or a new sign-in finds it as it was.
 */
import { randomUUID } from "node:crypto";

import { eq } from "drizzle-orm";

import { serverEnv } from "@/lib/env";
import type { Database } from "@/lib/server/db";
import { taskDraft } from "@/lib/server/db/schema";
import { type TaskFormValues, emptyTask, taskDraftSchema } from "@/lib/task/schema";
import { isValidTimeZone } from "@/lib/task/zoned-time";

export interface StoredDraft {
  values: TaskFormValues;
  savedAt: Date;
}

/**
 * The user's draft, if it still has the shape of the task schema (after an upgrade that changed
 * the schema, an unreadable draft is dropped rather than crashing the composer).
 */
export async function loadDraft(db: Database, userId: string): Promise<StoredDraft | null> {
  const [row] = await db.select().from(taskDraft).where(eq(taskDraft.userId, userId));
  if (!row) return null;
  const parsed = taskDraftSchema.safeParse(row.values);
  if (!parsed.success) return null;
  return { values: parsed.data, savedAt: row.updatedAt };
}

export async function saveDraft(
  db: Database,
  userId: string,
  values: TaskFormValues,
): Promise<Date> {
  const savedAt = new Date();
  await db
    .insert(taskDraft)
    .values({ userId, values, updatedAt: savedAt })
    .onConflictDoUpdate({ target: taskDraft.userId, set: { values, updatedAt: savedAt } });
  return savedAt;
}

export async function deleteDraft(db: Database, userId: string): Promise<void> {
  await db.delete(taskDraft).where(eq(taskDraft.userId, userId));
}

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
