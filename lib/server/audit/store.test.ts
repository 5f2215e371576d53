import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { auditEvent } from "@/lib/server/db/schema";
import {
  DATABASE_BACKENDS,
  type TestDatabase,
  openTestDatabase,
} from "@/test-support/test-database";

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
});
