"use server";

import { type ActionInput, defineAction } from "@/lib/server/action";
import { adminContext } from "@/lib/server/users/context";
import { setConsoleUserRole } from "@/lib/server/users/manage";
import { setUserRoleSchema } from "@/lib/users/schema";

const setUserRoleAction = defineAction({
  name: "user.set_role",
  permission: "users.manage",
  input: setUserRoleSchema,
  audit: "attempt",
  describe: (input) => ({ targetId: input.userId, request: input }),
  run: async ({ user, db, input }) => setConsoleUserRole(await adminContext(user, db), input),
  summarize: (data) => ({
    targetId: data.userId,
    detail: { email: data.email, previousRole: data.previousRole, role: data.role },
  }),
});

export async function setUserRole(input: ActionInput<typeof setUserRoleAction>) {
  return setUserRoleAction(input);
}
