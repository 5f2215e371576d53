"use server";

import { type ActionInput, defineAction } from "@/lib/server/action";
import { adminContext } from "@/lib/server/users/context";
import { disableConsoleUser } from "@/lib/server/users/manage";
import { disableUserSchema } from "@/lib/users/schema";

const disableUserAction = defineAction({
  name: "user.disable",
  permission: "users.manage",
  input: disableUserSchema,
  audit: "attempt",
  describe: (input) => ({ targetId: input.userId, request: input }),
  run: async ({ user, db, input }) => disableConsoleUser(await adminContext(user, db), input),
  summarize: (data) => ({
    targetId: data.userId,
    detail: { email: data.email, reason: data.reason, revokedSessions: data.revokedSessions },
  }),
});

export async function disableUser(input: ActionInput<typeof disableUserAction>) {
  return disableUserAction(input);
}
