import "server-only";

import { inArray, sql } from "drizzle-orm";

import type { Database } from "@/lib/server/db";
import { signInFailure } from "@/lib/server/db/schema";

/**
 * Failed sign-ins counted per account and per client IP in the database, so every console process
 * sees the same counts. Only failures count: an office behind one address is not locked out by
 * its own successful sign-ins. Once a key reaches `maxFailures` within the window, further
 * attempts (even with the right password) are refused until the window has passed.
 */
export interface SignInLimits {
  maxFailures: number;
  windowSeconds: number;
}

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/** Seconds until the attempt may be made, or 0 when it may be made now. */
export async function signInRetryAfter(
  db: Database,
  keys: string[],
  limits: SignInLimits,
  now = new Date(),
): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await db.select().from(signInFailure).where(inArray(signInFailure.key, keys));
  let wait = 0;
  for (const row of rows) {
    const endsAt = row.windowStartedAt.getTime() + limits.windowSeconds * 1000;
    if (row.failures >= limits.maxFailures && endsAt > now.getTime()) {
      wait = Math.max(wait, Math.ceil((endsAt - now.getTime()) / 1000));
    }
  }
  return wait;
}

export async function recordSignInFailure(
  db: Database,
  keys: string[],
  limits: SignInLimits,
  now = new Date(),
): Promise<void> {
  // Passed as ISO text with a cast: both drivers (pg, PGlite) bind text the same way.
  const windowStart = sql`${new Date(now.getTime() - limits.windowSeconds * 1000).toISOString()}::timestamptz`;
  const nowValue = sql`${now.toISOString()}::timestamptz`;
  for (const key of keys) {
    // One statement per key: concurrent failures from several processes all count.
    await db
      .insert(signInFailure)
      .values({ key, failures: 1, windowStartedAt: now })
      .onConflictDoUpdate({
        target: signInFailure.key,
        set: {
          failures: sql`case when ${signInFailure.windowStartedAt} <= ${windowStart} then 1 else ${signInFailure.failures} + 1 end`,
          windowStartedAt: sql`case when ${signInFailure.windowStartedAt} <= ${windowStart} then ${nowValue} else ${signInFailure.windowStartedAt} end`,
        },
      });
  }
}

export async function clearSignInFailures(db: Database, key: string): Promise<void> {
  await db.delete(signInFailure).where(inArray(signInFailure.key, [key]));
}
