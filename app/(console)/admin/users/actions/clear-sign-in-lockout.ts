"use server";

import { type ActionInput, defineAction } from "@/lib/server/action";
import { adminContext } from "@/lib/server/users/context";
import { clearConsoleUserLockout } from "@/lib/server/users/manage";
import { userIdSchema } from "@/lib/users/schema";

const clearSignInLockoutAction = defineAction({
  name: "user.clear_lockout",
  permission: "users.manage",
  input: userIdSchema,
  audit: "attempt",
  describe: (input) => ({ targetId: input.userId, request: input }),
  run: async ({ user, db, input }) => clearConsoleUserLockout(await adminContext(user, db), input),
  summarize: (data) => ({
    targetId: data.userId,
    detail: { email: data.email, clearedKeys: data.clearedKeys },
  }),
});

export async function clearSignInLockout(input: ActionInput<typeof clearSignInLockoutAction>) {
  return clearSignInLockoutAction(input);
}
