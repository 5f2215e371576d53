import "server-only";

import { and, asc, eq, ne, or, sql } from "drizzle-orm";

import { isRole } from "@/lib/permissions";
import { signInSettings } from "@/lib/server/auth";
import { findSignInLockouts } from "@/lib/server/auth/sign-in-limiter";
import type { Database } from "@/lib/server/db";
import { session, user } from "@/lib/server/db/schema";
import type { ConsoleUser } from "@/lib/users/schema";

/** Text with a cast: PGlite and node-postgres bind it the same way (a Date they do not). */
const timestampParam = (value: Date) => sql`${value.toISOString()}::timestamptz`;

/**
 * A ban counts until it lapses; Better Auth lifts an expired ban only at the next sign-in, so the
 * column alone would show a user as disabled who can in fact sign in.
 */
function isActiveSql(now: Date) {
  return or(
    sql`${user.banned} is not true`,
    and(sql`${user.banExpires} is not null`, sql`${user.banExpires} <= ${timestampParam(now)}`),
  );
}

export async function listConsoleUsers(
  db: Database,
  now = new Date(),
  signIn = signInSettings(),
): Promise<ConsoleUser[]> {
  const rows = await db
    .select({
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      isActive: sql<boolean>`coalesce(${isActiveSql(now)}, false)`,
      banReason: user.banReason,
      createdAt: user.createdAt,
      activeSessions:
        sql<number>`count(${session.id}) filter (where ${session.expiresAt} > ${timestampParam(now)})`.mapWith(
          Number,
        ),
    })
    .from(user)
    .leftJoin(session, eq(session.userId, user.id))
    .groupBy(user.id)
    .orderBy(asc(user.createdAt), asc(user.email));
  const lockouts = await findSignInLockouts(
    db,
    rows.map((row) => row.email),
    signIn.limits,
    signIn.hasClientIp,
    now,
  );
  return rows.map((row) => {
    const lock = lockouts.get(row.email);
    return {
      ...row,
      role: isRole(row.role) ? row.role : null,
      isActive: Boolean(row.isActive),
      banReason: row.isActive ? null : row.banReason,
      createdAt: row.createdAt.toISOString(),
      signInLock: lock ? { ...lock, until: lock.until.toISOString() } : null,
    };
  });
}

export interface UserRecord {
  id: string;
  name: string;
  email: string;
  role: string | null;
  isActive: boolean;
}

export async function findConsoleUser(
  db: Database,
  id: string,
  now = new Date(),
): Promise<UserRecord | null> {
  const [row] = await db
    .select({
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      isActive: sql<boolean>`coalesce(${isActiveSql(now)}, false)`,
    })
    .from(user)
    .where(eq(user.id, id));
  return row ? { ...row, isActive: Boolean(row.isActive) } : null;
}

export async function findUserIdByEmail(db: Database, email: string): Promise<string | null> {
  const [row] = await db
    .select({ id: user.id })
    .from(user)
    .where(eq(user.email, email.trim().toLowerCase()));
  return row?.id ?? null;
}

/** Administrators who can still sign in, other than `excludingId`. */
export async function countOtherActiveAdmins(
  db: Database,
  excludingId: string,
  now = new Date(),
): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)`.mapWith(Number) })
    .from(user)
    .where(and(eq(user.role, "admin"), ne(user.id, excludingId), isActiveSql(now)));
  return row?.count ?? 0;
}

export async function countActiveSessions(
  db: Database,
  userId: string,
  now = new Date(),
): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)`.mapWith(Number) })
    .from(session)
    .where(and(eq(session.userId, userId), sql`${session.expiresAt} > ${timestampParam(now)}`));
  return row?.count ?? 0;
}
