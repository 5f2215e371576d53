import "server-only";

import { type ServerEnv, serverEnv } from "@/lib/env";
import { getDb } from "@/lib/server/db";

import { type ConsoleAuth, createConsoleAuth } from "./auth";
import type { SignInLimits } from "./sign-in-limiter";

/** The configured sign-in limits, and whether a client address is known at all. */
export function signInSettings(env: ServerEnv = serverEnv()): {
  limits: SignInLimits;
  hasClientIp: boolean;
} {
  return {
    limits: {
      maxFailures: env.SIGN_IN_MAX_FAILURES,
      maxFailuresPerAccount: env.SIGN_IN_MAX_FAILURES_PER_ACCOUNT,
      windowSeconds: env.SIGN_IN_WINDOW_SECONDS,
    },
    hasClientIp: Boolean(env.TRUSTED_IP_HEADER),
  };
}

const holder = globalThis as unknown as { __consoleAuth?: Promise<ConsoleAuth> };

/** The process-wide Better Auth instance, built once the database is open and migrated. */
export function getAuth(): Promise<ConsoleAuth> {
  holder.__consoleAuth ??= (async () => {
    const env = serverEnv();
    return createConsoleAuth(await getDb(), {
      secret: env.BETTER_AUTH_SECRET,
      baseURL: env.APP_URL,
      trustedIpHeader: env.TRUSTED_IP_HEADER,
      signInLimits: signInSettings(env).limits,
    });
  })().catch((error: unknown) => {
    holder.__consoleAuth = undefined;
    throw error;
  });
  return holder.__consoleAuth;
}
