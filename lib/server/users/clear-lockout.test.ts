/**
 * An administrator sees who is locked out by failed sign-ins and ends it at once: the real action
 * file, the action wrapper, Better Auth and both databases. Only `next/headers` is replaced.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { clearSignInLockout } from "@/app/(console)/admin/users/actions/clear-sign-in-lockout";
import type { ConsoleAuth } from "@/lib/server/auth/auth";
import type { OpenDatabase } from "@/lib/server/db/open";
import { auditEvent } from "@/lib/server/db/schema";
import {
  TEST_SIGN_IN_LIMITS,
  type TestUser,
  createTestAuth,
  createTestUser,
  signIn,
  trySignIn,
} from "@/test-support/auth";
import {
  DATABASE_BACKENDS,
  type TestDatabase,
  openTestDatabase,
} from "@/test-support/test-database";

import { listConsoleUsers } from "./directory";

const mocks = vi.hoisted(() => {
  process.env.CONNECT_INSTANCE_ID = "lockout-instance";
  process.env.BETTER_AUTH_SECRET = "lockout-test-secret-8a3f6c1e9d2b4075";
  process.env.TRUSTED_IP_HEADER = "x-real-ip";
  return { headers: new Headers() };
});
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(mocks.headers) }));

const WRONG = "not-the-password";
const SETTINGS = { limits: TEST_SIGN_IN_LIMITS, hasClientIp: true };

describe.each(DATABASE_BACKENDS)("clearing a sign-in lockout on %s", (backend) => {
  let database: TestDatabase;
  let auth: ConsoleAuth;
  let admin: Headers;
  let support: Headers;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    auth = createTestAuth(database.db);
    const holder = globalThis as unknown as {
      __consoleDb?: Promise<OpenDatabase>;
      __consoleAuth?: Promise<ConsoleAuth>;
    };
    holder.__consoleDb = Promise.resolve(database);
    holder.__consoleAuth = Promise.resolve(auth);
    const asHeaders = async (user: TestUser, ip: string) =>
      new Headers({ cookie: (await signIn(auth, user, ip)).get("cookie")!, "x-real-ip": ip });
    admin = await asHeaders(
      await createTestUser(auth, "admin@lockout.example", "admin"),
      "192.0.2.200",
    );
    support = await asHeaders(
      await createTestUser(auth, "support@lockout.example", "support"),
      "192.0.2.201",
    );
  });
  afterAll(async () => {
    await database?.close();
  });

  const lockOf = async (email: string) =>
    (await listConsoleUsers(database.db, new Date(), SETTINGS)).find((user) => user.email === email)
      ?.signInLock;

  it("shows the lock on the user, and after Clear lockout the person signs in at once from where they were locked out", async () => {
    const user = await createTestUser(auth, "locked@lockout.example", "lead");
    const ip = "192.0.2.10";
    const startedAt = Date.now();
    for (let attempt = 0; attempt < TEST_SIGN_IN_LIMITS.maxFailures; attempt += 1) {
      await trySignIn(auth, user.email, WRONG, ip);
    }
    expect(await trySignIn(auth, user.email, user.password, ip)).toMatchObject({ status: 429 });
    const lock = await lockOf(user.email);
    expect(lock).toMatchObject({ isEverywhere: false, addresses: [ip] });
    const until = Date.parse(lock!.until);
    expect(until).toBeGreaterThan(Date.now());
    expect(until).toBeLessThanOrEqual(startedAt + TEST_SIGN_IN_LIMITS.windowSeconds * 1000 + 1000);
    expect(await lockOf("admin@lockout.example")).toBeNull();

    mocks.headers = admin;
    expect(await clearSignInLockout({ userId: user.id })).toEqual({
      ok: true,
      data: { userId: user.id, name: "locked", email: user.email, clearedKeys: 2 },
    });
    expect(await lockOf(user.email)).toBeNull();
    expect((await trySignIn(auth, user.email, user.password, ip)).ok).toBe(true);

    const rows = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, "user.clear_lockout"), eq(auditEvent.targetId, user.id)));
    expect(rows).toMatchObject([
      {
        outcome: "success",
        actorEmail: "admin@lockout.example",
        detail: { email: user.email, clearedKeys: 2 },
      },
    ]);
  });

  it("shows a lock from every address once the account's own limit is reached", async () => {
    const user = await createTestUser(auth, "spread@lockout.example", "support");
    for (let index = 0; index < TEST_SIGN_IN_LIMITS.maxFailuresPerAccount; index += 1) {
      await trySignIn(auth, user.email, WRONG, `192.0.2.${20 + index}`);
    }
    expect(await lockOf(user.email)).toMatchObject({ isEverywhere: true });
    mocks.headers = admin;
    expect(await clearSignInLockout({ userId: user.id })).toMatchObject({ ok: true });
    expect((await trySignIn(auth, user.email, user.password, "192.0.2.99")).ok).toBe(true);
  });

  it("is refused, and recorded as denied, for a role without users.manage; the lock stays", async () => {
    const user = await createTestUser(auth, "still-locked@lockout.example", "support");
    for (let attempt = 0; attempt < TEST_SIGN_IN_LIMITS.maxFailures; attempt += 1) {
      await trySignIn(auth, user.email, WRONG, "192.0.2.30");
    }
    mocks.headers = support;
    expect(await clearSignInLockout({ userId: user.id })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(await lockOf(user.email)).toMatchObject({ addresses: ["192.0.2.30"] });
    const denied = await database.db
      .select({ actorEmail: auditEvent.actorEmail })
      .from(auditEvent)
      .where(and(eq(auditEvent.action, "user.clear_lockout"), eq(auditEvent.outcome, "denied")));
    expect(denied).toEqual([{ actorEmail: "support@lockout.example" }]);
  });
});
