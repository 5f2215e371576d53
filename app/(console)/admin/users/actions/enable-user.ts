"use server";

import { type ActionInput, defineAction } from "@/lib/server/action";
import { adminContext } from "@/lib/server/users/context";
import { enableConsoleUser } from "@/lib/server/users/manage";
import { userIdSchema } from "@/lib/users/schema";

const enableUserAction = defineAction({
  name: "user.enable",
  permission: "users.manage",
  input: userIdSchema,
  audit: "attempt",
  describe: (input) => ({ targetId: input.userId, request: input }),
  run: async ({ user, db, input }) => enableConsoleUser(await adminContext(user, db), input),
  summarize: (data) => ({ targetId: data.userId, detail: { email: data.email } }),
});

export async function enableUser(input: ActionInput<typeof enableUserAction>) {
  return enableUserAction(input);
}
