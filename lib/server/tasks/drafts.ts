import "server-only";

import { eq } from "drizzle-orm";

import type { Database } from "@/lib/server/db";
import { taskDraft } from "@/lib/server/db/schema";
import { type TaskFormValues, taskDraftSchema } from "@/lib/task/schema";

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
