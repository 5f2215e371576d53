import "server-only";

/**
 * Every action, route and page reads its session first, so the read is on every request's path.
 * Better Auth's getSession runs its whole endpoint pipeline for it (a context per call, the
 * signing key imported twice, the cookie checks), about a millisecond of CPU before its query.
 * Here the common case, a signed session cookie whose row exists, has not expired and is not yet
 * due for its sliding refresh, is read directly: the cookie's HMAC checked with the same secret,
 * then one prepared query for the session and its user. Every other case (no valid signature, a
 * "don't remember me" or cookie-cache cookie, no row, an expired row, a refresh due) goes to
 * getSession itself, which stays the authority: it deletes, refreshes and sets cookies as it
 * always does. Nothing here writes.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

import { eq, sql } from "drizzle-orm";

import type { Database } from "@/lib/server/db";
import { preparedPer } from "@/lib/server/db/prepared";
import { session, user } from "@/lib/server/db/schema";

import type { ConsoleAuth } from "./auth";

/** What the console uses of a session (a subset of Better Auth's getSession answer). */
export interface SessionRead {
  session: { id: string; token: string; expiresAt: Date };
  user: {
    id: string;
    email: string;
    name: string;
    role?: string | null | undefined;
    banned?: boolean | null | undefined;
  };
}

type AuthContext = Awaited<ConsoleAuth["$context"]>;

/** Better Auth's cookie signature: base64 HMAC-SHA256 of the value, 44 characters. */
const SIGNATURE_LENGTH = 44;

/** The session token the cookie carries, or null when its signature is not ours. */
export function verifiedToken(cookieValue: string, secret: string): string | null {
  const dot = cookieValue.lastIndexOf(".");
  if (dot < 1) return null;
  const signature = Buffer.from(cookieValue.slice(dot + 1));
  if (signature.length !== SIGNATURE_LENGTH) return null;
  const token = cookieValue.slice(0, dot);
  const expected = Buffer.from(createHmac("sha256", secret).update(token).digest("base64"));
  return timingSafeEqual(signature, expected) ? token : null;
}

/** The session and its user by token, prepared (lib/server/db/prepared.ts). */
const sessionStatement = preparedPer((db: Database) =>
  db
    .select({
      id: session.id,
      token: session.token,
      expiresAt: session.expiresAt,
      userId: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      banned: user.banned,
    })
    .from(session)
    .innerJoin(user, eq(user.id, session.userId))
    .where(eq(session.token, sql.placeholder("token")))
    .prepare("session_read"),
);

/** The row of a session that needs nothing of Better Auth: unexpired and not due for a refresh. */
function isPlain(expiresAt: Date, context: AuthContext, now: number): boolean {
  const { expiresIn, updateAge } = context.sessionConfig;
  // Better Auth slides a session once updateAge has passed since it was last extended.
  const refreshDue = expiresAt.getTime() - expiresIn * 1000 + updateAge * 1000 <= now;
  return expiresAt.getTime() > now && !refreshDue;
}

/**
 * The session cookie's value, null without one, or undefined when the header holds something
 * getSession handles itself: its "don't remember me" cookie, a cookie-cache cookie (it clears
 * those, no cookie cache being on), or the session cookie twice.
 */
function sessionCookie(
  header: string,
  names: AuthContext["authCookies"],
): string | null | undefined {
  let value: string | null = null;
  for (const pair of header.split(";")) {
    const equals = pair.indexOf("=");
    if (equals === -1) continue;
    const name = pair.slice(0, equals).trim();
    if (name === names.dontRememberToken.name || name.startsWith(names.sessionData.name))
      return undefined;
    if (name !== names.sessionToken.name) continue;
    if (value !== null) return undefined;
    value = pair
      .slice(equals + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1");
    try {
      value = decodeURIComponent(value);
    } catch {
      return undefined;
    }
  }
  return value;
}

async function fastRead(
  auth: ConsoleAuth,
  db: Database,
  cookieHeader: string,
): Promise<SessionRead | null | undefined> {
  const context = await auth.$context;
  const value = sessionCookie(cookieHeader, context.authCookies);
  if (value === null || value === undefined) return value;
  const token = verifiedToken(value, context.secret);
  if (!token) return undefined;
  const [row] = await sessionStatement(db).execute({ token });
  if (!row || !isPlain(row.expiresAt, context, Date.now())) return undefined;
  return {
    session: { id: row.id, token: row.token, expiresAt: row.expiresAt },
    user: { id: row.userId, email: row.email, name: row.name, role: row.role, banned: row.banned },
  };
}

/**
 * The request's session: read directly in the plain case, otherwise by Better Auth's getSession
 * (undefined from the fast read means "ask Better Auth").
 */
export async function readSession(
  auth: ConsoleAuth,
  db: Database,
  headers: Headers,
): Promise<SessionRead | null> {
  const fast = await fastRead(auth, db, headers.get("cookie") ?? "");
  if (fast !== undefined) return fast;
  return auth.api.getSession({ headers });
}
