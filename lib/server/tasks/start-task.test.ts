/**
 * The start-task action below the browser: real action file, wrapper, Better Auth, both
 * databases and the real SDK against the local Connect endpoint. Only `next/headers` is
 * replaced. Each backend has its own endpoint (the linked-task quota counts per endpoint), so the
 * console's modules, which keep their first Connect client, are imported afresh for each.
 */
import { type ConnectClient, DescribeContactCommand } from "@aws-sdk/client-connect";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { DEMO_IDS } from "@/connect-local/index";
import { defaultRepeat } from "@/lib/schedule/series-rule";
import type { OpenDatabase } from "@/lib/server/db/open";
import { auditEvent } from "@/lib/server/db/schema";
import { type TaskFormValues, emptyTask } from "@/lib/task/schema";
import { templateFieldErrors, templateProblems } from "@/lib/task/template-rules";
import { type ActionHarness, startActionHarness } from "@/test-support/action-harness";
import { DATABASE_BACKENDS } from "@/test-support/test-database";

import { loadDraft } from "./drafts";

const mocks = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(mocks.headers) }));

const I = DEMO_IDS.instanceId;
let harness: ActionHarness;
let sdk: ConnectClient;
let opened: OpenDatabase;

async function importConsole() {
  return {
    ...(await import("@/app/(console)/tasks/new/actions/discard-draft")),
    ...(await import("@/app/(console)/tasks/new/actions/save-draft")),
    ...(await import("@/app/(console)/tasks/new/actions/start-task")),
    ...(await import("@/lib/server/connect/catalog")),
  };
}
let app: Awaited<ReturnType<typeof importConsole>>;

function task(overrides: Partial<TaskFormValues> = {}): TaskFormValues {
  return {
    ...emptyTask({ instanceId: I, timeZone: "UTC", clientToken: crypto.randomUUID() }),
    name: "Check the refund",
    contactFlowId: DEMO_IDS.flows.billingTasks,
    ...overrides,
  };
}

const taskRows = (clientToken: string) =>
  opened.db
    .select()
    .from(auditEvent)
    .where(and(eq(auditEvent.action, "task.start"), eq(auditEvent.clientToken, clientToken)));

const as = (role: "supervisor" | "support" | "anonymous") => harness.as(role);
const setFaults = (faults: unknown[]) => harness.setFaults(faults);

describe.each(DATABASE_BACKENDS)("startTask on %s", (backend) => {
  beforeAll(async () => {
    vi.resetModules();
    harness = await startActionHarness(mocks, {
      backend,
      users: { supervisor: "supervisor", support: "support" },
      env: {
        CONNECT_INSTANCE_ID: `${I},${DEMO_IDS.secondInstanceId}`,
        BETTER_AUTH_SECRET: "start-task-test-secret-0123456789abcdef",
        MAX_LINKED_TASKS: "2",
      },
      rules: { maxLinkedTasksPerContact: 2 },
    });
    ({ sdk, opened } = harness);
    app = await importConsole();
  }, 90_000);

  afterAll(() => harness?.stop());

  it("creates the task, records it before and after, and forgets the draft", async () => {
    as("supervisor");
    const values = task({
      references: [{ name: "Case", type: "URL", value: "https://crm.example/1" }],
    });
    expect(await app.saveDraft(values)).toMatchObject({ ok: true });
    const result = await app.startTask(values);
    expect(result).toMatchObject({ ok: true, data: { clientToken: values.clientToken } });
    if (!result.ok) return;

    const { Contact } = await sdk.send(
      new DescribeContactCommand({ InstanceId: I, ContactId: result.data.contactId }),
    );
    expect(Contact).toMatchObject({ Name: "Check the refund", Channel: "TASK" });
    const [row] = await taskRows(values.clientToken);
    expect(row).toMatchObject({
      outcome: "success",
      contactId: result.data.contactId,
      instanceId: I,
      actorEmail: "supervisor@tasks.test",
      attempts: 1,
    });
    expect(row?.request).toMatchObject({
      Name: "Check the refund",
      ClientToken: values.clientToken,
    });
    expect(row?.awsRequestId).toMatch(/\S/);
    const supervisorId = row?.actorId ?? "";
    expect(await loadDraft(opened.db, supervisorId)).toBeNull();
  });

  it("creates one task when the same draft is submitted twice", async () => {
    as("supervisor");
    const values = task();
    const [first, second] = await Promise.all([app.startTask(values), app.startTask(values)]);
    expect(first.ok && second.ok).toBe(true);
    if (first.ok && second.ok) expect(second.data.contactId).toBe(first.data.contactId);
  });

  it("refuses scheduling to a role without the permission, next to the field", async () => {
    as("support");
    const at = new Date(Date.now() + 3_600_000).toISOString().slice(0, 16);
    const result = await app.startTask(task({ scheduleMode: "later", scheduledLocal: at }));
    expect(result).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
      fieldErrors: { scheduleMode: ["Your role cannot schedule tasks."] },
    });
  });

  it("says Connect is busy when throttling persists, and the same token succeeds on retry", async () => {
    as("supervisor");
    const values = task();
    await setFaults([{ kind: "throttle", operations: ["StartTaskContact"], count: 3 }]);
    // No draft save before the submit: the start action keeps the draft itself when it fails.
    expect(await loadDraft(opened.db, harness.users.supervisor!.id)).toBeNull();
    const busy = await app.startTask(values);
    expect(busy).toMatchObject({ ok: false, code: "CONNECT_THROTTLED" });
    if (!busy.ok) expect(busy.formError).toMatch(/Connect is busy, nothing was created/);
    expect(await loadDraft(opened.db, harness.users.supervisor!.id)).toMatchObject({
      values: { name: values.name, clientToken: values.clientToken },
    });
    const [failed] = await taskRows(values.clientToken);
    expect(failed).toMatchObject({
      outcome: "failure",
      errorName: "ThrottlingException",
      attempts: 3,
    });

    const retry = await app.startTask(values);
    expect(retry.ok).toBe(true);
    expect((await taskRows(values.clientToken)).map((row) => row.outcome).sort()).toEqual([
      "failure",
      "success",
    ]);
  });

  it("puts the linked-task quota on the link field", async () => {
    as("supervisor");
    const link = {
      linkKind: "previous" as const,
      linkedContactId: DEMO_IDS.contacts.chatPasswordReset,
    };
    expect((await app.startTask(task(link))).ok).toBe(true);
    expect((await app.startTask(task(link))).ok).toBe(true);
    const third = await app.startTask(task(link));
    expect(third).toMatchObject({ ok: false, code: "CONNECT_QUOTA_LINKED_TASKS" });
    if (!third.ok)
      expect(third.fieldErrors.linkedContactId?.[0]).toMatch(
        /already has 2 linked tasks.*related contact/,
      );
  });

  it("checks the template: its flow and its required fields", async () => {
    as("supervisor");
    const flowless = await app.startTask(
      task({
        routingKind: "template",
        contactFlowId: "",
        taskTemplateId: DEMO_IDS.taskTemplates.fieldVisitNoFlow,
      }),
    );
    // The composer's rule and path (lib/task/template-rules.ts): this template's QUICK_CONNECT
    // field makes a quick connect the companion asked for.
    expect(flowless).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
      formError: "The template needs a few more things.",
      fieldErrors: {
        quickConnectId: [
          "This template has no flow: choose a flow or a quick connect to route it.",
        ],
      },
    });
    const callback = await app.startTask(
      task({
        routingKind: "template",
        contactFlowId: "",
        taskTemplateId: DEMO_IDS.taskTemplates.customerCallback,
      }),
    );
    expect(callback).toMatchObject({
      ok: false,
      fieldErrors: { "templateFields.Phone number.value": ["Required by the template."] },
    });
    const filled = await app.startTask(
      task({
        routingKind: "template",
        contactFlowId: "",
        taskTemplateId: DEMO_IDS.taskTemplates.customerCallback,
        templateFields: { "Phone number": { type: "TEXT", value: "+44 20 7946 0000" } },
      }),
    );
    expect(filled.ok).toBe(true);
  });

  it("reports a template's rules with the composer's messages at the composer's paths", async () => {
    as("supervisor");
    const values = task({
      routingKind: "template",
      contactFlowId: "",
      taskTemplateId: DEMO_IDS.taskTemplates.refundReview,
      name: "Refund for order 1182",
    });
    const result = await app.startTask(values);
    expect(result).toEqual({
      ok: false,
      code: "INVALID_INPUT",
      formError: "The template needs a few more things.",
      fieldErrors: {
        "templateFields.Amount.value": ["Required by the template."],
        "templateFields.Order date.value": ["Required by the template."],
      },
    });
    // What the composer computes from the template its lookup reads (the same adapter call).
    const template = await app.getTaskTemplate(I, DEMO_IDS.taskTemplates.refundReview);
    if (!result.ok)
      expect(result.fieldErrors).toEqual(templateFieldErrors(templateProblems(values, template)));

    const inactive = await app.startTask(
      task({
        routingKind: "template",
        contactFlowId: "",
        taskTemplateId: DEMO_IDS.taskTemplates.legacyInactive,
      }),
    );
    expect(inactive).toMatchObject({
      ok: false,
      fieldErrors: { taskTemplateId: ["This template is inactive; choose an active one."] },
    });
  });

  it("records a start refused before anything was sent as one failure, and keeps the draft", async () => {
    as("supervisor");
    const values = task({
      routingKind: "template",
      contactFlowId: "",
      taskTemplateId: DEMO_IDS.taskTemplates.fieldVisitNoFlow,
      name: "Visit at the depot",
    });
    expect((await app.startTask(values)).ok).toBe(false);
    const rows = await taskRows(values.clientToken);
    expect(rows.map((row) => [row.outcome, row.errorName, row.request])).toEqual([
      ["failure", "INVALID_INPUT", null],
    ]);
    expect(await loadDraft(opened.db, harness.users.supervisor!.id)).toMatchObject({
      values: { clientToken: values.clientToken },
    });
  });

  it("sends a flow or quick connect beside a template as the template says, not as the values", async () => {
    as("supervisor");
    // The template without a flow: sent with the quick connect chosen beside it.
    const visit = task({
      routingKind: "template",
      contactFlowId: "",
      quickConnectId: DEMO_IDS.quickConnects.queueBilling,
      taskTemplateId: DEMO_IDS.taskTemplates.fieldVisitNoFlow,
      name: "Visit at the depot",
    });
    expect((await app.startTask(visit)).ok).toBe(true);
    const [visitRow] = await taskRows(visit.clientToken);
    expect(visitRow?.request).toMatchObject({
      TaskTemplateId: DEMO_IDS.taskTemplates.fieldVisitNoFlow,
      QuickConnectId: DEMO_IDS.quickConnects.queueBilling,
    });
    // A template with its own flow: a flow left in the values is not sent (Connect refuses both).
    const callback = task({
      routingKind: "template",
      contactFlowId: DEMO_IDS.flows.billingTasks,
      taskTemplateId: DEMO_IDS.taskTemplates.customerCallback,
      templateFields: { "Phone number": { type: "TEXT", value: "+44 20 7946 0000" } },
    });
    const started = await app.startTask(callback);
    expect(started.ok).toBe(true);
    const [callbackRow] = await taskRows(callback.clientToken);
    expect(callbackRow?.request).not.toHaveProperty("ContactFlowId");
    if (started.ok) {
      const { Contact } = await sdk.send(
        new DescribeContactCommand({ InstanceId: I, ContactId: started.data.contactId }),
      );
      expect(Contact?.TaskTemplateInfo?.Name).toBe("Customer callback");
    }
  });

  it("answers a template date at a time a DST change skips with a field error, not a crash", async () => {
    as("supervisor");
    // Europe/Berlin skips 02:00-03:00 on 29 March 2026: no epoch second to send for 02:30.
    const result = await app.startTask(
      task({
        routingKind: "template",
        contactFlowId: "",
        taskTemplateId: DEMO_IDS.taskTemplates.refundReview,
        name: "Refund for order 1182",
        timeZone: "Europe/Berlin",
        templateFields: {
          Amount: { type: "NUMBER", value: "25" },
          "Order date": { type: "DATE_TIME", value: "2026-03-29T02:30" },
        },
      }),
    );
    expect(result).toEqual({
      ok: false,
      code: "INVALID_INPUT",
      formError: "Some fields need attention.",
      fieldErrors: {
        "templateFields.Order date.value": [
          "This date and time does not exist in the chosen time zone.",
        ],
      },
    });
  });

  it("puts an unknown flow on the flow picker and refuses anonymous callers", async () => {
    as("supervisor");
    const unknown = await app.startTask(task({ contactFlowId: "no-such-flow" }));
    expect(unknown).toMatchObject({ ok: false, code: "CONNECT_NOT_FOUND" });
    if (!unknown.ok) expect(Object.keys(unknown.fieldErrors)).toEqual(["contactFlowId"]);
    as("anonymous");
    expect(await app.startTask(task())).toMatchObject({
      ok: false,
      code: "UNAUTHENTICATED",
      requiredPermission: "task.create",
    });
  });

  it("keeps half-typed drafts and gives a new token for a new task", async () => {
    as("support");
    const draft = task({ name: "", contactFlowId: "" });
    expect(await app.saveDraft(draft)).toMatchObject({ ok: true });
    const fresh = await app.discardDraft({ timeZone: "Europe/Berlin" });
    expect(fresh).toMatchObject({
      ok: true,
      data: { values: { name: "", timeZone: "Europe/Berlin" } },
    });
    if (fresh.ok) expect(fresh.data.values.clientToken).not.toBe(draft.clientToken);
  });

  it("creates a series for a start with Repeat: its occurrences are held, none started now", async () => {
    as("supervisor");
    const at = new Date(Date.now() + 3_600_000).toISOString().slice(0, 16);
    const values = task({
      scheduleMode: "later",
      scheduledLocal: at,
      repeat: { ...defaultRepeat(at), frequency: "daily", ends: "count", count: "3" },
    });
    const result = await app.startTask(values);
    expect(result).toMatchObject({ ok: true, data: { kind: "series", occurrences: 3 } });
    // No start attempt now: the release job sends each occurrence in its turn.
    expect(await taskRows(values.clientToken)).toEqual([]);
    expect((await app.discardDraft({})).ok).toBe(true);
  });

  it("checks Repeat with the shared rule before anything else", async () => {
    as("supervisor");
    const at = new Date(Date.now() + 3_600_000).toISOString().slice(0, 16);
    const result = await app.startTask(
      task({
        scheduleMode: "later",
        scheduledLocal: at,
        repeat: { ...defaultRepeat(at), interval: "0" },
      }),
    );
    expect(result).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
      fieldErrors: { "repeat.interval": ["Every must be a whole number from 1 to 99."] },
    });
  });
});
