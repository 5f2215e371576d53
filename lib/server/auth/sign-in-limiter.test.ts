import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type Database, openDatabase } from "@/lib/server/db/open";
import { signInFailure } from "@/lib/server/db/schema";
import {
  DATABASE_BACKENDS,
  type TestDatabase,
  openTestDatabase,
} from "@/test-support/test-database";

import {
  accountKey,
  clearSignInFailures,
  ipKey,
  recordSignInFailure,
  signInRetryAfter,
} from "./sign-in-limiter";

const LIMITS = { maxFailures: 3, windowSeconds: 900 };
const T0 = new Date("2030-03-04T05:06:07.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe("sign-in limiter keys", () => {
  it("keys an account by its normalised email and an address as given", () => {
    expect(accountKey("  Mia@Example.COM ")).toBe("account:mia@example.com");
    expect(ipKey("203.0.113.9")).toBe("ip:203.0.113.9");
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

  it("counts failures per key and refuses from the limit until the window has passed", async () => {
    const account = accountKey("counted@limiter.example");
    const ip = ipKey("203.0.113.10");
    const keys = [account, ip];

    await recordSignInFailure(database.db, keys, LIMITS, at(0));
    await recordSignInFailure(database.db, keys, LIMITS, at(5));
    expect(await counted(account)).toEqual({ failures: 2, windowStartedAt: T0 });
    expect(await signInRetryAfter(database.db, keys, LIMITS, at(6))).toBe(0);

    await recordSignInFailure(database.db, keys, LIMITS, at(10));
    expect(await counted(ip)).toEqual({ failures: 3, windowStartedAt: T0 });
    // The window runs from the first failure: 900 s after T0.
    expect(await signInRetryAfter(database.db, keys, LIMITS, at(20))).toBe(880);
    expect(await signInRetryAfter(database.db, [account], LIMITS, at(899))).toBe(1);
    expect(await signInRetryAfter(database.db, keys, LIMITS, at(900))).toBe(0);

    // Other accounts and addresses are not affected.
    const other = [accountKey("other@limiter.example"), ipKey("203.0.113.11")];
    expect(await signInRetryAfter(database.db, other, LIMITS, at(20))).toBe(0);
    expect(await counted(other[0]!)).toBeNull();
  });

  it("starts a new window at the first failure after the old one has passed", async () => {
    const account = accountKey("window@limiter.example");
    for (const second of [0, 1, 2]) {
      await recordSignInFailure(database.db, [account], LIMITS, at(second));
    }
    expect(await signInRetryAfter(database.db, [account], LIMITS, at(3))).toBe(897);

    await recordSignInFailure(database.db, [account], LIMITS, at(901));
    expect(await counted(account)).toEqual({ failures: 1, windowStartedAt: at(901) });
    expect(await signInRetryAfter(database.db, [account], LIMITS, at(902))).toBe(0);
  });

  it("clears one key and leaves the others", async () => {
    const account = accountKey("cleared@limiter.example");
    const ip = ipKey("203.0.113.12");
    for (const second of [0, 1, 2]) {
      await recordSignInFailure(database.db, [account, ip], LIMITS, at(second));
    }
    await clearSignInFailures(database.db, account);

    expect(await counted(account)).toBeNull();
    expect(await counted(ip)).toEqual({ failures: 3, windowStartedAt: T0 });
    expect(await signInRetryAfter(database.db, [account], LIMITS, at(3))).toBe(0);
    expect(await signInRetryAfter(database.db, [account, ip], LIMITS, at(3))).toBe(897);
  });

  it("counts every one of 10 simultaneous failures, from two console processes on PostgreSQL", async () => {
    const account = accountKey("racing@limiter.example");
    const ip = ipKey("203.0.113.13");
    // On PostgreSQL a second openDatabase is a second pool: another console process.
    const second = database.url ? await openDatabase({ url: database.url }) : null;
    try {
      const pools: Database[] = [database.db, second?.db ?? database.db];
      await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          recordSignInFailure(pools[index % 2]!, [account, ip], LIMITS, at(index)),
        ),
      );
    } finally {
      await second?.close();
    }

    expect((await counted(account))?.failures).toBe(10);
    expect((await counted(ip))?.failures).toBe(10);
    expect(await signInRetryAfter(database.db, [ip], LIMITS, at(10))).toBeGreaterThan(0);
  });
});
