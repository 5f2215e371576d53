/**
 * The user actions end to end below the browser: the real action files, the action wrapper, Better
 * Auth, on both databases (the last-administrator race on a real server's concurrent
 * transactions too). Only `next/headers` is replaced, by a per-call request (so two
 * administrators can act at the same moment).
 */
import { APIError } from "better-auth/api";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { createUser } from "@/app/(console)/admin/users/actions/create-user";
import { disableUser } from "@/app/(console)/admin/users/actions/disable-user";
import { enableUser } from "@/app/(console)/admin/users/actions/enable-user";
import { revokeUserSessions } from "@/app/(console)/admin/users/actions/revoke-user-sessions";
import { setUserRole } from "@/app/(console)/admin/users/actions/set-user-role";
import { AppError } from "@/lib/errors";
import { type ConsoleAuth, createConsoleAuth } from "@/lib/server/auth/auth";
import { getSessionUser } from "@/lib/server/auth/session";
import type { OpenDatabase } from "@/lib/server/db/open";
import { auditEvent, user as userTable } from "@/lib/server/db/schema";
import { DATABASE_BACKENDS, openTestDatabase } from "@/test-support/test-database";

import { listConsoleUsers } from "./directory";
import {
  SELF_DEMOTE_MESSAGE,
  SELF_DISABLE_MESSAGE,
  disableConsoleUser,
  setConsoleUserRole,
} from "./manage";

const mocks = await vi.hoisted(async () => {
  const { AsyncLocalStorage } = await import("node:async_hooks");
  process.env.CONNECT_INSTANCE_ID = "test-instance";
  process.env.BETTER_AUTH_SECRET = "user-admin-test-secret-4b8e2f6a1c9d3075";
  process.env.TRUSTED_IP_HEADER = "x-real-ip";
  return { request: new AsyncLocalStorage<Headers>() };
});

vi.mock("next/headers", () => ({
  headers: () => Promise.resolve(mocks.request.getStore() ?? new Headers()),
}));

const PASSWORD = "a-long-enough-password";
let opened: OpenDatabase;
let auth: ConsoleAuth;

async function signInHeaders(email: string, ip = "203.0.113.10"): Promise<Headers> {
  const result = await auth.api.signInEmail({
    body: { email, password: PASSWORD },
    returnHeaders: true,
  });
  const cookie = result.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  return new Headers({ cookie, "x-real-ip": ip, "user-agent": "vitest" });
}

function as<T>(headers: Headers, call: () => Promise<T>): Promise<T> {
  return mocks.request.run(headers, call);
}

async function seedUser(email: string, role: "admin" | "supervisor" | "lead" | "support") {
  const { user } = await auth.api.createUser({
    body: { email, password: PASSWORD, name: email.split("@")[0]!, role },
  });
  return user.id;
}

async function auditRows(action: string, targetId?: string) {
  return opened.db
    .select()
    .from(auditEvent)
    .where(
      targetId
        ? and(eq(auditEvent.action, action), eq(auditEvent.targetId, targetId))
        : eq(auditEvent.action, action),
    );
}

async function findListed(email: string) {
  return (await listConsoleUsers(opened.db)).find((user) => user.email === email);
}

let adminA: Headers;
let adminAId: string;
let adminBId: string;

describe.each(DATABASE_BACKENDS)("user administration on %s", (backend) => {
  beforeAll(async () => {
    opened = await openTestDatabase(backend);
    auth = createConsoleAuth(opened.db, {
      secret: process.env.BETTER_AUTH_SECRET!,
      baseURL: "http://127.0.0.1:3000",
      trustedIpHeader: "x-real-ip",
      signInLimits: { maxFailures: 5, maxFailuresPerAccount: 20, windowSeconds: 900 },
    });
    // The holders lib/server/db and lib/server/auth fill on first use in a real process.
    const holder = globalThis as unknown as {
      __consoleDb?: Promise<OpenDatabase>;
      __consoleAuth?: Promise<ConsoleAuth>;
    };
    holder.__consoleDb = Promise.resolve(opened);
    holder.__consoleAuth = Promise.resolve(auth);
    adminAId = await seedUser("admin-a@example.test", "admin");
    adminBId = await seedUser("admin-b@example.test", "admin");
    adminA = await signInHeaders("admin-a@example.test");
  }, 60_000);

  afterAll(async () => {
    await opened?.close();
  });

  describe("user.create", () => {
    it("creates the user, who can sign in, and records who did it without the password", async () => {
      const result = await as(adminA, () =>
        createUser({
          name: "Ada Lead",
          email: " Ada@Example.test ",
          role: "lead",
          password: PASSWORD,
        }),
      );
      expect(result).toMatchObject({ ok: true, data: { email: "ada@example.test", role: "lead" } });
      if (!result.ok) return;

      expect(await findListed("ada@example.test")).toMatchObject({
        name: "Ada Lead",
        role: "lead",
        isActive: true,
        activeSessions: 0,
      });
      await signInHeaders("ada@example.test");
      expect(await findListed("ada@example.test")).toMatchObject({ activeSessions: 1 });

      const [row] = await auditRows("user.create", result.data.userId);
      expect(row).toMatchObject({
        outcome: "success",
        actorId: adminAId,
        actorEmail: "admin-a@example.test",
        ipAddress: "203.0.113.10",
        request: { name: "Ada Lead", email: "ada@example.test", role: "lead" },
        detail: { email: "ada@example.test", role: "lead" },
      });
      expect(JSON.stringify(row)).not.toContain(PASSWORD);
    });

    it("refuses a short password before anything is written", async () => {
      const result = await as(adminA, () =>
        createUser({
          name: "Short",
          email: "short@example.test",
          role: "support",
          password: "elevenchars",
        }),
      );
      expect(result).toMatchObject({
        ok: false,
        code: "INVALID_INPUT",
        fieldErrors: { password: ["The initial password must be at least 12 characters."] },
      });
      expect(await findListed("short@example.test")).toBeUndefined();
    });

    it("names the email field for an address already in use, whatever its case", async () => {
      const result = await as(adminA, () =>
        createUser({
          name: "Copy",
          email: "ADMIN-B@example.test",
          role: "support",
          password: PASSWORD,
        }),
      );
      expect(result).toMatchObject({
        ok: false,
        code: "CONFLICT",
        fieldErrors: { email: ["A user with this email already exists."] },
      });
      const failures = (await auditRows("user.create")).filter((row) => row.outcome === "failure");
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatchObject({
        errorName: "CONFLICT",
        request: { email: "admin-b@example.test" },
      });
    });

    it("is refused and recorded as denied for a role without users.manage", async () => {
      await seedUser("sam-support@example.test", "support");
      const support = await signInHeaders("sam-support@example.test");
      const result = await as(support, () =>
        createUser({ name: "Eve", email: "eve@example.test", role: "admin", password: PASSWORD }),
      );
      expect(result).toMatchObject({
        ok: false,
        code: "FORBIDDEN",
        requiredPermission: "users.manage",
      });
      expect(await findListed("eve@example.test")).toBeUndefined();
      const denied = (await auditRows("user.create")).filter((row) => row.outcome === "denied");
      expect(denied).toMatchObject([{ actorEmail: "sam-support@example.test" }]);
    });
  });

  describe("user.set_role", () => {
    it("changes the role, which the user's next request sees, and records old and new", async () => {
      const id = await seedUser("ren@example.test", "support");
      const ren = await signInHeaders("ren@example.test");
      expect(await as(ren, getSessionUser)).toMatchObject({ role: "support" });

      const result = await as(adminA, () => setUserRole({ userId: id, role: "supervisor" }));
      expect(result).toMatchObject({
        ok: true,
        data: { previousRole: "support", role: "supervisor" },
      });
      expect(await as(ren, getSessionUser)).toMatchObject({ role: "supervisor" });
      expect(await auditRows("user.set_role", id)).toMatchObject([
        {
          outcome: "success",
          request: { userId: id, role: "supervisor" },
          detail: { email: "ren@example.test", previousRole: "support", role: "supervisor" },
        },
      ]);
    });

    it("does not let an administrator demote themselves", async () => {
      const result = await as(adminA, () => setUserRole({ userId: adminAId, role: "lead" }));
      expect(result).toMatchObject({ ok: false, code: "CONFLICT", formError: SELF_DEMOTE_MESSAGE });
      expect(await findListed("admin-a@example.test")).toMatchObject({ role: "admin" });
      expect(await auditRows("user.set_role", adminAId)).toMatchObject([
        { outcome: "failure", errorName: "CONFLICT" },
      ]);
    });

    it("rejects a role that does not exist", async () => {
      // As a forged request would send it: the type only checks the console's own callers.
      const result = await as(adminA, () =>
        setUserRole({ userId: adminBId, role: "owner" as never }),
      );
      expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT" });
      expect(result.ok ? [] : result.fieldErrors.role).toEqual(["Choose one of the listed roles."]);
    });
  });

  describe("user.disable, user.enable, user.revoke_sessions", () => {
    it("disables a user: their session ends at once and they cannot sign in until re-enabled", async () => {
      const id = await seedUser("dee@example.test", "lead");
      const dee = await signInHeaders("dee@example.test");

      const result = await as(adminA, () =>
        disableUser({ userId: id, reason: "  Left the team  " }),
      );
      expect(result).toMatchObject({
        ok: true,
        data: { reason: "Left the team", revokedSessions: 1 },
      });
      expect(await as(dee, getSessionUser)).toBeNull();
      await expect(signInHeaders("dee@example.test")).rejects.toSatisfy(
        (error) =>
          error instanceof APIError &&
          (error.body as { code?: string } | undefined)?.code === "BANNED_USER",
      );
      expect(await findListed("dee@example.test")).toMatchObject({
        isActive: false,
        banReason: "Left the team",
        activeSessions: 0,
      });

      expect(await as(adminA, () => enableUser({ userId: id }))).toMatchObject({ ok: true });
      expect(await as(await signInHeaders("dee@example.test"), getSessionUser)).toMatchObject({
        email: "dee@example.test",
      });
      expect(await findListed("dee@example.test")).toMatchObject({
        isActive: true,
        banReason: null,
      });

      expect(await auditRows("user.disable", id)).toMatchObject([
        { outcome: "success", detail: { reason: "Left the team", revokedSessions: 1 } },
      ]);
      expect(await auditRows("user.enable", id)).toMatchObject([{ outcome: "success" }]);
    });

    it("does not let an administrator disable themselves", async () => {
      const result = await as(adminA, () => disableUser({ userId: adminAId }));
      expect(result).toMatchObject({
        ok: false,
        code: "CONFLICT",
        formError: SELF_DISABLE_MESSAGE,
      });
      expect(await as(adminA, getSessionUser)).toMatchObject({ id: adminAId });
    });

    it("revokes every session of a user and counts them", async () => {
      const id = await seedUser("rob@example.test", "support");
      const first = await signInHeaders("rob@example.test");
      const second = await signInHeaders("rob@example.test", "203.0.113.11");

      const result = await as(adminA, () => revokeUserSessions({ userId: id }));
      expect(result).toMatchObject({ ok: true, data: { revokedSessions: 2, isSelf: false } });
      expect(await as(first, getSessionUser)).toBeNull();
      expect(await as(second, getSessionUser)).toBeNull();
      expect(await findListed("rob@example.test")).toMatchObject({
        activeSessions: 0,
        isActive: true,
      });
      expect(await auditRows("user.revoke_sessions", id)).toMatchObject([
        { outcome: "success", detail: { email: "rob@example.test", revokedSessions: 2 } },
      ]);
    });

    it("answers a user id that does not exist with NOT_FOUND", async () => {
      const result = await as(adminA, () => revokeUserSessions({ userId: "no-such-user" }));
      expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    });
  });

  describe("the last active administrator", () => {
    it("cannot be disabled or demoted", async () => {
      // As if another administrator had just demoted A while A's request was already past the
      // action wrapper: B is now the only active administrator.
      await opened.db
        .update(userTable)
        .set({ role: "supervisor" })
        .where(eq(userTable.id, adminAId));
      const contextA = { auth, db: opened.db, headers: adminA, actorId: adminAId };
      const message =
        "admin-b is the last active administrator. Make someone else an administrator first.";
      try {
        await expect(
          setConsoleUserRole(contextA, { userId: adminBId, role: "support" }),
        ).rejects.toThrow(message);
        await expect(
          disableConsoleUser(contextA, { userId: adminBId, reason: undefined }),
        ).rejects.toThrow(message);
        expect(await findListed("admin-b@example.test")).toMatchObject({
          role: "admin",
          isActive: true,
        });
      } finally {
        await opened.db.update(userTable).set({ role: "admin" }).where(eq(userTable.id, adminAId));
      }
    });

    it("survives two administrators removing each other at the same moment", async () => {
      const adminB = await signInHeaders("admin-b@example.test");
      // Straight to the operations: both callers are past the action wrapper's role check, which
      // is the window in which a race could leave no administrator at all.
      const results = await Promise.allSettled([
        setConsoleUserRole(
          { auth, db: opened.db, headers: adminA, actorId: adminAId },
          { userId: adminBId, role: "support" },
        ),
        disableConsoleUser(
          { auth, db: opened.db, headers: adminB, actorId: adminBId },
          { userId: adminAId, reason: undefined },
        ),
      ]);
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((result) => result.status === "rejected");
      expect(refused?.reason).toBeInstanceOf(AppError);
      const activeAdmins = (await listConsoleUsers(opened.db)).filter(
        (user) => user.role === "admin" && user.isActive,
      );
      expect(activeAdmins).toHaveLength(1);
    });
  });
});
