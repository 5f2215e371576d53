import "server-only";

/**
 * Sign-in attempts counted in the database, so every console process sees the same counts.
 *
 * An attempt first reserves one count on each of its keys, one atomic statement per key, and is
 * refused without checking the password when a key goes over its limit: N simultaneous guesses
 * get at most the limit's worth of password checks. A refused attempt gives its counts back, so
 * it neither counts nor extends anything: every window (and so every lockout) ends at most
 * `windowSeconds` after the first failure that opened it. A successful sign-in gives its address
 * count back and clears the account's own keys, so only failures count.
 *
 * Keys: the account from one address (`maxFailures`: guessing one account from one place), the
 * address (`maxFailures`: one place trying many accounts) and the account from everywhere
 * (`maxFailuresPerAccount` when the address is known: a distributed attack needs that many
 * failures to lock the person out, and then only until the window ends; `maxFailures` when it is
 * not). Only existing accounts get account keys, so guesses at made-up emails add one row per
 * address, and expired rows are pruned a batch at a time as new attempts come.
 */
import { and, eq, inArray, lte, sql } from "drizzle-orm";

import type { Database } from "@/lib/server/db";
import { signInFailure } from "@/lib/server/db/schema";

export interface SignInLimits {
  maxFailures: number;
  maxFailuresPerAccount: number;
  windowSeconds: number;
}

export interface LimitedKey {
  key: string;
  /** The account's email on account keys, null on the address key. */
  email: string | null;
  limit: number;
}

const normalise = (email: string) => email.trim().toLowerCase();
export const accountKey = (email: string) => `account:${normalise(email)}`;
export const accountFromIpKey = (email: string, ip: string) =>
  `account+ip:${normalise(email)}|${ip}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/** Expired rows removed per attempt: enough to keep up with any flood, small enough to be cheap. */
const PRUNE_BATCH = 100;

/**
 * The keys of one attempt (`email` only when that account exists, `ip` only when trusted), the
 * narrowest first: an attempt refused for its place never reaches the account's count over all
 * addresses, so one place cannot use up that count for everyone.
 */
export function signInKeysFor(
  attempt: { email: string | null; ip: string | null },
  limits: SignInLimits,
): LimitedKey[] {
  const keys: LimitedKey[] = [];
  const { email, ip } = attempt;
  if (email && ip) {
    keys.push({
      key: accountFromIpKey(email, ip),
      email: normalise(email),
      limit: limits.maxFailures,
    });
  }
  if (ip) keys.push({ key: ipKey(ip), email: null, limit: limits.maxFailures });
  if (email) {
    keys.push({
      key: accountKey(email),
      email: normalise(email),
      limit: ip ? limits.maxFailuresPerAccount : limits.maxFailures,
    });
  }
  return keys;
}

/** Passed as ISO text with a cast: both drivers (pg, PGlite) bind text the same way. */
const at = (value: Date) => sql`${value.toISOString()}::timestamptz`;
const windowStartBefore = (now: Date, windowSeconds: number) =>
  new Date(now.getTime() - windowSeconds * 1000);

export type Reservation =
  { ok: true; keys: LimitedKey[] } | { ok: false; retryAfterSeconds: number; key: string };

interface Reserved {
  key: string;
  windowStartedAt: Date;
}

/**
 * Reserves one attempt on every key, or refuses it (giving back what it took) when a key is over
 * its limit. Keys are taken in the order given and the first refusal stops, so a refused attempt
 * never touches the keys after it.
 */
export async function reserveSignInAttempt(
  db: Database,
  keys: LimitedKey[],
  windowSeconds: number,
  now = new Date(),
): Promise<Reservation> {
  await pruneExpiredWindows(db, windowSeconds, now);
  const expiredBefore = at(windowStartBefore(now, windowSeconds));
  const reserved: Reserved[] = [];
  for (const key of keys) {
    const isExpired = sql`${signInFailure.windowStartedAt} <= ${expiredBefore}`;
    // One statement: concurrent attempts from several processes are serialised on the row, and
    // each sees the count including every attempt before it.
    const [row] = await db
      .insert(signInFailure)
      .values({ key: key.key, email: key.email, failures: 1, windowStartedAt: now })
      .onConflictDoUpdate({
        target: signInFailure.key,
        set: {
          failures: sql`case when ${isExpired} then 1 else ${signInFailure.failures} + 1 end`,
          windowStartedAt: sql`case when ${isExpired} then ${at(now)} else ${signInFailure.windowStartedAt} end`,
        },
      })
      .returning({
        failures: signInFailure.failures,
        windowStartedAt: signInFailure.windowStartedAt,
      });
    if (!row) throw new Error(`sign-in limiter: no row for ${key.key}`);
    reserved.push({ key: key.key, windowStartedAt: row.windowStartedAt });
    if (row.failures > key.limit) {
      await giveBack(db, reserved);
      const endsAt = row.windowStartedAt.getTime() + windowSeconds * 1000;
      return {
        ok: false,
        key: key.key,
        retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)),
      };
    }
  }
  return { ok: true, keys };
}

/**
 * Takes one count back from each key, only from the window it was taken in (a window that has
 * since restarted is someone else's count), and drops rows left at zero so that no window opens
 * without a failure.
 */
async function giveBack(db: Database, reserved: Reserved[]): Promise<void> {
  for (const { key, windowStartedAt } of reserved) {
    await db
      .update(signInFailure)
      .set({ failures: sql`${signInFailure.failures} - 1` })
      .where(
        and(
          eq(signInFailure.key, key),
          sql`${signInFailure.windowStartedAt} = ${at(windowStartedAt)}`,
        ),
      );
  }
  await db.delete(signInFailure).where(
    and(
      inArray(
        signInFailure.key,
        reserved.map((entry) => entry.key),
      ),
      lte(signInFailure.failures, 0),
    ),
  );
}

/**
 * After a successful sign-in: the address gets its count back (an office behind one address is
 * not locked out by its own sign-ins) and the account's keys are cleared.
 */
export async function releaseAfterSuccess(db: Database, keys: LimitedKey[]): Promise<void> {
  const accountKeys = keys.filter((key) => key.email !== null).map((key) => key.key);
  if (accountKeys.length > 0) {
    await db.delete(signInFailure).where(inArray(signInFailure.key, accountKeys));
  }
  for (const key of keys.filter((entry) => entry.email === null)) {
    // The reservation was taken in the row's current window (it cannot have ended during the
    // password check unless the window is shorter than one).
    const [row] = await db
      .select({ windowStartedAt: signInFailure.windowStartedAt })
      .from(signInFailure)
      .where(eq(signInFailure.key, key.key));
    if (row) await giveBack(db, [{ key: key.key, windowStartedAt: row.windowStartedAt }]);
  }
}

/** Removes up to one batch of rows whose window has ended (they no longer limit anything). */
export async function pruneExpiredWindows(
  db: Database,
  windowSeconds: number,
  now = new Date(),
): Promise<void> {
  const expired = db
    .select({ key: signInFailure.key })
    .from(signInFailure)
    .where(sql`${signInFailure.windowStartedAt} <= ${at(windowStartBefore(now, windowSeconds))}`)
    .limit(PRUNE_BATCH);
  await db.delete(signInFailure).where(inArray(signInFailure.key, expired));
}

export interface SignInLockout {
  /** When the last of the account's locks ends. */
  until: Date;
  /** Locked from every address (the account key), not just from some. */
  isEverywhere: boolean;
  /** The addresses the account is locked from (account-from-one-address keys). */
  addresses: string[];
}

/**
 * The accounts among `emails` that cannot sign in now, by their own keys: an address that is
 * locked for everyone is not any one account's lockout. `hasClientIp` says whether the console
 * trusts a client-IP header (the account key's limit depends on it).
 */
export async function findSignInLockouts(
  db: Database,
  emails: string[],
  limits: SignInLimits,
  hasClientIp: boolean,
  now = new Date(),
): Promise<Map<string, SignInLockout>> {
  const lockouts = new Map<string, SignInLockout>();
  if (emails.length === 0) return lockouts;
  const rows = await db
    .select()
    .from(signInFailure)
    .where(
      and(
        inArray(signInFailure.email, emails.map(normalise)),
        sql`${signInFailure.windowStartedAt} > ${at(windowStartBefore(now, limits.windowSeconds))}`,
      ),
    );
  for (const row of rows) {
    if (!row.email) continue;
    const isAccountKey = row.key === accountKey(row.email);
    const limit = isAccountKey && hasClientIp ? limits.maxFailuresPerAccount : limits.maxFailures;
    if (row.failures < limit) continue;
    const until = new Date(row.windowStartedAt.getTime() + limits.windowSeconds * 1000);
    const entry = lockouts.get(row.email) ?? { until, isEverywhere: false, addresses: [] };
    if (until > entry.until) entry.until = until;
    if (isAccountKey) entry.isEverywhere = true;
    else entry.addresses.push(row.key.slice(accountFromIpKey(row.email, "").length));
    lockouts.set(row.email, entry);
  }
  for (const entry of lockouts.values()) entry.addresses.sort();
  return lockouts;
}

/**
 * An administrator's "Clear lockout": the account's keys are removed, and each address it failed
 * from loses those failures again, so the person can sign in at once from where they were locked
 * out, while failures of other accounts from that address still count. Returns the keys cleared.
 */
export async function clearSignInLockout(db: Database, email: string): Promise<number> {
  const rows = await db
    .select()
    .from(signInFailure)
    .where(eq(signInFailure.email, normalise(email)));
  for (const row of rows) {
    if (row.key === accountKey(normalise(email))) continue;
    const ip = ipKey(row.key.slice(accountFromIpKey(normalise(email), "").length));
    await db
      .update(signInFailure)
      .set({ failures: sql`greatest(0, ${signInFailure.failures} - ${row.failures}::int)` })
      .where(eq(signInFailure.key, ip));
    await db
      .delete(signInFailure)
      .where(and(eq(signInFailure.key, ip), lte(signInFailure.failures, 0)));
  }
  await db.delete(signInFailure).where(eq(signInFailure.email, normalise(email)));
  return rows.length;
}
