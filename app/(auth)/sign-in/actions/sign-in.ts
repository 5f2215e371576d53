"use server";

import { isAPIError } from "better-auth/api";
import { headers } from "next/headers";

import type { ActionResult } from "@/lib/action-result";
import { signInSchema } from "@/lib/schemas/auth";
import { fieldErrorsOf } from "@/lib/server/action";
import { getAuth } from "@/lib/server/auth";

/**
 * The one public action: it cannot require a session. Limits per account and per client IP, and
 * the audit records, are applied by Better Auth's hooks (lib/server/auth/auth.ts).
 */
export async function signIn(raw: unknown): Promise<ActionResult<{ email: string }>> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      code: "INVALID_INPUT",
      formError: "Check the highlighted fields.",
      fieldErrors: fieldErrorsOf(parsed.error),
    };
  }
  const auth = await getAuth();
  try {
    await auth.api.signInEmail({ body: parsed.data, headers: await headers() });
    return { ok: true, data: { email: parsed.data.email } };
  } catch (error) {
    // The thrown class is not always the one exported to us (bundled copies), hence the guard.
    if (!isAPIError(error)) throw error;
    const code = (error.body as { code?: string } | undefined)?.code;
    if (error.status === "TOO_MANY_REQUESTS") {
      return { ok: false, code: "RATE_LIMITED", formError: error.message, fieldErrors: {} };
    }
    if (code === "BANNED_USER") {
      return {
        ok: false,
        code: "FORBIDDEN",
        formError: "This account is disabled. Ask an administrator.",
        fieldErrors: {},
      };
    }
    return {
      ok: false,
      code: "UNAUTHENTICATED",
      formError: "The email or password is not right.",
      fieldErrors: {},
    };
  }
}
