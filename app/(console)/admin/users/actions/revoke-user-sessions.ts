"use server";

import { type ActionInput, defineAction } from "@/lib/server/action";
import { adminContext } from "@/lib/server/users/context";
import { revokeConsoleUserSessions } from "@/lib/server/users/manage";
import { userIdSchema } from "@/lib/users/schema";

const revokeUserSessionsAction = defineAction({
  name: "user.revoke_sessions",
  permission: "users.manage",
  input: userIdSchema,
  audit: "attempt",
  describe: (input) => ({ targetId: input.userId, request: input }),
  run: async ({ user, db, input }) =>
    revokeConsoleUserSessions(await adminContext(user, db), input),
  summarize: (data) => ({
    targetId: data.userId,
    detail: { email: data.email, revokedSessions: data.revokedSessions },
  }),
});

export async function revokeUserSessions(input: ActionInput<typeof revokeUserSessionsAction>) {
  return revokeUserSessionsAction(input);
}
