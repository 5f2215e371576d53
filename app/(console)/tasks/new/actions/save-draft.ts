"use server";

import { type ActionInput, defineAction } from "@/lib/server/action";
import { saveDraft as storeDraft } from "@/lib/server/tasks/drafts";
import { taskDraftSchema } from "@/lib/task/schema";

/** Autosave: field-level rules are not applied, only the shape, so half-typed drafts are kept. */
const saveDraftAction = defineAction({
  name: "task.draft.save",
  permission: "task.create",
  input: taskDraftSchema,
  audit: "none",
  run: async ({ user, input, db }) => ({
    savedAt: (await storeDraft(db, user.id, input)).toISOString(),
  }),
});

export async function saveDraft(values: ActionInput<typeof saveDraftAction>) {
  return saveDraftAction(values);
}
