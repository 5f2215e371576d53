/**
 * The task page's loader and the follow-up prefill, with tasks created through the real action
 * against the local Connect endpoint (on both databases, with both readings of a scheduled task's
 * timestamps). MAX_LINKED_TASKS is 2 here, so a full chain costs two tasks.
 */
import { StartTaskContactCommand } from "@aws-sdk/client-connect";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { DEMO_IDS } from "@/connect-local/index";
import type { SessionUser } from "@/lib/server/auth/session";
import { type TaskFormValues, emptyTask } from "@/lib/task/schema";
import { taskTimes } from "@/lib/task/status";
import {
  type ActionHarness,
  BACKENDS_AND_TIMESTAMPS,
  startActionHarness,
} from "@/test-support/action-harness";

import { changeRights } from "./task-rights";

const mocks = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(mocks.headers) }));

const I = DEMO_IDS.instanceId;
const HOUR = 3_600_000;
let harness: ActionHarness;

/** The console's modules, imported afresh for each harness (they keep its configuration). */
async function importConsole() {
  return {
    ...(await import("@/app/(console)/tasks/new/actions/start-task")),
    ...(await import("./follow-up")),
    ...(await import("./task-page")),
  };
}
let app: Awaited<ReturnType<typeof importConsole>>;

const sessionUser = (name: string): SessionUser => {
  const user = harness.users[name]!;
  return { id: user.id, email: user.email, name, role: user.role, sessionId: "test" };
};

const inHours = (hours: number) =>
  new Date(Math.ceil(Date.now() / 60_000) * 60_000 + hours * HOUR).toISOString().slice(0, 16);

async function createTask(user: string, overrides: Partial<TaskFormValues>): Promise<string> {
  harness.as(user);
  const result = await app.startTask({
    ...emptyTask({ instanceId: I, timeZone: "UTC", clientToken: crypto.randomUUID() }),
    contactFlowId: DEMO_IDS.flows.generalTasks,
    ...overrides,
  });
  if (!result.ok) throw new Error(result.formError);
  if (result.data.kind !== "created") throw new Error("the task was held");
  return result.data.contactId;
}

const load = (user: string, contactId: string, requestedInstance?: string) =>
  app.loadTaskPage(harness.opened.db, sessionUser(user), contactId, { requestedInstance });

describe("changeRights", () => {
  const lead = { id: "lead-1", role: "lead" as const };
  const record = (creatorId: string) =>
    ({ createdBy: { id: creatorId, email: "x@example.test", role: "lead" } }) as never;
  const task = (status: "scheduled" | "in_progress" | "ended" | "cancelled") => ({
    channel: "TASK",
    status,
  });

  it("follows the actions' rules", () => {
    expect(changeRights(lead, record("lead-1"), task("scheduled"))).toMatchObject({
      canReschedule: true,
      canCancel: true,
    });
    expect(changeRights(lead, record("lead-1"), task("in_progress"))).toMatchObject({
      canReschedule: false,
      canCancel: true,
    });
    expect(changeRights(lead, record("lead-1"), task("cancelled")).explanation).toMatch(
      /was cancelled/,
    );
    expect(changeRights(lead, null, task("scheduled")).explanation).toMatch(/only a supervisor/);
    expect(
      changeRights({ id: "s", role: "supervisor" }, null, task("scheduled")).canReschedule,
    ).toBe(true);
    expect(changeRights({ id: "x", role: "support" }, null, task("scheduled")).explanation).toMatch(
      /Your role cannot/,
    );
    expect(changeRights(lead, record("lead-1"), null).explanation).toMatch(/did not answer/);
  });
});

describe.each(BACKENDS_AND_TIMESTAMPS)(
  "on %s, Connect with %s timestamps",
  (backend, timestamps) => {
    beforeAll(async () => {
      vi.resetModules();
      harness = await startActionHarness(mocks, {
        backend,
        timestamps,
        users: { supervisor: "supervisor", lead: "lead", otherLead: "lead", support: "support" },
        env: {
          CONNECT_INSTANCE_ID: `${I},${DEMO_IDS.secondInstanceId}`,
          BETTER_AUTH_SECRET: "task-page-test-secret-0123456789abcdef",
          MAX_LINKED_TASKS: "2",
          // Pacing is tested on its own (rate-budget.test.ts); here it would only slow the test.
          CONNECT_RATE_LIMITS:
            "StartTaskContact=1000/1000,DescribeContact=1000/1000,ListContactReferences=1000/1000,GetContactAttributes=1000/1000,StopContact=1000/1000",
        },
        rules: { maxLinkedTasksPerContact: 2 },
      });
      app = await importConsole();
    }, 90_000);

    afterAll(() => harness.stop());

    describe("loadTaskPage", () => {
      it("shows Connect's answer, the recorded request, references, attributes and history", async () => {
        const contactId = await createTask("lead", {
          name: "Call back Ms Okafor",
          scheduleMode: "later",
          scheduledLocal: inHours(5),
          references: [{ name: "Case", type: "URL", value: "https://crm.example/case/7" }],
          attributes: [{ key: "orderId", value: "7781" }],
        });
        const result = await load("lead", contactId);
        if (!result.found) throw new Error(result.message);
        const { data } = result;
        expect(data.instanceId).toBe(I);
        expect(data.contact).toMatchObject({ ok: true, value: { status: "scheduled" } });
        if (!data.contact.ok) throw new Error(data.contact.message);
        const times = taskTimes(data.contact.value.contact, data.contact.value.checkedAt);
        // Connect reports the creation only in the documented reading; the start has not come.
        expect({ hasCreatedAt: times.createdAt !== null, startedAt: times.startedAt }).toEqual({
          hasCreatedAt: timestamps === "documented",
          startedAt: null,
        });
        expect(data.record?.request).toMatchObject({ Name: "Call back Ms Okafor" });
        expect(data.record?.clientToken).toMatch(/^[0-9a-f-]{36}$/);
        expect(data.references).toEqual({
          ok: true,
          value: [{ name: "Case", type: "URL", value: "https://crm.example/case/7", status: null }],
        });
        expect(data.attributes).toEqual({ ok: true, value: { orderId: "7781" } });
        expect(data.history.map((event) => event.action)).toEqual(["task.start"]);
        expect(data.rights).toEqual({ canReschedule: true, canCancel: true, explanation: null });

        // Another lead sees the page, not the creator's history, and may not change it.
        const other = await load("otherLead", contactId);
        if (!other.found) throw new Error(other.message);
        expect(other.data.history).toEqual([]);
        expect(other.data.rights).toMatchObject({ canReschedule: false, canCancel: false });
        expect(other.data.rights.explanation).toMatch(
          /only the tasks you created.*lead@tasks\.test/,
        );
      });

      it("one failing Connect read leaves the rest of the page", async () => {
        const contactId = await createTask("supervisor", { name: "Partial page" });
        await harness.setFaults([
          { kind: "internal", operations: ["ListContactReferences"], count: 10 },
        ]);
        try {
          const result = await load("supervisor", contactId);
          if (!result.found) throw new Error(result.message);
          expect(result.data.references.ok).toBe(false);
          expect(result.data.contact.ok).toBe(true);
          expect(result.data.attributes.ok).toBe(true);
        } finally {
          await harness.setFaults([]);
        }
      });

      it("finds contacts the console did not create, and says when nobody knows an id", async () => {
        const seeded = await load("support", DEMO_IDS.contacts.chatPasswordReset);
        if (!seeded.found) throw new Error(seeded.message);
        expect(seeded.data.record).toBeNull();
        expect(seeded.data.contact).toMatchObject({
          ok: true,
          value: { contact: { channel: "CHAT" } },
        });
        expect(seeded.data.rights.canCancel).toBe(false);

        const unknown = "f6a5b8c7-9999-40c1-8c6d-0e1f2a3b4c99";
        expect(await load("support", unknown)).toMatchObject({ found: false });
        expect(await load("support", unknown, I)).toMatchObject({ found: false });
        // An instance the console is not configured for is not asked.
        expect(await load("support", unknown, "not-configured")).toMatchObject({ found: false });
      });

      it("lists the chain: siblings with k of N, and children of the previous contact", async () => {
        const previous = DEMO_IDS.contacts.voiceOutageCall;
        const first = await createTask("supervisor", {
          name: "First follow-up",
          linkKind: "previous",
          linkedContactId: previous,
        });
        await createTask("lead", {
          name: "Second follow-up",
          linkKind: "previous",
          linkedContactId: previous,
        });

        const result = await load("supervisor", first);
        if (!result.found) throw new Error(result.message);
        const { links } = result.data;
        expect(links.limit).toBe(2);
        expect(links.previous).toMatchObject({ used: 2, contact: { channel: "VOICE" } });
        expect(links.previous?.tasks.map((task) => task.name)).toEqual([
          "First follow-up",
          "Second follow-up",
        ]);

        const parent = await load("supervisor", previous);
        if (!parent.found) throw new Error(parent.message);
        expect(parent.data.links.children.used).toBe(2);
        expect(parent.data.rights.explanation).toMatch(/voice contact, not a task/);
      });
    });

    describe("prefillFollowUp", () => {
      const base = () => ({
        ...emptyTask({
          instanceId: I,
          timeZone: "Europe/Berlin",
          clientToken: crypto.randomUUID(),
        }),
        name: "Half-written draft",
      });
      const prefill = (followUp: string | undefined, instance?: string, hasDraft = false) =>
        app.prefillFollowUp(harness.opened.db, base(), { followUp, instance }, { hasDraft });

      it("links to the contact as previous while the chain has room, keeping the draft", async () => {
        const contact = DEMO_IDS.contacts.chatDeliveryQuestion;
        const { values, notice } = await prefill(contact, undefined, true);
        expect(values).toMatchObject({
          instanceId: I,
          linkKind: "previous",
          linkedContactId: contact,
          name: "Half-written draft",
          timeZone: "Europe/Berlin",
        });
        expect(notice?.tone).toBe("info");
        expect(notice?.messages.join(" ")).toMatch(/chat contact “Where is my parcel\?”.*0 of 2/);
        expect(notice?.messages.join(" ")).toMatch(/draft is kept/);
      });

      it("falls back to a related contact once the chain is full, and says why", async () => {
        harness.as("supervisor");
        const { ContactId: start } = await harness.sdk.send(
          new StartTaskContactCommand({
            InstanceId: I,
            Name: "Chain start",
            ContactFlowId: DEMO_IDS.flows.generalTasks,
          }),
        );
        for (const n of [1, 2])
          await createTask("supervisor", {
            name: `Link ${n}`,
            linkKind: "previous",
            linkedContactId: start!,
          });

        const { values, notice } = await prefill(start, I);
        expect(values).toMatchObject({ linkKind: "related", linkedContactId: start });
        expect(notice?.messages[0]).toBe(
          `${start} already has 2 linked tasks, Connect's limit; this follow-up is linked as a related contact instead.`,
        );
      });

      it("reports a bad or unknown id on the composer and links nothing", async () => {
        const bad = await prefill("   ");
        expect(bad.values.linkKind).toBe("none");
        expect(bad.notice).toMatchObject({ tone: "problem" });
        expect(bad.notice?.messages[0]).toMatch(/no usable contact id/);

        const unknown = await prefill("f6a5b8c7-9999-40c1-8c6d-0e1f2a3b4c99", I, true);
        expect(unknown.values).toMatchObject({ linkKind: "none", name: "Half-written draft" });
        expect(unknown.notice?.messages.join(" ")).toMatch(
          /does not know.*draft is shown unchanged/,
        );

        expect(await prefill(undefined)).toMatchObject({ notice: null });
      });
    });
  },
);
