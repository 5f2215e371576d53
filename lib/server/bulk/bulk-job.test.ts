/**
 * Bulk jobs below the browser: the real create action, wrapper, Better Auth, both databases, the
 * start-task service and the real SDK against the local Connect endpoint. On PostgreSQL the job
 * engine (pg-boss) runs the job in this process's workers, as in the console; on PGlite the same
 * handler is run directly, so each step of a run can be watched.
 */
import { DescribeContactCommand } from "@aws-sdk/client-connect";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { DEMO_IDS } from "@/connect-local/index";
import { bulkJob, bulkRow, auditEvent } from "@/lib/server/db/schema";
import { type ActionHarness, startActionHarness } from "@/test-support/action-harness";
import { DATABASE_BACKENDS, type TestDatabase } from "@/test-support/test-database";

const mocks = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(mocks.headers) }));

const I = DEMO_IDS.instanceId;

/** 50 rows; every tenth has no name (5 rows with problems). */
function fiftyRows(tag: string): string {
  const lines = ["name,flow,description,attr:batch"];
  for (let index = 1; index <= 50; index += 1) {
    const name = index % 10 === 0 ? "" : `Recall ${tag} ${index}`;
    lines.push(`${name},Billing follow-ups,"Row ${index}, checked",${tag}`);
  }
  return `${lines.join("\r\n")}\r\n`;
}

async function importConsole() {
  return {
    ...(await import("@/app/(console)/tasks/bulk/actions/create-bulk-job")),
    ...(await import("@/app/(console)/tasks/bulk/actions/control-bulk-job")),
    createBulkJobService: (await import("./create")).createBulkJob,
    ...(await import("./run")),
    ...(await import("@/lib/server/jobs/engine")),
    ...(await import("@/lib/server/tasks/start-task")),
    ...(await import("@/lib/server/audit/store")),
  };
}

describe.each(DATABASE_BACKENDS)("bulk jobs on %s", (backend) => {
  let harness: ActionHarness;
  let app: Awaited<ReturnType<typeof importConsole>>;
  const db = () => harness.opened.db;

  beforeAll(async () => {
    vi.resetModules();
    harness = await startActionHarness(mocks, {
      backend,
      users: { supervisor: "supervisor", support: "support" },
      env: {
        CONNECT_INSTANCE_ID: I,
        BETTER_AUTH_SECRET: "bulk-job-test-secret-0123456789abcdefgh",
      },
    });
    const url = (harness.opened as TestDatabase).url;
    if (url) process.env.DATABASE_URL = url;
    else delete process.env.DATABASE_URL;
    app = await importConsole();
    if (backend === "PostgreSQL") await app.startJobWorkers();
  }, 120_000);

  afterAll(async () => {
    await app?.stopJobEngine();
    delete process.env.DATABASE_URL;
    await harness?.stop();
  });

  /** The supervisor as the start-task service's requester (what the action passes). */
  function supervisor() {
    const user = harness.users.supervisor!;
    return {
      role: "supervisor" as const,
      actor: { id: user.id, email: user.email, role: "supervisor" },
    };
  }

  /**
   * Creates the job as the supervisor: through the action on PostgreSQL (the engine runs it), the
   * service with no engine on PGlite (`finished` runs the handler).
   */
  async function create(text: string, fileName: string, withEngine = backend === "PostgreSQL") {
    if (!withEngine) {
      const input = { instanceId: I, timeZone: "UTC", fileName, text };
      return (await app.createBulkJobService(db(), supervisor(), input, { send: async () => {} }))
        .jobId;
    }
    harness.as("supervisor");
    const created = await app.createBulkJob({ instanceId: I, timeZone: "UTC", fileName, text });
    if (!created.ok) throw new Error(JSON.stringify(created));
    return created.data.jobId;
  }

  async function finished(jobId: string) {
    if (backend === "PGlite") await app.runBulkJob(db(), jobId);
    await vi.waitFor(
      async () => {
        const [job] = await db().select().from(bulkJob).where(eq(bulkJob.id, jobId));
        expect(job?.state).toBe("finished");
      },
      { timeout: 60_000, interval: 250 },
    );
    return db().select().from(bulkRow).where(eq(bulkRow.jobId, jobId)).orderBy(bulkRow.rowNumber);
  }

  it("creates exactly the 45 good rows of 50, each once, audited with the job as origin", async () => {
    const jobId = await create(fiftyRows(backend), "recall.csv");
    const rows = await finished(jobId);
    expect(rows).toHaveLength(50);
    const created = rows.filter((row) => row.state === "created");
    const rejected = rows.filter((row) => row.state === "rejected");
    expect(created).toHaveLength(45);
    expect(rejected.map((row) => row.rowNumber)).toEqual([11, 21, 31, 41, 51]);
    expect(rejected[0]?.error).toBe("name: Give the task a name.");
    const contactIds = new Set(created.map((row) => row.contactId));
    expect(contactIds.size).toBe(45);
    for (const row of created.slice(0, 45)) {
      const { Contact } = await harness.sdk.send(
        new DescribeContactCommand({ InstanceId: I, ContactId: row.contactId! }),
      );
      expect(Contact?.Name).toBe(row.cells[0]);
      expect(Contact?.Channel).toBe("TASK");
    }
    const audits = await db()
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, "task.start"), eq(auditEvent.outcome, "success")));
    const ofJob = audits.filter(
      (row) => (row.detail as { bulkJobId?: string } | null)?.bulkJobId === jobId,
    );
    expect(ofJob).toHaveLength(45);
    expect(new Set(ofJob.map((row) => row.contactId))).toEqual(contactIds);
  });

  it("offers the earlier job for the same file and sends nothing new", async () => {
    const text = fiftyRows(`${backend}-again`);
    const jobId = await create(text, "again.csv");
    await finished(jobId);
    const before = await fetch(
      `${harness.connect.url}/__admin/requests?operation=StartTaskContact`,
    ).then((response) => response.json() as Promise<{ requests: unknown[] }>);
    harness.as("supervisor");
    const again = await app.createBulkJob({
      instanceId: I,
      timeZone: "UTC",
      fileName: "copy.csv",
      text,
    });
    expect(again).toEqual({
      ok: true,
      data: { jobId, isEarlierJob: true, readyRows: 45, totalRows: 50 },
    });
    const after = await fetch(
      `${harness.connect.url}/__admin/requests?operation=StartTaskContact`,
    ).then((response) => response.json() as Promise<{ requests: unknown[] }>);
    expect(before.requests.length).toBeGreaterThanOrEqual(45);
    expect(after.requests.length).toBe(before.requests.length);
  });

  it("finishes a run interrupted midway with no duplicate and no lost row", async () => {
    const text = fiftyRows(`${backend}-crash`);
    // No engine here: this test drives the runs itself.
    const jobId = await create(text, "crash.csv", false);
    // A crash: a run stops after 12 rows, leaving its claimed batch "sending" and its runner set.
    const abort = new AbortController();
    await app.runBulkJob(db(), jobId, {
      afterRow: (row) => row >= 13 && abort.abort(),
      signal: abort.signal,
    });
    // Row 14 reached Connect, and the process died before its outcome was written.
    const [row14] = await db()
      .select()
      .from(bulkRow)
      .where(and(eq(bulkRow.jobId, jobId), eq(bulkRow.rowNumber, 14)));
    const sentBefore = await app.startTask(
      db(),
      supervisor(),
      app.serverTaskSchema().parse(row14!.values),
      {
        beginAttempt: (attempt) =>
          app.beginAuditAttempt(db(), {
            action: "task.start",
            actor: supervisor().actor,
            ...attempt,
          }),
      },
    );
    await db()
      .update(bulkRow)
      .set({ state: "sending" })
      .where(and(eq(bulkRow.jobId, jobId), eq(bulkRow.rowNumber, 14)));
    await db()
      .update(bulkJob)
      .set({ runner: "dead-process", heartbeatAt: new Date(Date.now() - 10 * 60_000) })
      .where(eq(bulkJob.id, jobId));
    expect(await app.runBulkJob(db(), jobId)).toBe(true);
    const rows = await finished(jobId);
    const created = rows.filter((row) => row.state === "created");
    expect(created).toHaveLength(45);
    expect(new Set(created.map((row) => row.contactId)).size).toBe(45);
    expect(rows.filter((row) => row.state === "pending" || row.state === "sending")).toEqual([]);
    expect(rows.find((row) => row.rowNumber === 14)?.contactId).toBe(sentBefore.contactId);
  });

  it("refuses support, which may not bulk-create", async () => {
    harness.as("support");
    const result = await app.createBulkJob({
      instanceId: I,
      timeZone: "UTC",
      fileName: "x.csv",
      text: fiftyRows("support"),
    });
    expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});
