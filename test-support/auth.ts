import { randomBytes } from "node:crypto";

import { APIError } from "better-auth/api";
import { and, eq } from "drizzle-orm";

import type { Role } from "@/lib/permissions";
import { type ConsoleAuth, createConsoleAuth } from "@/lib/server/auth/auth";
import type { Database } from "@/lib/server/db/open";
import { auditEvent } from "@/lib/server/db/schema";

/** The settings the console runs with behind a proxy that sets X-Real-IP. */
export const TEST_BASE_URL = "http://127.0.0.1:3000";
export const TEST_TRUSTED_IP_HEADER = "x-real-ip";
/** Smaller than the defaults (3 per account and address, 20 per account): tests stay short. */
export const TEST_SIGN_IN_LIMITS = { maxFailures: 3, maxFailuresPerAccount: 5, windowSeconds: 900 };

/** Console processes that share a database share the secret too (it signs the session cookie). */
export function createTestAuth(
  db: Database,
  secret = randomBytes(32).toString("base64url"),
  options: { now?: () => Date; trustedIpHeader?: string | null } = {},
): ConsoleAuth {
  return createConsoleAuth(db, {
    secret,
    baseURL: TEST_BASE_URL,
    trustedIpHeader:
      options.trustedIpHeader === null
        ? undefined
        : (options.trustedIpHeader ?? TEST_TRUSTED_IP_HEADER),
    signInLimits: TEST_SIGN_IN_LIMITS,
    now: options.now,
  });
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
}

/** An account made the way the console makes them: server-side, no session (sign-up is off). */
export async function createTestUser(
  auth: ConsoleAuth,
  email: string,
  role: Role,
): Promise<TestUser> {
  const password = `pw-${randomBytes(12).toString("base64url")}`;
  const { user } = await auth.api.createUser({
    body: { email, password, name: email.split("@")[0] ?? email, role },
  });
  return { id: user.id, email, password, role };
}

export type SignInResult =
  { ok: true; cookie: Headers } | { ok: false; status: number; code: string | undefined };

/**
 * Signs in through auth.api (the hooks, limits and audit apply exactly as over HTTP) from the
 * given client address, and returns the session cookie as request headers, or why it failed.
 */
export async function trySignIn(
  auth: ConsoleAuth,
  email: string,
  password: string,
  ip: string,
  extraHeaders: Record<string, string> = {},
): Promise<SignInResult> {
  try {
    const { headers } = await auth.api.signInEmail({
      body: { email, password },
      headers: new Headers({ [TEST_TRUSTED_IP_HEADER]: ip, ...extraHeaders }),
      returnHeaders: true,
    });
    const cookie = headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
    return { ok: true, cookie: new Headers({ cookie }) };
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    const body = error.body as { code?: string } | undefined;
    return { ok: false, status: error.statusCode, code: body?.code };
  }
}

export async function signIn(auth: ConsoleAuth, user: TestUser, ip: string): Promise<Headers> {
  const result = await trySignIn(auth, user.email, user.password, ip);
  if (!result.ok)
    throw new Error(`sign-in of ${user.email} failed: ${result.status} ${result.code}`);
  return result.cookie;
}

/** The sign-in rows of the audit trail for one email, oldest first (a row may stand for several). */
export function signInAuditRows(db: Database, email: string) {
  return db
    .select({
      outcome: auditEvent.outcome,
      actorId: auditEvent.actorId,
      actorEmail: auditEvent.actorEmail,
      actorRole: auditEvent.actorRole,
      ipAddress: auditEvent.ipAddress,
      errorName: auditEvent.errorName,
      repeatCount: auditEvent.repeatCount,
    })
    .from(auditEvent)
    .where(and(eq(auditEvent.action, "auth.sign_in"), eq(auditEvent.actorEmail, email)))
    .orderBy(auditEvent.occurredAt);
}
