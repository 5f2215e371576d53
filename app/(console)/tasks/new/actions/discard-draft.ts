"use server";

import { z } from "zod";

import { type ActionInput, defineAction } from "@/lib/server/action";
import { deleteDraft, newTaskValues } from "@/lib/server/tasks/drafts";

/** "New task" / "Create another": forget the draft and start over with a new ClientToken. */
const discardDraftAction = defineAction({
  name: "task.draft.discard",
  permission: "task.create",
  input: z.object({ timeZone: z.string().max(100).optional() }),
  audit: "none",
  run: async ({ user, input, db }) => {
    await deleteDraft(db, user.id);
    return { values: newTaskValues(input.timeZone) };
  },
});

export async function discardDraft(input: ActionInput<typeof discardDraftAction>) {
  return discardDraftAction(input);
}
