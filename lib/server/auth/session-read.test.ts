import { createHmac } from "node:crypto";

import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { session } from "@/lib/server/db/schema";
import { type TestUser, createTestAuth, createTestUser, signIn } from "@/test-support/auth";
import {
  DATABASE_BACKENDS,
  type TestDatabase,
  openTestDatabase,
} from "@/test-support/test-database";

import type { ConsoleAuth } from "./auth";
import { readSession, verifiedToken } from "./session-read";

const MINUTE = 60_000;

describe.each(DATABASE_BACKENDS)("the session read on %s", (backend) => {
  let database: TestDatabase;
  let auth: ConsoleAuth;
  let lead: TestUser;
  let ip = 10;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    auth = createTestAuth(database.db);
    lead = await createTestUser(auth, "lead@session-read.example", "lead");
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    await database?.close();
  });

  /** A fresh session of the lead; each test moves its own row. */
  const freshSession = () => signIn(auth, lead, `198.51.100.${ip++}`);
  const tokenOf = (cookie: Headers) => {
    const value = decodeURIComponent(/session_token=([^;]+)/.exec(cookie.get("cookie") ?? "")![1]!);
    return value.slice(0, value.lastIndexOf("."));
  };
  const rowOf = async (cookie: Headers) =>
    (
      await database.db
        .select()
        .from(session)
        .where(eq(session.token, tokenOf(cookie)))
    )[0];
  const watchGetSession = () => vi.spyOn(auth.api, "getSession");

  it("reads a plain session as getSession does, without asking Better Auth", async () => {
    const cookie = await freshSession();
    const expected = await auth.api.getSession({ headers: cookie });
    const getSession = watchGetSession();
    const read = await readSession(auth, database.db, cookie);
    expect(getSession).not.toHaveBeenCalled();
    expect(read).toEqual({
      session: {
        id: expected!.session.id,
        token: expected!.session.token,
        expiresAt: expected!.session.expiresAt,
      },
      user: {
        id: lead.id,
        email: lead.email,
        name: expected!.user.name,
        role: "lead",
        banned: false,
      },
    });
  });

  it("answers no session without a cookie, and a revoked session as signed out", async () => {
    const getSession = watchGetSession();
    expect(await readSession(auth, database.db, new Headers())).toBeNull();
    expect(getSession).not.toHaveBeenCalled();

    const cookie = await freshSession();
    await database.db.delete(session).where(eq(session.token, tokenOf(cookie)));
    expect(await readSession(auth, database.db, cookie)).toBeNull();
  });

  it("leaves a cookie whose signature is not ours to getSession, which refuses it", async () => {
    const cookie = await freshSession();
    const forged = new Headers({
      cookie: `better-auth.session_token=${encodeURIComponent(`${tokenOf(cookie)}.${"A".repeat(43)}=`)}`,
    });
    const getSession = watchGetSession();
    expect(await readSession(auth, database.db, forged)).toBeNull();
    expect(getSession).toHaveBeenCalledTimes(1);
  });

  it("leaves an expired session to getSession, which deletes it", async () => {
    const cookie = await freshSession();
    await database.db
      .update(session)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(session.token, tokenOf(cookie)));
    const getSession = watchGetSession();
    expect(await readSession(auth, database.db, cookie)).toBeNull();
    expect(getSession).toHaveBeenCalledTimes(1);
    expect(await rowOf(cookie)).toBeUndefined();
  });

  it("leaves a session due for its refresh to getSession, which extends it", async () => {
    const cookie = await freshSession();
    // The console's settings (auth.ts), as Better Auth holds them: in seconds.
    const { expiresIn, updateAge } = (await auth.$context).sessionConfig;
    const extendedAgo = (ms: number) => new Date(Date.now() + expiresIn * 1000 - ms);
    // Extended a minute longer ago than updateAge: Better Auth slides it now.
    const due = extendedAgo(updateAge * 1000 + MINUTE);
    await database.db
      .update(session)
      .set({ expiresAt: due })
      .where(eq(session.token, tokenOf(cookie)));
    const getSession = watchGetSession();
    const read = await readSession(auth, database.db, cookie);
    expect(read?.user.id).toBe(lead.id);
    expect(getSession).toHaveBeenCalledTimes(1);
    expect((await rowOf(cookie))!.expiresAt.getTime()).toBeGreaterThan(due.getTime() + MINUTE);

    // Extended a minute less long ago than updateAge: not due yet, so read directly.
    const notDue = extendedAgo(updateAge * 1000 - MINUTE);
    await database.db
      .update(session)
      .set({ expiresAt: notDue })
      .where(eq(session.token, tokenOf(cookie)));
    getSession.mockClear();
    expect((await readSession(auth, database.db, cookie))?.user.id).toBe(lead.id);
    expect(getSession).not.toHaveBeenCalled();
  });

  it("leaves a second session cookie or Better Auth's other session cookies to getSession", async () => {
    const cookie = await freshSession();
    const own = cookie.get("cookie")!;
    const getSession = watchGetSession();
    for (const header of [
      `${own}; ${own}`,
      `${own}; better-auth.dont_remember=x`,
      `${own}; better-auth.session_data=x`,
    ]) {
      getSession.mockClear();
      const read = await readSession(auth, database.db, new Headers({ cookie: header }));
      expect(getSession, header).toHaveBeenCalledTimes(1);
      // getSession's own answer, whatever it is, is the one returned.
      expect(read?.user.id ?? null).toEqual(
        (await auth.api.getSession({ headers: new Headers({ cookie: header }) }))?.user.id ?? null,
      );
    }
  });
});

describe("verifiedToken", () => {
  const secret = "a-secret-of-the-console";
  const sign = (token: string, key = secret) =>
    `${token}.${createHmac("sha256", key).update(token).digest("base64")}`;

  it("returns the token of a value signed with the secret, and nothing else", () => {
    expect(verifiedToken(sign("abc123"), secret)).toBe("abc123");
    expect(verifiedToken(sign("abc123", "another-secret"), secret)).toBeNull();
    expect(verifiedToken(`${sign("abc123")}x`, secret)).toBeNull();
    expect(verifiedToken("abc123", secret)).toBeNull();
    expect(verifiedToken(sign("abc123").replace("abc123", "abc124"), secret)).toBeNull();
  });
});
