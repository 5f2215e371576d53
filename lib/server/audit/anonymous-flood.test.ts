import { randomBytes } from "node:crypto";

import { and, eq, isNull, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";

import { auditFiltersSchema } from "@/lib/schemas/audit";
import { defineAction } from "@/lib/server/action";
import type { ConsoleAuth } from "@/lib/server/auth/auth";
import { requirePageUser } from "@/lib/server/auth/authorise";
import type { Database, OpenDatabase } from "@/lib/server/db/open";
import { auditEvent, signInFailure } from "@/lib/server/db/schema";
import { defineRoute } from "@/lib/server/route";
import { createTestAuth, createTestUser, signIn, trySignIn } from "@/test-support/auth";
import {
  DATABASE_BACKENDS,
  type TestDatabase,
  openTestDatabase,
  queryRows,
} from "@/test-support/test-database";

import { listAuditEvents } from "./query";

/**
 * Anonymous write amplification: a flood of requests nobody signed in for, through the real
 * wrappers (action, route handler, page guard) and Better Auth's sign-in, adds rows per client
 * and minute, never per request, while real events stay findable with their count. Only
 * `next/headers` is replaced, by the request of the moment.
 */
const mocks = vi.hoisted(() => {
  process.env.CONNECT_INSTANCE_ID = "flood-instance";
  process.env.BETTER_AUTH_SECRET = "flood-test-secret-5e1b9d3a7c2f4086";
  process.env.TRUSTED_IP_HEADER = "x-real-ip";
  return { headers: new Headers() };
});
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(mocks.headers) }));

const FLOOD = 10_000;
const SIGN_IN_FLOOD = 300;

const probeAction = defineAction({
  name: "flood.action",
  permission: "users.manage",
  input: z.object({}),
  audit: "none",
  run: () => Promise.resolve("ran"),
});
const probeRoute = defineRoute({
  name: "flood.route",
  permission: "audit.read.all",
  query: z.object({}),
  run: () => Promise.resolve(new Response("ran")),
});

/** Runs `count` calls, `parallel` at a time: a flood, not a queue. */
async function flood(count: number, parallel: number, call: (index: number) => Promise<unknown>) {
  for (let start = 0; start < count; start += parallel) {
    await Promise.all(
      Array.from({ length: Math.min(parallel, count - start) }, (_, offset) =>
        call(start + offset),
      ),
    );
  }
}

/** How many minute buckets a run from `start` to now can touch. */
const minutesSince = (start: number) =>
  Math.floor(Date.now() / 60_000) - Math.floor(start / 60_000) + 1;

const filters = (raw: Record<string, string>) => auditFiltersSchema.parse(raw);
const ALL = { userId: "nobody", canReadAll: true };

describe.each(DATABASE_BACKENDS)("an anonymous flood on %s", (backend) => {
  let database: TestDatabase;
  let auth: ConsoleAuth;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    auth = createTestAuth(database.db);
    // The holders lib/server/db and lib/server/auth fill on first use in a real process.
    const holder = globalThis as unknown as {
      __consoleDb?: Promise<OpenDatabase>;
      __consoleAuth?: Promise<ConsoleAuth>;
    };
    holder.__consoleDb = Promise.resolve(database);
    holder.__consoleAuth = Promise.resolve(auth);
  });
  afterAll(async () => {
    await database?.close();
  });

  const countRows = async (db: Database, ip: string) => {
    const [row] = await queryRows<{ rows: number; events: number }>(
      db,
      sql`select count(*)::int as rows, coalesce(sum(${auditEvent.repeatCount}), 0)::int as events
          from ${auditEvent} where ${auditEvent.ipAddress} = ${ip}`,
    );
    return row!;
  };

  it(`adds a row per client and minute for ${FLOOD} denied requests, not one per request`, async () => {
    const ip = "198.51.100.77";
    const start = Date.now();
    await flood(FLOOD, 25, (index) => {
      // The user agent is the attacker's to vary; it must not split the rows.
      mocks.headers = new Headers({ "x-real-ip": ip, "user-agent": `bot/${index}` });
      return index % 2
        ? probeAction({})
        : probeRoute(new Request("http://127.0.0.1:3000/api/flood"));
    });
    const { rows, events } = await countRows(database.db, ip);
    expect(events).toBe(FLOOD);
    // Two kinds (the action and the route), each at most once per minute the flood lasted.
    expect(rows).toBeGreaterThanOrEqual(2);
    expect(rows).toBeLessThanOrEqual(2 * minutesSince(start));
  }, 600_000);

  it(`adds a bounded number of rows for ${SIGN_IN_FLOOD} failed sign-ins with made-up emails`, async () => {
    const ip = "198.51.100.78";
    const start = Date.now();
    await flood(SIGN_IN_FLOOD, 20, () =>
      trySignIn(auth, `${randomBytes(6).toString("hex")}@made-up.example`, "guess-guess", ip),
    );
    const { rows, events } = await countRows(database.db, ip);
    expect(events).toBe(SIGN_IN_FLOOD);
    // The three checked failures and the refusals after them, each kind once per minute.
    expect(rows).toBeLessThanOrEqual(2 * minutesSince(start));
    const failures = await database.db
      .select({ key: signInFailure.key, failures: signInFailure.failures })
      .from(signInFailure)
      .where(like(signInFailure.key, `%${ip}%`));
    expect(failures).toEqual([{ key: `ip:${ip}`, failures: 3 }]);
    const emails = await database.db
      .select({ email: auditEvent.actorEmail })
      .from(auditEvent)
      .where(and(eq(auditEvent.ipAddress, ip), sql`${auditEvent.actorEmail} is not null`));
    expect(emails).toEqual([]);
  });

  it("keeps a signed-in user's denied requests and a real account's failed sign-ins findable, with their count", async () => {
    const support = await createTestUser(auth, "support@flood.example", "support");
    mocks.headers = new Headers({
      ...Object.fromEntries(await signIn(auth, support, "198.51.100.79")),
      "x-real-ip": "198.51.100.79",
    });
    const start = Date.now();
    for (let call = 0; call < 5; call += 1) {
      expect(await probeAction({})).toMatchObject({ ok: false, code: "FORBIDDEN" });
      await expect(requirePageUser("users.manage")).rejects.toThrow();
    }
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await trySignIn(auth, support.email, "not-the-password", "198.51.100.80");
    }

    const denied = await listAuditEvents(
      database.db,
      filters({ person: support.email, outcome: "denied" }),
      ALL,
    );
    expect(denied.events.length).toBeLessThanOrEqual(2 * minutesSince(start));
    const byAction = (action: string) =>
      denied.events
        .filter((event) => event.action === action)
        .reduce((sum, event) => sum + event.repeatCount, 0);
    expect([byAction("flood.action"), byAction("page.view")]).toEqual([5, 5]);
    expect(denied.events[0]).toMatchObject({ actorEmail: support.email, actorRole: "support" });

    const failed = await listAuditEvents(
      database.db,
      filters({ person: support.email, action: "auth.sign_in", outcome: "failure" }),
      ALL,
    );
    expect(failed.events.reduce((sum, event) => sum + event.repeatCount, 0)).toBe(2);
    expect(failed.events[0]).toMatchObject({
      ipAddress: "198.51.100.80",
      errorName: "INVALID_EMAIL_OR_PASSWORD",
    });
    // Nothing of the real account was folded into the anonymous rows.
    const anonymous = await database.db
      .select({ id: auditEvent.id })
      .from(auditEvent)
      .where(and(eq(auditEvent.ipAddress, "198.51.100.80"), isNull(auditEvent.actorEmail)));
    expect(anonymous).toEqual([]);
  });
});
