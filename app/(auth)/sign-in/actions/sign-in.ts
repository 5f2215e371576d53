"use server";

import { isAPIError } from "better-auth/api";
import { headers } from "next/headers";
import type { z } from "zod";

import { type ActionResult, AppError, toFailure } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/server/action";
import { getAuth } from "@/lib/server/auth";
import { signInSchema } from "@/lib/users/schema";

/**
 * The one public action: it cannot require a session. Limits per account and per client IP, and
 * the audit records, are applied by Better Auth's hooks (lib/server/auth/auth.ts).
 */
export async function signIn(
  input: z.input<typeof signInSchema>,
): Promise<ActionResult<{ email: string }>> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) {
    return toFailure(
      new AppError("INVALID_INPUT", {
        message: "Check the highlighted fields.",
        fieldErrors: fieldErrorsOf(parsed.error),
      }),
    );
  }
  const auth = await getAuth();
  try {
    await auth.api.signInEmail({ body: parsed.data, headers: await headers() });
    return { ok: true, data: { email: parsed.data.email } };
  } catch (error) {
    // The thrown class is not always the one exported to us (bundled copies), hence the guard.
    if (!isAPIError(error)) throw error;
    const code = (error.body as { code?: string } | undefined)?.code;
    if (error.status === "TOO_MANY_REQUESTS")
      return toFailure(new AppError("RATE_LIMITED", { message: error.message }));
    if (code === "BANNED_USER") {
      return toFailure(
        new AppError("FORBIDDEN", { message: "This account is disabled. Ask an administrator." }),
      );
    }
    return toFailure(
      new AppError("UNAUTHENTICATED", { message: "The email or password is not right." }),
    );
  }
}
