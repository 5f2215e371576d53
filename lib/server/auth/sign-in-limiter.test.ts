import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type Database, openDatabase } from "@/lib/server/db/open";
import { signInFailure } from "@/lib/server/db/schema";
import {
  DATABASE_BACKENDS,
  type TestDatabase,
  openTestDatabase,
} from "@/test-support/test-database";

import {
  type LimitedKey,
  accountFromIpKey,
  accountKey,
  clearSignInLockout,
  findSignInLockouts,
  ipKey,
  pruneExpiredWindows,
  releaseAfterSuccess,
  reserveSignInAttempt,
  signInKeysFor,
} from "./sign-in-limiter";

const LIMITS = { maxFailures: 3, maxFailuresPerAccount: 5, windowSeconds: 900 };
const WINDOW = LIMITS.windowSeconds;
const T0 = new Date("2030-03-04T05:06:07.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe("sign-in limiter keys", () => {
  it("keys an existing account from one address, the address and the account, each with its limit", () => {
    expect(signInKeysFor({ email: "  Mia@Example.COM ", ip: "203.0.113.9" }, LIMITS)).toEqual([
      { key: "account+ip:mia@example.com|203.0.113.9", email: "mia@example.com", limit: 3 },
      { key: "ip:203.0.113.9", email: null, limit: 3 },
      { key: "account:mia@example.com", email: "mia@example.com", limit: 5 },
    ]);
  });

  it("without a trusted address, limits the account at the per-address limit", () => {
    expect(signInKeysFor({ email: "mia@example.com", ip: null }, LIMITS)).toEqual([
      { key: "account:mia@example.com", email: "mia@example.com", limit: 3 },
    ]);
  });

  it("gives an unknown account (email null) the address key only, and nothing without one", () => {
    expect(signInKeysFor({ email: null, ip: "203.0.113.9" }, LIMITS)).toEqual([
      { key: "ip:203.0.113.9", email: null, limit: 3 },
    ]);
    expect(signInKeysFor({ email: null, ip: null }, LIMITS)).toEqual([]);
  });
});

describe.each(DATABASE_BACKENDS)("sign-in limiter on %s", (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await database?.close();
  });

  async function counted(key: string) {
    const [row] = await database.db.select().from(signInFailure).where(eq(signInFailure.key, key));
    return row ? { failures: row.failures, windowStartedAt: row.windowStartedAt } : null;
  }
  const reserve = (keys: LimitedKey[], seconds: number) =>
    reserveSignInAttempt(database.db, keys, WINDOW, at(seconds));

  it("reserves up to the limit, then refuses without counting until the window has passed", async () => {
    const keys = signInKeysFor({ email: "counted@limiter.example", ip: "203.0.113.10" }, LIMITS);
    for (const second of [0, 5, 10]) expect((await reserve(keys, second)).ok).toBe(true);
    expect(await counted(keys[0]!.key)).toEqual({ failures: 3, windowStartedAt: T0 });

    // The window runs from the first failure: 900 s after T0, whatever is refused meanwhile.
    expect(await reserve(keys, 20)).toEqual({
      ok: false,
      key: keys[0]!.key,
      retryAfterSeconds: 880,
    });
    for (const second of [100, 500, 899]) expect((await reserve(keys, second)).ok).toBe(false);
    expect(await reserve(keys, 899)).toMatchObject({ ok: false, retryAfterSeconds: 1 });
    for (const key of keys) {
      expect(await counted(key.key)).toEqual({ failures: 3, windowStartedAt: T0 });
    }

    expect(await reserve(keys, 900)).toEqual({ ok: true, keys });
    expect(await counted(keys[0]!.key)).toEqual({ failures: 1, windowStartedAt: at(900) });
  });

  it("gives back what a refused attempt took and never touches the keys after the refusing one", async () => {
    const ip = "203.0.113.11";
    // The address is used up by three other (unknown) accounts...
    const address = signInKeysFor({ email: null, ip }, LIMITS);
    for (const second of [0, 1, 2]) expect((await reserve(address, second)).ok).toBe(true);
    // ...so an attempt on a real account from there takes nothing from that account.
    const keys = signInKeysFor({ email: "spared@limiter.example", ip }, LIMITS);
    expect(await reserve(keys, 3)).toMatchObject({ ok: false, key: ipKey(ip) });
    expect(await counted(accountFromIpKey("spared@limiter.example", ip))).toBeNull();
    expect(await counted(accountKey("spared@limiter.example"))).toBeNull();
    expect(await counted(ipKey(ip))).toEqual({ failures: 3, windowStartedAt: T0 });
  });

  it("lets a flood from one address add at most its limit to the account over all addresses", async () => {
    const email = "victim@limiter.example";
    for (let attempt = 0; attempt < 30; attempt += 1) {
      await reserve(signInKeysFor({ email, ip: "198.51.100.1" }, LIMITS), attempt);
    }
    expect(await counted(accountKey(email))).toMatchObject({ failures: 3 });
    // Other places still reach the account until it has 5 failures in all.
    expect((await reserve(signInKeysFor({ email, ip: "198.51.100.2" }, LIMITS), 40)).ok).toBe(true);
    expect((await reserve(signInKeysFor({ email, ip: "198.51.100.3" }, LIMITS), 41)).ok).toBe(true);
    expect(await reserve(signInKeysFor({ email, ip: "198.51.100.4" }, LIMITS), 42)).toMatchObject({
      ok: false,
      key: accountKey(email),
      retryAfterSeconds: WINDOW - 42,
    });
  });

  it("after a success, gives the address its count back and clears the account's keys", async () => {
    const email = "success@limiter.example";
    const keys = signInKeysFor({ email, ip: "203.0.113.12" }, LIMITS);
    expect((await reserve(keys, 0)).ok).toBe(true);
    expect((await reserve(keys, 1)).ok).toBe(true);
    // The second attempt succeeds: the first stays a failure of the address only.
    await releaseAfterSuccess(database.db, keys);
    expect(await counted(ipKey("203.0.113.12"))).toEqual({ failures: 1, windowStartedAt: T0 });
    expect(await counted(accountKey(email))).toBeNull();
    expect(await counted(accountFromIpKey(email, "203.0.113.12"))).toBeNull();

    // A success as the address's only attempt leaves no row at all (no window without a failure).
    const fresh = signInKeysFor({ email, ip: "203.0.113.13" }, LIMITS);
    expect((await reserve(fresh, 2)).ok).toBe(true);
    await releaseAfterSuccess(database.db, fresh);
    expect(await counted(ipKey("203.0.113.13"))).toBeNull();
  });

  it("prunes expired windows a bounded batch at a time", async () => {
    const stale = Array.from({ length: 130 }, (_, index) => ipKey(`192.0.2.${index}`));
    await database.db
      .insert(signInFailure)
      .values(stale.map((key) => ({ key, email: null, failures: 1, windowStartedAt: at(-2000) })));
    const live = signInKeysFor({ email: null, ip: "192.0.2.200" }, LIMITS);
    expect((await reserve(live, 0)).ok).toBe(true);
    const left = await database.db
      .select({ key: signInFailure.key })
      .from(signInFailure)
      .where(like(signInFailure.key, "ip:192.0.2.%"));
    // One attempt removes one batch (100); the live window stays.
    expect(left.map((row) => row.key)).toContain(live[0]!.key);
    expect(left).toHaveLength(130 - 100 + 1);
    await pruneExpiredWindows(database.db, WINDOW, at(1));
    expect(
      await database.db
        .select({ key: signInFailure.key })
        .from(signInFailure)
        .where(like(signInFailure.key, "ip:192.0.2.%")),
    ).toEqual([{ key: live[0]!.key }]);
  });

  it("shows an account's lockouts (everywhere or from some addresses) and clears them with the addresses' share", async () => {
    const email = "locked@limiter.example";
    for (const second of [0, 1, 2]) {
      await reserve(signInKeysFor({ email, ip: "198.51.100.20" }, LIMITS), second);
    }
    // Another address failed once for an unknown account too: that failure stays its own.
    await reserve(signInKeysFor({ email: null, ip: "198.51.100.21" }, LIMITS), 3);
    await reserve(signInKeysFor({ email, ip: "198.51.100.21" }, LIMITS), 4);
    const now = at(5);
    const find = (hasClientIp: boolean) =>
      findSignInLockouts(database.db, [email, "nobody@limiter.example"], LIMITS, hasClientIp, now);

    expect(await find(true)).toEqual(
      new Map([[email, { until: at(WINDOW), isEverywhere: false, addresses: ["198.51.100.20"] }]]),
    );
    // Without a trusted address the account key's limit is 3, and 4 failures lock it everywhere.
    expect((await find(false)).get(email)).toMatchObject({ isEverywhere: true });
    // Once the window is over, nothing is locked.
    expect(await findSignInLockouts(database.db, [email], LIMITS, true, at(WINDOW))).toEqual(
      new Map(),
    );

    expect(await clearSignInLockout(database.db, email)).toBe(3);
    expect(await find(true)).toEqual(new Map());
    expect(await counted(ipKey("198.51.100.20"))).toBeNull();
    expect(await counted(ipKey("198.51.100.21"))).toMatchObject({ failures: 1 });
    expect((await reserve(signInKeysFor({ email, ip: "198.51.100.20" }, LIMITS), 6)).ok).toBe(true);
  });

  it("lets exactly the limit through when 20 attempts reserve at once, from two console processes on PostgreSQL", async () => {
    const keys = signInKeysFor({ email: "racing@limiter.example", ip: "203.0.113.14" }, LIMITS);
    // On PostgreSQL a second openDatabase is a second pool: another console process.
    const second = database.url ? await openDatabase({ url: database.url }) : null;
    let results: { ok: boolean }[];
    try {
      const pools: Database[] = [database.db, second?.db ?? database.db];
      results = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          reserveSignInAttempt(pools[index % 2]!, keys, WINDOW, at(index)),
        ),
      );
    } finally {
      await second?.close();
    }
    expect(results.filter((result) => result.ok)).toHaveLength(LIMITS.maxFailures);
    for (const key of keys) expect((await counted(key.key))?.failures).toBe(LIMITS.maxFailures);
  });
});
