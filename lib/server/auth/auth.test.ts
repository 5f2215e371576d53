import { APIError } from "better-auth/api";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { auditEvent, session, user } from "@/lib/server/db/schema";
import {
  TEST_BASE_URL,
  type TestUser,
  createTestAuth,
  createTestUser,
  signIn,
  signInAuditRows,
  trySignIn,
} from "@/test-support/auth";
import {
  DATABASE_BACKENDS,
  type TestDatabase,
  openTestDatabase,
} from "@/test-support/test-database";

import type { ConsoleAuth } from "./auth";

describe.each(DATABASE_BACKENDS)("console auth (accounts and sessions) on %s", (backend) => {
  let database: TestDatabase;
  let auth: ConsoleAuth;
  let admin: TestUser;
  let adminCookie: Headers;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    auth = createTestAuth(database.db);
    admin = await createTestUser(auth, "admin@auth.example", "admin");
    adminCookie = await signIn(auth, admin, "198.51.100.1");
  });
  afterAll(async () => {
    await database?.close();
  });

  it("creates accounts server-side with their role and refuses self sign-up over HTTP", async () => {
    const lead = await createTestUser(auth, "new-lead@auth.example", "lead");
    const [row] = await database.db
      .select({ email: user.email, role: user.role, banned: user.banned })
      .from(user)
      .where(eq(user.id, lead.id));
    expect(row).toEqual({ email: "new-lead@auth.example", role: "lead", banned: false });

    const response = await auth.handler(
      new Request(`${TEST_BASE_URL}/api/auth/sign-up/email`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: TEST_BASE_URL,
          "x-real-ip": "198.51.100.2",
        },
        body: JSON.stringify({
          email: "self-signup@auth.example",
          password: "a-long-enough-password",
          name: "Self",
        }),
      }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "EMAIL_PASSWORD_SIGN_UP_DISABLED" });
    const created = await database.db
      .select({ id: user.id })
      .from(user)
      .where(eq(user.email, "self-signup@auth.example"));
    expect(created).toEqual([]);
  });

  it("refuses a role Better Auth does not know", async () => {
    await expect(
      auth.api.createUser({
        body: {
          email: "root@auth.example",
          password: "a-long-enough-password",
          name: "Root",
          role: "root" as "admin",
        },
      }),
    ).rejects.toBeInstanceOf(APIError);
  });

  it("signs in with a session cookie that resolves to the user and role, audited as a success", async () => {
    const supervisor = await createTestUser(auth, "supervisor@auth.example", "supervisor");
    const cookie = await signIn(auth, supervisor, "198.51.100.3");

    const current = await auth.api.getSession({ headers: cookie });
    expect(current?.user).toMatchObject({
      id: supervisor.id,
      email: supervisor.email,
      role: "supervisor",
    });
    expect(current?.session.ipAddress).toBe("198.51.100.3");

    expect(await signInAuditRows(database.db, supervisor.email)).toEqual([
      {
        outcome: "success",
        actorId: supervisor.id,
        actorEmail: supervisor.email,
        actorRole: "supervisor",
        ipAddress: "198.51.100.3",
        errorName: null,
        repeatCount: 1,
      },
    ]);
  });

  it("refuses a wrong password or an unknown email alike, and audits the unknown one without its email", async () => {
    const support = await createTestUser(auth, "support@auth.example", "support");
    const wrong = await trySignIn(auth, support.email, "not-the-password!", "198.51.100.4");
    expect(wrong).toEqual({ ok: false, status: 401, code: "INVALID_EMAIL_OR_PASSWORD" });
    const unknown = await trySignIn(
      auth,
      "nobody@auth.example",
      "whatever-password",
      "198.51.100.4",
    );
    expect(unknown).toEqual({ ok: false, status: 401, code: "INVALID_EMAIL_OR_PASSWORD" });

    const failure = {
      outcome: "failure",
      actorId: null,
      actorRole: null,
      ipAddress: "198.51.100.4",
      errorName: "INVALID_EMAIL_OR_PASSWORD",
      repeatCount: 1,
    };
    expect(await signInAuditRows(database.db, support.email)).toEqual([
      { ...failure, actorEmail: support.email },
    ]);
    // A made-up email is not kept: made-up emails are what a flood is made of.
    expect(await signInAuditRows(database.db, "nobody@auth.example")).toEqual([]);
    const anonymous = await database.db
      .select({ actorEmail: auditEvent.actorEmail, repeatCount: auditEvent.repeatCount })
      .from(auditEvent)
      .where(
        and(
          eq(auditEvent.action, "auth.sign_in"),
          eq(auditEvent.ipAddress, "198.51.100.4"),
          isNull(auditEvent.actorEmail),
        ),
      );
    expect(anonymous).toEqual([{ actorEmail: null, repeatCount: 1 }]);
  });

  it("ends the session on sign-out", async () => {
    const lead = await createTestUser(auth, "signout@auth.example", "lead");
    const cookie = await signIn(auth, lead, "198.51.100.5");
    expect((await auth.api.getSession({ headers: cookie }))?.user.id).toBe(lead.id);

    await auth.api.signOut({ headers: cookie });
    expect(await auth.api.getSession({ headers: cookie })).toBeNull();
  });

  it("ends every session of a user at the next request when an admin revokes them", async () => {
    const support = await createTestUser(auth, "revoked@auth.example", "support");
    const laptop = await signIn(auth, support, "198.51.100.6");
    const phone = await signIn(auth, support, "198.51.100.7");
    expect((await auth.api.getSession({ headers: laptop }))?.user.id).toBe(support.id);
    expect((await auth.api.getSession({ headers: phone }))?.user.id).toBe(support.id);

    await auth.api.revokeUserSessions({ headers: adminCookie, body: { userId: support.id } });

    expect(await auth.api.getSession({ headers: laptop })).toBeNull();
    expect(await auth.api.getSession({ headers: phone })).toBeNull();
    expect(await database.db.select().from(session).where(eq(session.userId, support.id))).toEqual(
      [],
    );
    // The admin's own session is untouched.
    expect((await auth.api.getSession({ headers: adminCookie }))?.user.id).toBe(admin.id);
  });

  it("ends a banned user's session and refuses their next sign-in, audited with the reason", async () => {
    const lead = await createTestUser(auth, "banned@auth.example", "lead");
    const cookie = await signIn(auth, lead, "198.51.100.8");

    await auth.api.banUser({
      headers: adminCookie,
      body: { userId: lead.id, banReason: "Left the team" },
    });

    expect(await auth.api.getSession({ headers: cookie })).toBeNull();
    expect(await trySignIn(auth, lead.email, lead.password, "198.51.100.8")).toEqual({
      ok: false,
      status: 403,
      code: "BANNED_USER",
    });
    const rows = await signInAuditRows(database.db, lead.email);
    expect(rows.map((row) => [row.outcome, row.errorName])).toEqual([
      ["success", null],
      ["failure", "BANNED_USER"],
    ]);
  });

  it("refuses admin endpoints to a session without the admin role", async () => {
    const supervisor = await createTestUser(auth, "not-admin@auth.example", "supervisor");
    const target = await createTestUser(auth, "target@auth.example", "support");
    const cookie = await signIn(auth, supervisor, "198.51.100.9");

    await expect(
      auth.api.banUser({ headers: cookie, body: { userId: target.id } }),
    ).rejects.toMatchObject({ statusCode: 403 });
    const [row] = await database.db
      .select({ banned: user.banned })
      .from(user)
      .where(eq(user.id, target.id));
    expect(row).toEqual({ banned: false });
  });
});
