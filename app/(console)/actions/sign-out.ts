"use server";

import { headers } from "next/headers";
import { z } from "zod";

import { type ActionInput, defineAction } from "@/lib/server/action";
import { getAuth } from "@/lib/server/auth";

const signOutAction = defineAction({
  name: "auth.sign_out",
  permission: "session.own",
  input: z.object({}),
  audit: "attempt",
  describe: () => ({}),
  run: async ({ user }) => {
    const auth = await getAuth();
    await auth.api.signOut({ headers: await headers() });
    return { userId: user.id };
  },
  summarize: (data) => ({ targetId: data.userId }),
});

export async function signOut(input: ActionInput<typeof signOutAction>) {
  return signOutAction(input);
}
