import { randomBytes } from "node:crypto";

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type OpenDatabase, openDatabase } from "@/lib/server/db/open";
import { session, signInFailure } from "@/lib/server/db/schema";
import {
  TEST_BASE_URL,
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
import { accountKey } from "./sign-in-limiter";

const LOCKED = { ok: false, status: 429, code: "TOO_MANY_ATTEMPTS" };
const WRONG = { ok: false, status: 401, code: "INVALID_EMAIL_OR_PASSWORD" };

/** Failed sign-ins in these tests are limited to 3 per account and per client IP (900 s). */
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

  it("locks an account after 3 wrong passwords, even for the right password from a new address", async () => {
    const user = await createTestUser(auth, "locked@limits.example", "support");
    // Each guess from another address: the per-account limit must catch a spread-out attack.
    for (const ip of ["192.0.2.11", "192.0.2.12", "192.0.2.13"]) {
      expect(await trySignIn(auth, user.email, "guess-guess-guess", ip)).toEqual(WRONG);
    }

    expect(await trySignIn(auth, user.email, user.password, "192.0.2.14")).toEqual(LOCKED);
    const response = await signInOverHttp(user.email, user.password, "192.0.2.15");
    expect(response.status).toBe(429);
    expect(await response.json()).toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await database.db.select().from(session).where(eq(session.userId, user.id))).toEqual([]);

    const rows = await signInAuditRows(database.db, user.email);
    expect(rows.map((row) => [row.outcome, row.ipAddress, row.errorName])).toEqual([
      ["failure", "192.0.2.11", "INVALID_EMAIL_OR_PASSWORD"],
      ["failure", "192.0.2.12", "INVALID_EMAIL_OR_PASSWORD"],
      ["failure", "192.0.2.13", "INVALID_EMAIL_OR_PASSWORD"],
      ["denied", "192.0.2.14", "TOO_MANY_ATTEMPTS"],
      ["denied", "192.0.2.15", "TOO_MANY_ATTEMPTS"],
    ]);
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
    for (const [index, spelling] of [
      "Mixed@Limits.example",
      " MIXED@limits.example",
      "mixed@LIMITS.EXAMPLE",
    ].entries()) {
      expect(
        await trySignIn(auth, spelling, "guess-guess-guess", `192.0.2.${41 + index}`),
      ).toMatchObject({
        ok: false,
      });
    }
    expect(await trySignIn(auth, user.email, user.password, "192.0.2.44")).toEqual(LOCKED);
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

  it("counts simultaneous failures from both processes and locks the account in both", async () => {
    const user = await createTestUser(first, "shared@limits.example", "support");
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        trySignIn(
          index % 2 ? other : first,
          user.email,
          "guess-guess-guess",
          `192.0.2.${51 + index}`,
        ),
      ),
    );
    // The check happens before the count, so some of the six may already be refused.
    for (const attempt of attempts) expect([WRONG, LOCKED]).toContainEqual(attempt);
    const wrong = attempts.filter((attempt) => attempt.ok === false && attempt.status === 401);
    const [counted] = await database.db
      .select({ failures: signInFailure.failures })
      .from(signInFailure)
      .where(eq(signInFailure.key, accountKey(user.email)));
    expect(counted).toEqual({ failures: wrong.length });
    expect(wrong.length).toBeGreaterThanOrEqual(3);

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
