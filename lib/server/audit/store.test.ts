import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { auditEvent } from "@/lib/server/db/schema";
import {
  DATABASE_BACKENDS,
  type TestDatabase,
  openTestDatabase,
} from "@/test-support/test-database";

import { AUDIT_LIMITS, TRUNCATED, clipText, isTruncatedRecord } from "./bounds";
import { REDACTED } from "./redact";
import { beginAuditAttempt, completeAuditAttempt, recordAuditEvent } from "./store";

const SUPERVISOR = {
  id: "user-supervisor-1",
  email: "supervisor@audit.example",
  role: "supervisor",
  ipAddress: "198.51.100.20",
  userAgent: "Mozilla/5.0 (audit test)",
};
const CLIENT_TOKEN = "0d6b1f5e-54a4-4d8f-9d3e-7c2f1b0a9e11";
const TASK_REQUEST = {
  InstanceId: "instance-audit",
  Name: "Call back about order 1234",
  ClientToken: CLIENT_TOKEN,
  Attributes: { orderId: "1234" },
  // A field that must never reach the audit trail.
  password: "hunter2-hunter2",
};

describe.each(DATABASE_BACKENDS)("audit store on %s", (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await database?.close();
  });

  async function readRow(id: string) {
    const [row] = await database.db.select().from(auditEvent).where(eq(auditEvent.id, id));
    if (!row) throw new Error(`audit row ${id} not found`);
    return row;
  }

  it("records a finished event with the actor copied and secrets removed from the detail", async () => {
    const id = await recordAuditEvent(database.db, {
      action: "user.set_role",
      outcome: "success",
      actor: SUPERVISOR,
      targetId: "user-lead-7",
      detail: { from: "support", to: "lead", secretAccessKey: "AKIAEXAMPLE" },
    });

    const row = await readRow(id);
    expect(row).toMatchObject({
      action: "user.set_role",
      outcome: "success",
      actorId: SUPERVISOR.id,
      actorEmail: SUPERVISOR.email,
      actorRole: "supervisor",
      ipAddress: SUPERVISOR.ipAddress,
      userAgent: SUPERVISOR.userAgent,
      targetId: "user-lead-7",
      detail: { from: "support", to: "lead", secretAccessKey: REDACTED },
      errorName: null,
    });
    expect(row.occurredAt).toBeInstanceOf(Date);
    expect(row.completedAt?.getTime()).toBe(row.occurredAt.getTime());
  });

  it("writes an attempt as pending with the redacted request, then completes it as a success", async () => {
    const id = await beginAuditAttempt(database.db, {
      action: "task.start",
      actor: SUPERVISOR,
      instanceId: "instance-audit",
      clientToken: CLIENT_TOKEN,
      request: TASK_REQUEST,
    });

    const pending = await readRow(id);
    expect(pending).toMatchObject({
      action: "task.start",
      outcome: "pending",
      completedAt: null,
      actorEmail: SUPERVISOR.email,
      instanceId: "instance-audit",
      clientToken: CLIENT_TOKEN,
      contactId: null,
      request: { ...TASK_REQUEST, password: REDACTED },
    });

    await completeAuditAttempt(database.db, id, {
      outcome: "success",
      contactId: "contact-0001",
      awsRequestId: "req-aaaa-1111",
      attempts: 2,
    });

    const done = await readRow(id);
    expect(done).toMatchObject({
      outcome: "success",
      contactId: "contact-0001",
      awsRequestId: "req-aaaa-1111",
      attempts: 2,
      errorName: null,
      errorMessage: null,
      // Completing never rewrites what was sent.
      clientToken: CLIENT_TOKEN,
      request: { ...TASK_REQUEST, password: REDACTED },
    });
    expect(done.completedAt).toBeInstanceOf(Date);
    expect(done.completedAt!.getTime()).toBeGreaterThanOrEqual(done.occurredAt.getTime());
  });

  it("completes an attempt as a failure with the error and the AWS request id", async () => {
    const id = await beginAuditAttempt(database.db, {
      action: "task.start",
      actor: SUPERVISOR,
      clientToken: "5b0f7a2c-1e5d-4c55-9a61-3f9e2d8c7b10",
      request: { Name: "Refused task" },
    });
    await completeAuditAttempt(database.db, id, {
      outcome: "failure",
      errorName: "ServiceQuotaExceededException",
      errorMessage: "The contact already has 12 linked tasks",
      awsRequestId: "req-bbbb-2222",
      attempts: 1,
    });

    expect(await readRow(id)).toMatchObject({
      outcome: "failure",
      contactId: null,
      errorName: "ServiceQuotaExceededException",
      errorMessage: "The contact already has 12 linked tasks",
      awsRequestId: "req-bbbb-2222",
      attempts: 1,
    });
  });

  it("leaves an attempt that was never completed (the process died mid-call) pending", async () => {
    const crashedToken = "9c4e2b7d-8a13-4f60-b2d5-1e7a9c3f6d42";
    const crashed = await beginAuditAttempt(database.db, {
      action: "task.start",
      actor: SUPERVISOR,
      clientToken: crashedToken,
      request: { Name: "Sent when the process died" },
    });
    // Another attempt completes afterwards; it must not touch the crashed one.
    const later = await beginAuditAttempt(database.db, { action: "task.start", actor: SUPERVISOR });
    await completeAuditAttempt(database.db, later, {
      outcome: "success",
      contactId: "contact-0002",
    });

    expect(await readRow(crashed)).toMatchObject({
      outcome: "pending",
      completedAt: null,
      contactId: null,
      clientToken: crashedToken,
      request: { Name: "Sent when the process died" },
    });
    expect(await readRow(later)).toMatchObject({ outcome: "success", contactId: "contact-0002" });
  });

  it("begins an attempt without a request or actor details with SQL NULLs, not JSON null", async () => {
    const id = await beginAuditAttempt(database.db, {
      action: "task.cancel",
      actor: { id: null, email: null, role: null },
    });
    expect(await readRow(id)).toMatchObject({
      outcome: "pending",
      actorId: null,
      ipAddress: null,
      userAgent: null,
      targetId: null,
      instanceId: null,
      clientToken: null,
      request: null,
    });
    const [{ isNull } = { isNull: false }] = await database.db
      .select({ isNull: sql<boolean>`${auditEvent.request} is null` })
      .from(auditEvent)
      .where(eq(auditEvent.id, id));
    expect(isNull).toBe(true);
  });
});

describe.each(DATABASE_BACKENDS)("audit store outcomes and bounds on %s", (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await database?.close();
  });

  async function readRow(id: string) {
    const [row] = await database.db.select().from(auditEvent).where(eq(auditEvent.id, id));
    if (!row) throw new Error(`audit row ${id} not found`);
    return row;
  }
  const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), "utf8");

  it("completes an attempt as unknown, and never completes a row that is no longer pending", async () => {
    const id = await beginAuditAttempt(database.db, { action: "task.start", actor: SUPERVISOR });
    expect(
      await completeAuditAttempt(database.db, id, {
        outcome: "unknown",
        errorName: "TimeoutError",
        errorMessage: "Amazon Connect did not confirm whether it acted on the request.",
        attempts: 3,
      }),
    ).toBe(true);
    expect(await readRow(id)).toMatchObject({ outcome: "unknown", attempts: 3 });

    // A late second completion (e.g. a slow call finishing after a reconcile) changes nothing.
    expect(
      await completeAuditAttempt(database.db, id, { outcome: "failure", errorName: "Late" }),
    ).toBe(false);
    expect(await readRow(id)).toMatchObject({ outcome: "unknown", errorName: "TimeoutError" });
  });

  it("clips long text columns: error, target, email, role, address", async () => {
    const huge = "x".repeat(50_000);
    const id = await recordAuditEvent(database.db, {
      action: "auth.sign_in",
      outcome: "failure",
      actor: { id: null, email: `${huge}@example.test`, role: huge, ipAddress: huge },
      targetId: huge,
      errorName: huge,
      errorMessage: `${huge}\u{1F600}`,
    });
    const row = await readRow(id);
    expect(row.errorMessage).toHaveLength(AUDIT_LIMITS.errorMessage);
    expect(row.errorMessage?.endsWith("…")).toBe(true);
    expect(row.targetId).toHaveLength(AUDIT_LIMITS.targetId);
    expect(row.actorEmail).toHaveLength(AUDIT_LIMITS.email);
    expect(row.actorRole).toHaveLength(AUDIT_LIMITS.role);
    expect(row.ipAddress).toHaveLength(AUDIT_LIMITS.ipAddress);
    expect(row.errorName).toHaveLength(AUDIT_LIMITS.errorName);
    // A cut never leaves half of a surrogate pair behind.
    expect(clipText("\u{1F600}".repeat(10), 6)).toBe("\u{1F600}\u{1F600}…");
  });

  it("keeps a detail within its size, saying what was left out", async () => {
    const id = await recordAuditEvent(database.db, {
      action: "audit.export",
      outcome: "success",
      actor: SUPERVISOR,
      detail: { filters: { q: "refund" }, notes: "n".repeat(100_000) },
    });
    const { detail } = await readRow(id);
    expect(bytes(detail)).toBeLessThanOrEqual(AUDIT_LIMITS.detailBytes);
    expect(detail).toMatchObject({
      filters: { q: "refund" },
      [TRUNCATED]: { omitted: ["notes"], limitBytes: AUDIT_LIMITS.detailBytes },
    });
  });

  it("stores a request too large to keep whole with its small members and a marker", async () => {
    const References = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [
        `Reference ${i}`,
        { Type: "STRING", Value: "v".repeat(4_000) },
      ]),
    );
    const request = { ...TASK_REQUEST, password: undefined, References };
    const id = await beginAuditAttempt(database.db, {
      action: "task.start",
      actor: SUPERVISOR,
      clientToken: CLIENT_TOKEN,
      request,
    });
    const row = await readRow(id);
    expect(bytes(row.request)).toBeLessThanOrEqual(AUDIT_LIMITS.requestBytes);
    expect(row.request).toMatchObject({
      Name: TASK_REQUEST.Name,
      ClientToken: CLIENT_TOKEN,
      Attributes: { orderId: "1234" },
      [TRUNCATED]: { omitted: ["References"] },
    });
    expect(row.request).not.toHaveProperty("References");
    expect(isTruncatedRecord(row.request)).toBe(true);
    expect(isTruncatedRecord(TASK_REQUEST)).toBe(false);
  });
});
