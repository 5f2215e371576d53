"use server";

import { type ActionInput, defineAction } from "@/lib/server/action";
import { adminContext } from "@/lib/server/users/context";
import { createConsoleUser } from "@/lib/server/users/manage";
import { createUserSchema } from "@/lib/users/schema";

const createUserAction = defineAction({
  name: "user.create",
  permission: "users.manage",
  input: createUserSchema,
  audit: "attempt",
  // The password never reaches the audit trail, not even redacted.
  describe: ({ name, email, role }) => ({ request: { name, email, role } }),
  run: async ({ user, db, input }) => createConsoleUser(await adminContext(user, db), input),
  summarize: (data) => ({ targetId: data.userId, detail: { email: data.email, role: data.role } }),
});

export async function createUser(input: ActionInput<typeof createUserAction>) {
  return createUserAction(input);
}
