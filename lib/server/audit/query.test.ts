/** Filters, scope and paging of the audit trail against an in-memory PGlite. */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type AuditFilters, auditFiltersSchema } from "@/lib/audit/trail";
import { type OpenDatabase, openDatabase } from "@/lib/server/db/open";
import { auditEvent } from "@/lib/server/db/schema";
import {
  DATABASE_BACKENDS,
  type TestDatabase,
  openTestDatabase,
} from "@/test-support/test-database";

import { type AuditScope, countAuditEvents, iterateAuditEvents, listAuditEvents } from "./query";

let database: OpenDatabase;
const ALL: AuditScope = { userId: "admin", canReadAll: true };
const SUPPORT: AuditScope = { userId: "support", canReadAll: false };
const NOW = new Date("2026-11-30T12:00:00.000Z");

const filters = (raw: Record<string, string> = {}): AuditFilters => auditFiltersSchema.parse(raw);

beforeAll(async () => {
  database = await openDatabase({});
  const base = { completedAt: null };
  await database.db.insert(auditEvent).values([
    // 120 sign-ins by support on 2026-11-29, one per minute.
    ...Array.from({ length: 120 }, (_, i) => ({
      ...base,
      action: "auth.sign_in",
      outcome: "success" as const,
      actorId: "support",
      actorEmail: "support@demo.example",
      occurredAt: new Date(Date.UTC(2026, 10, 29, 8, i)),
    })),
    {
      ...base,
      action: "auth.sign_in",
      outcome: "failure" as const,
      actorEmail: "nobody_100%@example.test",
      errorName: "INVALID_EMAIL_OR_PASSWORD",
      occurredAt: new Date("2026-11-30T09:00:00Z"),
    },
    {
      ...base,
      action: "task.start",
      outcome: "pending" as const,
      actorId: "lead",
      actorEmail: "lead@demo.example",
      clientToken: "tok-abc",
      request: { Name: "Refund for order 991" },
      occurredAt: new Date("2026-11-30T11:59:00Z"),
    },
    {
      ...base,
      action: "task.start",
      outcome: "pending" as const,
      actorId: "lead",
      actorEmail: "lead@demo.example",
      occurredAt: new Date("2026-11-30T11:50:00Z"),
    },
    {
      ...base,
      action: "user.set_role",
      outcome: "denied" as const,
      actorId: "support",
      actorEmail: "support@demo.example",
      occurredAt: new Date("2026-12-01T00:00:00Z"),
    },
    {
      ...base,
      action: "authx.other",
      outcome: "success" as const,
      actorId: "admin",
      actorEmail: "admin@demo.example",
      occurredAt: new Date("2026-11-28T23:59:59.999Z"),
    },
  ]);
});

afterAll(async () => {
  await database?.close();
});

describe("listAuditEvents", () => {
  it("pages newest first, 50 a page, with the total", async () => {
    const first = await listAuditEvents(database.db, filters(), ALL, NOW);
    expect(first.total).toBe(125);
    expect(first.pageCount).toBe(3);
    expect(first.events).toHaveLength(50);
    expect(first.events[0]!.action).toBe("user.set_role");
    const times = first.events.map((event) => event.occurredAt);
    expect(times).toEqual([...times].sort().reverse());
    const last = await listAuditEvents(database.db, filters({ page: "3" }), ALL, NOW);
    expect(last.events).toHaveLength(25);
    expect(last.events.at(-1)!.action).toBe("authx.other");
    // Past the end: the last page, not an empty one.
    expect((await listAuditEvents(database.db, filters({ page: "9" }), ALL, NOW)).page).toBe(3);
  });

  it("shows a reader without audit.read.all only their own rows, whatever the filters", async () => {
    const own = await listAuditEvents(database.db, filters(), SUPPORT, NOW);
    expect(own.total).toBe(121);
    expect(new Set(own.events.map((event) => event.actorId))).toEqual(new Set(["support"]));
    const other = await listAuditEvents(database.db, filters({ person: "lead" }), SUPPORT, NOW);
    expect(other.total).toBe(0);
  });

  it("filters by person (email part or actor id), outcome and action prefix", async () => {
    const count = (raw: Record<string, string>) => countAuditEvents(database.db, filters(raw), ALL);
    expect(await count({ person: "LEAD@demo" })).toBe(2);
    expect(await count({ person: "admin" })).toBe(1);
    expect(await count({ outcome: "denied" })).toBe(1);
    expect(await count({ action: "auth." })).toBe(121);
    expect(await count({ action: "auth*" })).toBe(122);
    expect(await count({ action: "auth" })).toBe(0);
    expect(await count({ action: "auth.sign_in", outcome: "failure" })).toBe(1);
    // % and _ are the characters themselves, not wildcards.
    expect(await count({ person: "nobody_100%" })).toBe(1);
    expect(await count({ person: "%" })).toBe(1);
    // In an action prefix too: "aut_" is not "auth".
    expect(await count({ action: "aut_*" })).toBe(0);
  });

  it("filters by inclusive UTC days and by free text in the request", async () => {
    const count = (raw: Record<string, string>) => countAuditEvents(database.db, filters(raw), ALL);
    expect(await count({ from: "2026-11-30", to: "2026-11-30" })).toBe(3);
    expect(await count({ to: "2026-11-28" })).toBe(1);
    expect(await count({ from: "2026-12-01" })).toBe(1);
    expect(await count({ q: "order 991" })).toBe(1);
    expect(await count({ q: "tok-abc" })).toBe(1);
  });

  it("marks pending rows with their age and whether they can be reconciled", async () => {
    const { events } = await listAuditEvents(
      database.db,
      filters({ outcome: "pending" }),
      ALL,
      NOW,
    );
    expect(events.map((event) => [event.pendingSeconds, event.isReconcilable])).toEqual([
      [60, false],
      [600, true],
    ]);
  });
});

describe("auditFiltersSchema", () => {
  it("explains bad values next to the field", () => {
    const result = auditFiltersSchema.safeParse({
      from: "2026-11-31",
      to: "yesterday",
      outcome: "maybe",
      action: "drop table",
    });
    expect(result.success).toBe(false);
    const byField = Object.fromEntries(
      result.error!.issues.map((issue) => [issue.path.join("."), issue.message]),
    );
    expect(byField).toEqual({
      from: "This day does not exist.",
      to: "Use a date like 2026-11-30.",
      outcome: "Choose pending, success, failure, unknown or denied.",
      action: "Use an action such as auth.sign_in, or a prefix ending in a dot such as task.",
    });
    const reversed = auditFiltersSchema.safeParse({ from: "2026-11-30", to: "2026-11-01" });
    expect(reversed.error?.issues.map((issue) => issue.path.join("."))).toEqual(["to"]);
  });

  it("treats blank fields as no filter", () => {
    expect(auditFiltersSchema.parse({ person: " ", outcome: "", from: "", page: "x" })).toEqual({
      person: undefined,
      action: undefined,
      outcome: undefined,
      from: undefined,
      to: undefined,
      q: undefined,
      page: 1,
    });
  });
});

describe("iterateAuditEvents", () => {
  it("walks every row once in batches, even rows microseconds apart", async () => {
    // Same millisecond, different microseconds: a millisecond cursor would lose one of them.
    await database.db.execute(sql`
      insert into audit_event (action, outcome, actor_email, occurred_at) values
      ('export.probe', 'success', 'probe@demo.example', '2026-11-27T10:00:00.000100Z'),
      ('export.probe', 'success', 'probe@demo.example', '2026-11-27T10:00:00.000200Z'),
      ('export.probe', 'success', 'probe@demo.example', '2026-11-27T10:00:00.000300Z')`);
    const seen: string[] = [];
    for await (const batch of iterateAuditEvents(database.db, filters(), ALL, {
      limit: 10_000,
      batchSize: 7,
    })) {
      expect(batch.length).toBeLessThanOrEqual(7);
      seen.push(...batch.map((event) => event.id));
    }
    expect(seen).toHaveLength(128);
    expect(new Set(seen).size).toBe(128);

    const capped: string[] = [];
    for await (const batch of iterateAuditEvents(database.db, filters(), ALL, {
      limit: 20,
      batchSize: 7,
    })) {
      capped.push(...batch.map((event) => event.id));
    }
    expect(capped).toEqual(seen.slice(0, 20));
  });
});

describe.each(DATABASE_BACKENDS)("unknown outcomes and reconcile timing on %s", (backend) => {
  let db: TestDatabase;
  // Five attempts of 20 s: a call may take 5 × (20 + 3) + 5 = 120 s, reconcile waits 150 s.
  const timings = { CONNECT_MAX_ATTEMPTS: "5", CONNECT_REQUEST_TIMEOUT_MS: "20000" };
  const saved = { ...process.env };
  const at = (secondsAgo: number) => new Date(NOW.getTime() - secondsAgo * 1000);

  beforeAll(async () => {
    Object.assign(process.env, timings);
    db = await openTestDatabase(backend);
    const row = { actorId: "lead", actorEmail: "lead@demo.example", completedAt: null };
    await db.db.insert(auditEvent).values([
      { ...row, action: "task.start", outcome: "pending", occurredAt: at(140) },
      { ...row, action: "task.start", outcome: "pending", occurredAt: at(160) },
      { ...row, action: "task.start", outcome: "unknown", occurredAt: at(100) },
      { ...row, action: "task.start", outcome: "unknown", occurredAt: at(200) },
      // Only a task start can be replayed: another kind with an unknown outcome cannot be.
      { ...row, action: "task.cancel", outcome: "unknown", occurredAt: at(300) },
      { ...row, action: "task.start", outcome: "failure", occurredAt: at(400) },
    ]);
  });
  afterAll(async () => {
    process.env = saved;
    await db?.close();
  });

  it("waits the whole call deadline plus a margin before a row can be reconciled", async () => {
    const { events } = await listAuditEvents(db.db, filters(), ALL, NOW);
    expect(
      events.map((event) => [
        event.action,
        event.outcome,
        event.isReconcilable,
        event.reconcilableInSeconds,
      ]),
    ).toEqual([
      ["task.start", "unknown", false, 50],
      ["task.start", "pending", false, 10],
      ["task.start", "pending", true, 0],
      ["task.start", "unknown", true, 0],
      ["task.cancel", "unknown", false, null],
      ["task.start", "failure", false, null],
    ]);
  });

  it("filters by the unknown outcome", async () => {
    expect(await countAuditEvents(db.db, filters({ outcome: "unknown" }), ALL)).toBe(3);
  });
});
