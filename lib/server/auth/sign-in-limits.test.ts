import { randomBytes } from "node:crypto";

import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type OpenDatabase, openDatabase } from "@/lib/server/db/open";
import { session, signInFailure } from "@/lib/server/db/schema";
import {
  TEST_BASE_URL,
  TEST_SIGN_IN_LIMITS,
  createTestAuth,
  createTestUser,
  signInAuditRows,
  trySignIn,
} from "@/test-support/auth";
import {
  DATABASE_BACKENDS,
  type TestDatabase,
  openTestDatabase,
} from "@/test-support/test-database";

import type { ConsoleAuth } from "./auth";
import { accountFromIpKey, accountKey, ipKey } from "./sign-in-limiter";

const LOCKED = { ok: false, status: 429, code: "TOO_MANY_ATTEMPTS" };
const WRONG = { ok: false, status: 401, code: "INVALID_EMAIL_OR_PASSWORD" };

/**
 * Failed sign-ins in these tests are limited to 3 per account from one address and per address,
 * and 5 per account over all addresses, within 900 s (TEST_SIGN_IN_LIMITS).
 */
const { maxFailures, maxFailuresPerAccount, windowSeconds } = TEST_SIGN_IN_LIMITS;

describe.each(DATABASE_BACKENDS)("console sign-in limits on %s", (backend) => {
  let database: TestDatabase;
  let auth: ConsoleAuth;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    auth = createTestAuth(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });

  function signInOverHttp(email: string, password: string, ip: string) {
    return auth.handler(
      new Request(`${TEST_BASE_URL}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: TEST_BASE_URL, "x-real-ip": ip },
        body: JSON.stringify({ email, password }),
      }),
    );
  }

  async function failures(key: string) {
    const [row] = await database.db
      .select({ failures: signInFailure.failures })
      .from(signInFailure)
      .where(eq(signInFailure.key, key));
    return row?.failures ?? 0;
  }

  it("checks exactly 3 passwords of 20 simultaneous wrong guesses from one address, and refuses the rest", async () => {
    const user = await createTestUser(auth, "raced@limits.example", "support");
    const ip = "192.0.2.1";
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => signInOverHttp(user.email, "guess-guess-guess", ip)),
    );
    const statuses = responses.map((response) => response.status);
    // 401 is a password that was checked and wrong; 429 was refused before any check.
    expect(statuses.filter((status) => status === 401)).toHaveLength(maxFailures);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20 - maxFailures);
    expect(await failures(accountFromIpKey(user.email, ip))).toBe(maxFailures);
    expect(await failures(ipKey(ip))).toBe(maxFailures);
    // The flood from one place added 3 to the account, not 20: the person signs in elsewhere.
    expect(await failures(accountKey(user.email))).toBe(maxFailures);
    expect((await trySignIn(auth, user.email, user.password, "192.0.2.2")).ok).toBe(true);

    // One aggregated row per outcome for the address and minute: 3 failures, 17 refusals.
    const rows = await signInAuditRows(database.db, user.email);
    expect(rows.map((row) => [row.outcome, row.ipAddress, row.repeatCount])).toEqual(
      expect.arrayContaining([
        ["failure", ip, 3],
        ["denied", ip, 17],
        ["success", "192.0.2.2", 1],
      ]),
    );
  });

  it("locks an account after 5 wrong passwords from 5 addresses, even for the right password from a sixth", async () => {
    const user = await createTestUser(auth, "locked@limits.example", "support");
    const addresses = ["192.0.2.11", "192.0.2.12", "192.0.2.13", "192.0.2.14", "192.0.2.15"];
    // Each guess from another address: the per-account limit must catch a spread-out attack.
    for (const ip of addresses.slice(0, maxFailuresPerAccount)) {
      expect(await trySignIn(auth, user.email, "guess-guess-guess", ip)).toEqual(WRONG);
    }

    expect(await trySignIn(auth, user.email, user.password, "192.0.2.16")).toEqual(LOCKED);
    const response = await signInOverHttp(user.email, user.password, "192.0.2.17");
    expect(response.status).toBe(429);
    expect(await response.json()).toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await database.db.select().from(session).where(eq(session.userId, user.id))).toEqual([]);

    const rows = await signInAuditRows(database.db, user.email);
    expect(rows.map((row) => [row.outcome, row.ipAddress, row.errorName])).toEqual([
      ...addresses.map((ip) => ["failure", ip, "INVALID_EMAIL_OR_PASSWORD"]),
      ["denied", "192.0.2.16", "TOO_MANY_ATTEMPTS"],
      ["denied", "192.0.2.17", "TOO_MANY_ATTEMPTS"],
    ]);
  });

  it("without a trusted client-IP header, checks exactly 3 of 20 simultaneous guesses at one account", async () => {
    const noIp = createTestAuth(database.db, undefined, { trustedIpHeader: null });
    const user = await createTestUser(noIp, "no-ip@limits.example", "lead");
    const attempts = await Promise.all(
      Array.from({ length: 20 }, () => trySignIn(noIp, user.email, "guess-guess-guess", "ignored")),
    );
    expect(attempts.filter((attempt) => !attempt.ok && attempt.status === 401)).toHaveLength(3);
    expect(attempts.filter((attempt) => !attempt.ok && attempt.status === 429)).toHaveLength(17);
    expect(await failures(accountKey(user.email))).toBe(maxFailures);
    expect(await failures(ipKey("ignored"))).toBe(0);
  });

  it("ends a lockout when the window that the first failure opened is over, however often it was tried", async () => {
    let now = new Date("2031-01-01T00:00:00.000Z");
    const clocked = createTestAuth(database.db, undefined, { now: () => now });
    const user = await createTestUser(clocked, "window@limits.example", "support");
    const start = now;
    for (let attempt = 0; attempt < maxFailures; attempt += 1) {
      expect(await trySignIn(clocked, user.email, "guess-guess-guess", "192.0.2.81")).toEqual(
        WRONG,
      );
    }
    // Refused attempts all through the window do not move its end.
    for (const seconds of [1, 300, 600, windowSeconds - 1]) {
      now = new Date(start.getTime() + seconds * 1000);
      expect(await trySignIn(clocked, user.email, user.password, "192.0.2.81")).toEqual(LOCKED);
    }
    now = new Date(start.getTime() + windowSeconds * 1000);
    expect((await trySignIn(clocked, user.email, user.password, "192.0.2.81")).ok).toBe(true);
  });

  it("writes only the address key for emails that have no account", async () => {
    const ip = "192.0.2.91";
    for (const name of ["ghost-1", "ghost-2", "ghost-3", "ghost-4"]) {
      await trySignIn(auth, `${name}@nowhere.limits.example`, "guess-guess-guess", ip);
    }
    const keys = await database.db
      .select({ key: signInFailure.key, failures: signInFailure.failures })
      .from(signInFailure)
      .where(like(signInFailure.key, "%nowhere.limits.example%"));
    expect(keys).toEqual([]);
    expect(await failures(ipKey(ip))).toBe(maxFailures);
  });

  it("limits one address across accounts, and a rotated X-Forwarded-For is not a new address", async () => {
    const ip = "192.0.2.21";
    const victims = await Promise.all(
      ["one", "two", "three", "four"].map((name) =>
        createTestUser(auth, `${name}@spray.limits.example`, "support"),
      ),
    );
    // One wrong guess per account: no account reaches its own limit, the address does.
    for (const [index, victim] of victims.slice(0, 3).entries()) {
      const spoofed = { "x-forwarded-for": `203.0.113.${100 + index}` };
      expect(await trySignIn(auth, victim.email, "guess-guess-guess", ip, spoofed)).toEqual(WRONG);
    }

    const fourth = victims[3]!;
    const spoofed = { "x-forwarded-for": "203.0.113.200" };
    expect(await trySignIn(auth, fourth.email, fourth.password, ip, spoofed)).toEqual(LOCKED);
    expect(await signInAuditRows(database.db, fourth.email)).toEqual([
      {
        outcome: "denied",
        actorId: null,
        actorEmail: fourth.email,
        actorRole: null,
        ipAddress: ip,
        errorName: "TOO_MANY_ATTEMPTS",
        repeatCount: 1,
      },
    ]);

    // The account itself is fine: from another address it signs in.
    const elsewhere = await trySignIn(auth, fourth.email, fourth.password, "192.0.2.22");
    expect(elsewhere.ok).toBe(true);
  });

  it("clears an account's failures when it signs in correctly", async () => {
    const user = await createTestUser(auth, "cleared@limits.example", "lead");
    for (const ip of ["192.0.2.31", "192.0.2.32"]) {
      expect(await trySignIn(auth, user.email, "guess-guess-guess", ip)).toEqual(WRONG);
    }
    const [counted] = await database.db
      .select({ failures: signInFailure.failures })
      .from(signInFailure)
      .where(eq(signInFailure.key, accountKey(user.email)));
    expect(counted).toEqual({ failures: 2 });

    expect((await trySignIn(auth, user.email, user.password, "192.0.2.33")).ok).toBe(true);
    expect(
      await database.db
        .select()
        .from(signInFailure)
        .where(eq(signInFailure.key, accountKey(user.email))),
    ).toEqual([]);

    // Two more mistakes would have been the 3rd and 4th without the reset.
    for (const ip of ["192.0.2.34", "192.0.2.35"]) {
      expect(await trySignIn(auth, user.email, "guess-guess-guess", ip)).toEqual(WRONG);
    }
    expect((await trySignIn(auth, user.email, user.password, "192.0.2.36")).ok).toBe(true);

    const rows = await signInAuditRows(database.db, user.email);
    expect(rows.map((row) => [row.outcome, row.actorRole, row.ipAddress])).toEqual([
      ["failure", null, "192.0.2.31"],
      ["failure", null, "192.0.2.32"],
      ["success", "lead", "192.0.2.33"],
      ["failure", null, "192.0.2.34"],
      ["failure", null, "192.0.2.35"],
      ["success", "lead", "192.0.2.36"],
    ]);
  });

  it("counts the email without regard to case or spaces", async () => {
    const user = await createTestUser(auth, "mixed@limits.example", "support");
    const spellings = [
      "Mixed@Limits.example",
      " MIXED@limits.example",
      "mixed@LIMITS.EXAMPLE",
      "MiXeD@limits.example ",
      "mixed@limits.EXAMPLE",
    ];
    for (const [index, spelling] of spellings.entries()) {
      expect(
        await trySignIn(auth, spelling, "guess-guess-guess", `192.0.2.${41 + index}`),
      ).toMatchObject({ ok: false });
    }
    expect(await trySignIn(auth, user.email, user.password, "192.0.2.49")).toEqual(LOCKED);
  });
});

describe("console sign-in limits shared by two console processes on PostgreSQL", () => {
  let database: TestDatabase;
  let second: OpenDatabase;
  let first: ConsoleAuth;
  let other: ConsoleAuth;

  beforeAll(async () => {
    database = await openTestDatabase("PostgreSQL");
    // Another openDatabase is another pool: what a second console process would hold.
    second = await openDatabase({ url: database.url! });
    const secret = randomBytes(32).toString("base64url");
    first = createTestAuth(database.db, secret);
    other = createTestAuth(second.db, secret);
  });
  afterAll(async () => {
    await second?.close();
    await database?.close();
  });

  it("checks exactly as many passwords as the limit allows when both processes are guessed at once", async () => {
    const user = await createTestUser(first, "shared@limits.example", "support");
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        trySignIn(
          index % 2 ? other : first,
          user.email,
          "guess-guess-guess",
          `192.0.2.${51 + index}`,
        ),
      ),
    );
    // Counted before the check: exactly 5 (the per-account limit) wrong, the rest refused.
    const wrong = attempts.filter((attempt) => !attempt.ok && attempt.status === 401);
    const refused = attempts.filter((attempt) => !attempt.ok && attempt.status === 429);
    expect([wrong.length, refused.length]).toEqual([TEST_SIGN_IN_LIMITS.maxFailuresPerAccount, 3]);
    const [counted] = await database.db
      .select({ failures: signInFailure.failures })
      .from(signInFailure)
      .where(eq(signInFailure.key, accountKey(user.email)));
    expect(counted).toEqual({ failures: TEST_SIGN_IN_LIMITS.maxFailuresPerAccount });

    expect(await trySignIn(first, user.email, user.password, "192.0.2.61")).toEqual(LOCKED);
    expect(await trySignIn(other, user.email, user.password, "192.0.2.62")).toEqual(LOCKED);
  });

  it("accepts in one process a session signed in through the other, until it signs out there", async () => {
    const user = await createTestUser(first, "roaming@limits.example", "lead");
    const signedIn = await trySignIn(first, user.email, user.password, "192.0.2.71");
    if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.code}`);

    expect((await other.api.getSession({ headers: signedIn.cookie }))?.user.id).toBe(user.id);
    await first.api.signOut({ headers: signedIn.cookie });
    expect(await other.api.getSession({ headers: signedIn.cookie })).toBeNull();
  });
});
