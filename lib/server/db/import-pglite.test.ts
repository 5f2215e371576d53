import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { asc, eq, getTableName } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";

import { openTestDatabase } from "@/test-support/test-database";

import { importPgliteFolder, tablesInForeignKeyOrder } from "./import-pglite";
import { openDatabase } from "./open";
import { auditEvent, session, user } from "./schema";

/**
 * An earlier version's PGlite folder (users, a session, audit rows) is moved into the embedded
 * PostgreSQL server on its first start: every row, with its times and JSON intact; the folder
 * is renamed; a database that already has rows is never merged into.
 */
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const CREATED = new Date("2026-03-04T05:06:07.089Z");

async function earlierPgliteFolder(): Promise<string> {
  const parent = mkdtempSync(path.join(tmpdir(), "console-import-"));
  folders.push(parent);
  const folder = path.join(parent, "pglite");
  const old = await openDatabase({ dataDir: folder });
  try {
    await old.db.insert(user).values([
      {
        id: "u-admin",
        name: "Ada Admin",
        email: "ada@example.com",
        role: "admin",
        createdAt: CREATED,
        updatedAt: CREATED,
      },
      {
        id: "u-lead",
        name: "Lee Lead",
        email: "lee@example.com",
        role: "lead",
        createdAt: CREATED,
        updatedAt: CREATED,
      },
    ]);
    await old.db.insert(session).values({
      id: "s-1",
      token: "token-1",
      userId: "u-lead",
      expiresAt: new Date("2026-04-01T00:00:00Z"),
      createdAt: CREATED,
      updatedAt: CREATED,
    });
    await old.db.insert(auditEvent).values([
      {
        action: "user.create",
        outcome: "success",
        actorId: "u-admin",
        targetId: "u-lead",
        occurredAt: CREATED,
        detail: { role: "lead" },
      },
      {
        action: "task.start",
        outcome: "failure",
        actorId: "u-lead",
        occurredAt: CREATED,
        request: { name: "Recall ✓" },
        errorName: "ThrottlingException",
      },
    ]);
  } finally {
    await old.close();
  }
  return folder;
}

describe("importing an earlier version's PGlite data", () => {
  it("orders the tables so that each comes after those its foreign keys point to", () => {
    const names = tablesInForeignKeyOrder().map((table) => getTableName(table));
    expect(names.indexOf("user")).toBeLessThan(names.indexOf("session"));
    expect(names.indexOf("user")).toBeLessThan(names.indexOf("account"));
    expect(names).toEqual(
      expect.arrayContaining(["audit_event", "task_draft", "contact_snapshot"]),
    );
  });

  it("copies users, sessions and audit rows into an empty PostgreSQL database, then renames the folder", async () => {
    const folder = await earlierPgliteFolder();
    const target = await openTestDatabase("PostgreSQL");
    try {
      const now = new Date("2026-12-02T04:00:00Z");
      const result = await importPgliteFolder(target.db, folder, now);
      expect(result).toMatchObject({
        outcome: "imported",
        rows: { user: 2, session: 1, audit_event: 2 },
      });

      const users = await target.db.select().from(user).orderBy(asc(user.id));
      expect(
        users.map((row) => [row.id, row.email, row.role, row.createdAt.toISOString()]),
      ).toEqual([
        ["u-admin", "ada@example.com", "admin", CREATED.toISOString()],
        ["u-lead", "lee@example.com", "lead", CREATED.toISOString()],
      ]);
      const [kept] = await target.db.select().from(session).where(eq(session.id, "s-1"));
      expect(kept?.userId).toBe("u-lead");
      const events = await target.db.select().from(auditEvent).orderBy(asc(auditEvent.action));
      expect(events.map((row) => [row.action, row.outcome, row.detail, row.request])).toEqual([
        ["task.start", "failure", null, { name: "Recall ✓" }],
        ["user.create", "success", { role: "lead" }, null],
      ]);

      expect(existsSync(folder)).toBe(false);
      expect(readdirSync(path.dirname(folder))).toEqual([
        "pglite.imported-2026-12-02T04-00-00-000Z",
      ]);
      // A second start finds nothing to import.
      expect(await importPgliteFolder(target.db, folder)).toEqual({ outcome: "none" });
    } finally {
      await target.close();
    }
  });

  it("leaves the folder alone when the PostgreSQL database already has rows", async () => {
    const folder = await earlierPgliteFolder();
    const target = await openTestDatabase("PostgreSQL");
    try {
      await target.db.insert(user).values({ id: "u-new", name: "New", email: "new@example.com" });
      const result = await importPgliteFolder(target.db, folder);
      expect(result.outcome).toBe("skipped");
      expect(result.outcome === "skipped" && result.reason).toContain("table user");
      expect(existsSync(folder)).toBe(true);
      expect(await target.db.select().from(user)).toHaveLength(1);
    } finally {
      await target.close();
    }
  });
});
