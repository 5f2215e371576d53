/**
 * Denied events (and failed sign-ins, on request) are folded into one row per kind, client and
 * minute: the row keeps the first event's time and details, counts the others and ends at the
 * last one.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { auditEvent } from "@/lib/server/db/schema";
import {
  DATABASE_BACKENDS,
  type TestDatabase,
  openTestDatabase,
} from "@/test-support/test-database";

import { type AuditEventInput, recordAuditEvent } from "./store";

const MINUTE = new Date("2030-05-06T07:08:00.000Z");
const at = (seconds: number) => new Date(MINUTE.getTime() + seconds * 1000);

const denied = (overrides: Partial<AuditEventInput> = {}): AuditEventInput => ({
  action: "audit.export",
  outcome: "denied",
  actor: { id: null, email: null, role: null, ipAddress: "203.0.113.50", userAgent: "curl/8" },
  errorName: "UNAUTHENTICATED",
  ...overrides,
});

describe.each(DATABASE_BACKENDS)("aggregated audit events on %s", (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await database?.close();
  });

  const rowOf = async (id: string) => {
    const [row] = await database.db.select().from(auditEvent).where(eq(auditEvent.id, id));
    return row;
  };

  it("folds denied events of one client and minute into one row, whatever the user agent says", async () => {
    const first = await recordAuditEvent(database.db, denied(), at(1));
    const second = await recordAuditEvent(
      database.db,
      denied({ actor: { ...denied().actor, userAgent: "rotated/1" }, targetId: "/other" }),
      at(30),
    );
    const third = await recordAuditEvent(database.db, denied(), at(59));
    expect(new Set([first, second, third])).toEqual(new Set([first]));
    expect(await rowOf(first)).toMatchObject({
      repeatCount: 3,
      occurredAt: at(1),
      completedAt: at(59),
      userAgent: "curl/8",
      targetId: null,
      ipAddress: "203.0.113.50",
    });
  });

  it("starts a new row for another minute, address, actor, action or error", async () => {
    const base = await recordAuditEvent(database.db, denied({ action: "user.create" }), at(0));
    const others = [
      await recordAuditEvent(database.db, denied({ action: "user.create" }), at(60)),
      await recordAuditEvent(
        database.db,
        denied({ action: "user.create", actor: { ...denied().actor, ipAddress: "203.0.113.51" } }),
        at(1),
      ),
      await recordAuditEvent(
        database.db,
        denied({
          action: "user.create",
          actor: {
            id: "u-7",
            email: "u7@audit.example",
            role: "support",
            ipAddress: "203.0.113.50",
          },
          errorName: "FORBIDDEN",
        }),
        at(2),
      ),
      await recordAuditEvent(database.db, denied({ action: "user.disable" }), at(3)),
      await recordAuditEvent(
        database.db,
        denied({ action: "user.create", errorName: "FORBIDDEN" }),
        at(4),
      ),
    ];
    expect(new Set([base, ...others]).size).toBe(6);
    for (const id of [base, ...others]) expect((await rowOf(id))?.repeatCount).toBe(1);
  });

  it("never folds a success, and folds a failure only when asked", async () => {
    const signIn = {
      action: "auth.sign_in",
      actor: { id: "u-8", email: "u8@audit.example", role: "lead", ipAddress: "203.0.113.52" },
    };
    const successes = [
      await recordAuditEvent(database.db, { ...signIn, outcome: "success" }, at(5)),
      await recordAuditEvent(database.db, { ...signIn, outcome: "success" }, at(6)),
    ];
    expect(new Set(successes).size).toBe(2);
    const plain = [
      await recordAuditEvent(database.db, { ...signIn, outcome: "failure" }, at(7)),
      await recordAuditEvent(database.db, { ...signIn, outcome: "failure" }, at(8)),
    ];
    expect(new Set(plain).size).toBe(2);
    const folded = [
      await recordAuditEvent(
        database.db,
        { ...signIn, outcome: "failure", errorName: "INVALID", aggregate: true },
        at(9),
      ),
      await recordAuditEvent(
        database.db,
        { ...signIn, outcome: "failure", errorName: "INVALID", aggregate: true },
        at(10),
      ),
    ];
    expect(folded[0]).toBe(folded[1]);
    const row = await rowOf(folded[0]!);
    expect(row?.repeatCount).toBe(2);
    expect(row?.aggregateKey).toMatch(/^[0-9a-f]{64}$/);
    expect(await rowOf(successes[0]!)).toMatchObject({ repeatCount: 1, aggregateKey: null });
  });

  it("counts every one of 50 simultaneous denied events in one row", async () => {
    const ids = await Promise.all(
      Array.from({ length: 50 }, () =>
        recordAuditEvent(database.db, denied({ action: "audit.reconcile" }), at(20)),
      ),
    );
    expect(new Set(ids).size).toBe(1);
    expect((await rowOf(ids[0]!))?.repeatCount).toBe(50);
  });
});
