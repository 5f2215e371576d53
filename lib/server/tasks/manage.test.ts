import { DescribeContactCommand } from "@aws-sdk/client-connect";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { DEMO_IDS } from "@/connect-local/index";
import type { SessionUser } from "@/lib/server/auth/session";
import { taskListFiltersSchema } from "@/lib/schemas/tasks";
import { auditEvent } from "@/lib/server/db/schema";
import { emptyTask } from "@/lib/task/schema";
import { taskTimes } from "@/lib/task/status";
import {
  type ActionHarness,
  BACKENDS_AND_TIMESTAMPS,
  startActionHarness,
} from "@/test-support/action-harness";

/**
 * Reschedule and cancel through the real actions (wrapper, auth, audit) against the local Connect
 * endpoint, and the task lists that read them back; on both databases, with both readings of a
 * scheduled task's timestamps by the endpoint (see connect-local/README.md).
 */
const mocks = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(mocks.headers) }));

const I = DEMO_IDS.instanceId;
const HOUR = 3_600_000;
let harness: ActionHarness;

/** The console's modules, imported afresh for each harness (they keep its configuration). */
async function importConsole() {
  return {
    ...(await import("@/app/(console)/tasks/actions/cancel-task")),
    ...(await import("@/app/(console)/tasks/actions/reschedule-task")),
    ...(await import("@/app/(console)/tasks/new/actions/start-task")),
    ...(await import("./registry")),
    ...(await import("./task-page")),
  };
}
let app: Awaited<ReturnType<typeof importConsole>>;

/** "YYYY-MM-DDTHH:MM" in UTC. */
const utcLocal = (date: Date) => date.toISOString().slice(0, 16);
const hoursFromNow = (hours: number) =>
  new Date(Math.ceil(Date.now() / 60_000) * 60_000 + hours * HOUR);

/** Creates a task through the start action; scheduled at `at`, or started now without one. */
async function scheduleTaskAs(user: string, name: string, at: Date | null): Promise<string> {
  harness.as(user);
  const result = await app.startTask({
    ...emptyTask({ instanceId: I, timeZone: "UTC", clientToken: crypto.randomUUID() }),
    name,
    contactFlowId: DEMO_IDS.flows.generalTasks,
    ...(at ? { scheduleMode: "later", scheduledLocal: utcLocal(at) } : {}),
  });
  if (!result.ok) throw new Error(result.formError);
  return result.data.contactId;
}

async function connectContact(contactId: string) {
  const { Contact } = await harness.sdk.send(
    new DescribeContactCommand({ InstanceId: I, ContactId: contactId }),
  );
  return Contact!;
}

async function callsOf(operation: string): Promise<number> {
  const response = await fetch(`${harness.connect.url}/__admin/requests?operation=${operation}`);
  return ((await response.json()) as { requests: unknown[] }).requests.length;
}
const updateCalls = () => callsOf("UpdateContactSchedule");

const auditRows = (action: string, contactId: string) =>
  harness.opened.db
    .select()
    .from(auditEvent)
    .where(and(eq(auditEvent.action, action), eq(auditEvent.targetId, contactId)));

const filters = (values: Record<string, string>) => taskListFiltersSchema.parse(values);

const sessionUser = (name: string): SessionUser => {
  const user = harness.users[name]!;
  return { id: user.id, email: user.email, name, role: user.role, sessionId: "test" };
};

const moveTo = (contactId: string, at: Date) => ({
  instanceId: I,
  contactId,
  mode: "at",
  scheduledLocal: utcLocal(at),
  timeZone: "UTC",
});

describe.each(BACKENDS_AND_TIMESTAMPS)(
  "on %s, Connect with %s timestamps",
  (backend, timestamps) => {
    beforeAll(async () => {
      vi.resetModules();
      harness = await startActionHarness(mocks, {
        backend,
        timestamps,
        users: {
          supervisor: "supervisor",
          lead: "lead",
          otherLead: "lead",
          support: "support",
          planner: "lead",
          starter: "lead",
        },
        env: {
          CONNECT_INSTANCE_ID: I,
          BETTER_AUTH_SECRET: "manage-task-test-secret-0123456789abcdef",
          // Pacing is tested on its own (rate-budget.test.ts); here it would only slow the loop.
          CONNECT_RATE_LIMITS: "UpdateContactSchedule=1000/1000,StartTaskContact=1000/1000",
        },
      });
      app = await importConsole();
    }, 90_000);

    afterAll(() => harness.stop());

    describe("reschedule", () => {
      it("moves a lead's own task, counts it, and a repeat asks Connect nothing", async () => {
        const contactId = await scheduleTaskAs("lead", "Call back Mr Ito", hoursFromNow(24));
        const target = hoursFromNow(30);
        harness.as("lead");
        const first = await app.rescheduleTask(moveTo(contactId, target));
        expect(first).toMatchObject({
          ok: true,
          data: { outcome: "rescheduled", reschedulesUsed: 1 },
        });
        expect((await connectContact(contactId)).ScheduledTimestamp).toEqual(target);

        const calls = await updateCalls();
        const again = await app.rescheduleTask(moveTo(contactId, target));
        expect(again).toMatchObject({
          ok: true,
          data: { outcome: "unchanged", reschedulesUsed: 1 },
        });
        expect(await updateCalls()).toBe(calls);

        const rows = await auditRows("task.reschedule", contactId);
        expect(
          rows.map((row) => [row.outcome, (row.detail as { outcome: string }).outcome]),
        ).toEqual([
          ["success", "rescheduled"],
          ["success", "unchanged"],
        ]);
        expect(rows[0]?.request).toMatchObject({ ScheduledTime: target.toISOString() });
      });

      it("moves by an offset once, even when the same request is sent twice", async () => {
        const from = hoursFromNow(20);
        const contactId = await scheduleTaskAs("supervisor", "Offset me", from);
        const offset = {
          instanceId: I,
          contactId,
          mode: "offset",
          offsetMinutes: 60,
          fromScheduledAt: from.toISOString(),
        };
        harness.as("supervisor");
        expect(await app.rescheduleTask(offset)).toMatchObject({
          ok: true,
          data: { outcome: "rescheduled" },
        });
        expect(await app.rescheduleTask(offset)).toMatchObject({
          ok: true,
          data: { outcome: "unchanged" },
        });
        expect((await connectContact(contactId)).ScheduledTimestamp).toEqual(
          new Date(from.getTime() + HOUR),
        );

        // Moved by someone else meanwhile: the offset is not applied on top.
        const stale = { ...offset, fromScheduledAt: hoursFromNow(10).toISOString() };
        expect(await app.rescheduleTask(stale)).toMatchObject({ ok: false, code: "CONFLICT" });
      });

      it("refuses a time outside the horizon next to the field, before calling Connect", async () => {
        const contactId = await scheduleTaskAs("lead", "Too far", hoursFromNow(5));
        harness.as("lead");
        const calls = await updateCalls();
        const past = await app.rescheduleTask(moveTo(contactId, hoursFromNow(-2)));
        expect(past).toMatchObject({ ok: false, code: "INVALID_INPUT" });
        expect(!past.ok && past.fieldErrors.scheduledLocal?.[0]).toMatch(/in the past/);
        const far = await app.rescheduleTask(moveTo(contactId, hoursFromNow(24 * 7)));
        expect(!far.ok && far.fieldErrors.scheduledLocal?.[0]).toMatch(/at most 6 days ahead/);
        expect(await updateCalls()).toBe(calls);
      });

      it("a lead cannot move another lead's task; support cannot move any; both are audited", async () => {
        const contactId = await scheduleTaskAs("lead", "Not yours", hoursFromNow(8));
        harness.as("otherLead");
        const other = await app.rescheduleTask(moveTo(contactId, hoursFromNow(9)));
        expect(other).toMatchObject({ ok: false, code: "FORBIDDEN" });
        expect(!other.ok && other.formError).toMatch(
          /only the tasks you created.*lead@tasks\.test/,
        );
        harness.as("support");
        expect(await app.rescheduleTask(moveTo(contactId, hoursFromNow(9)))).toMatchObject({
          ok: false,
          code: "FORBIDDEN",
          requiredPermission: "task.manage.own",
        });
        const rows = await auditRows("task.reschedule", contactId);
        expect(rows).toEqual([
          expect.objectContaining({
            outcome: "failure",
            errorName: "FORBIDDEN",
            actorEmail: "otherlead@tasks.test",
          }),
        ]);
        const denied = await harness.opened.db
          .select()
          .from(auditEvent)
          .where(and(eq(auditEvent.action, "task.reschedule"), eq(auditEvent.outcome, "denied")));
        expect(denied.some((row) => row.actorEmail === "support@tasks.test")).toBe(true);
        expect((await connectContact(contactId)).ScheduledTimestamp).toEqual(hoursFromNow(8));
      });

      it("stops at Connect's 20 reschedules without asking Connect for a 21st", async () => {
        const contactId = await scheduleTaskAs("supervisor", "Moved a lot", hoursFromNow(2));
        harness.as("supervisor");
        for (let i = 1; i <= 20; i++) {
          const result = await app.rescheduleTask(moveTo(contactId, hoursFromNow(2 + i)));
          expect(result).toMatchObject({ ok: true, data: { reschedulesUsed: i } });
        }
        const calls = await updateCalls();
        const refused = await app.rescheduleTask(moveTo(contactId, hoursFromNow(30)));
        expect(refused).toMatchObject({ ok: false, code: "CONNECT_RESCHEDULE_LIMIT" });
        expect(!refused.ok && refused.formError).toMatch(/20 reschedules per task/);
        expect(await updateCalls()).toBe(calls);
      });
    });

    describe("cancel", () => {
      it("cancels once; again says already cancelled; a cancelled task cannot be moved", async () => {
        const contactId = await scheduleTaskAs("lead", "Cancel me", hoursFromNow(12));
        harness.as("lead");
        const target = { instanceId: I, contactId };
        expect(await app.cancelTask(target)).toMatchObject({
          ok: true,
          data: { outcome: "cancelled", status: "cancelled" },
        });
        expect(await connectContact(contactId)).toMatchObject({ DisconnectReason: "API" });
        expect(await app.cancelTask(target)).toMatchObject({
          ok: true,
          data: { outcome: "already-cancelled" },
        });
        const moved = await app.rescheduleTask(moveTo(contactId, hoursFromNow(13)));
        expect(moved).toMatchObject({ ok: false, code: "CONFLICT" });
        expect(!moved.ok && moved.formError).toMatch(/this one is cancelled/);
      });

      it("never stops a call or a chat, even for a supervisor calling the action directly", async () => {
        harness.as("supervisor");
        const stops = await callsOf("StopContact");
        const refused = await app.cancelTask({
          instanceId: I,
          contactId: DEMO_IDS.contacts.chatPasswordReset,
        });
        expect(refused).toMatchObject({ ok: false, code: "CONFLICT" });
        expect(!refused.ok && refused.formError).toMatch(/chat contact, not a task/);
        expect(await callsOf("StopContact")).toBe(stops);
      });

      it("a lead cannot cancel a task someone else created", async () => {
        const contactId = await scheduleTaskAs("supervisor", "Supervisor's", hoursFromNow(12));
        harness.as("lead");
        expect(await app.cancelTask({ instanceId: I, contactId })).toMatchObject({
          ok: false,
          code: "FORBIDDEN",
        });
        expect((await connectContact(contactId)).DisconnectTimestamp).toBeUndefined();
      });
    });

    describe("task lists", () => {
      it("lists one's own tasks with Connect's status, and everyone's only with task.read.all", async () => {
        const mine = await scheduleTaskAs("otherLead", "Listed task", hoursFromNow(3));
        const lead = harness.users.otherLead!;
        const page = await app.listConsoleTasks(harness.opened.db, filters({ scope: "all" }), {
          userId: lead.id,
          canReadAll: false,
        });
        expect(page.tasks.map((task) => task.contactId)).toEqual([mine]);
        expect(page.tasks[0]).toMatchObject({
          name: "Listed task",
          status: "scheduled",
          routing: { kind: "flow", name: "General tasks" },
          createdBy: { email: "otherlead@tasks.test" },
        });
        const everyone = await app.listConsoleTasks(
          harness.opened.db,
          filters({ scope: "all", status: "cancelled" }),
          { userId: lead.id, canReadAll: true },
        );
        expect(everyone.tasks.length).toBeGreaterThan(0);
        expect(everyone.tasks.every((task) => task.status === "cancelled")).toBe(true);
        const byText = await app.listConsoleTasks(
          harness.opened.db,
          filters({ scope: "all", q: "listed TASK" }),
          { userId: lead.id, canReadAll: true },
        );
        expect(byText.tasks.map((task) => task.contactId)).toEqual([mine]);
      });

      it("the agenda never hides a task it could not check yet: it counts it, and shows it next time", async () => {
        // More new tasks than one request may ask Connect about (REFRESH_BATCH = 25).
        const planner = harness.users.planner!;
        for (let i = 0; i < 26; i++)
          await scheduleTaskAs("planner", `Planned ${i}`, hoursFromNow(3 + i));
        const view = () => {
          const now = new Date();
          return app.listScheduledTasks(
            harness.opened.db,
            { userId: planner.id, canReadAll: false },
            { mineOnly: true, now, until: new Date(now.getTime() + 48 * HOUR) },
          );
        };
        const first = await view();
        expect([first.tasks.length, first.unchecked]).toEqual([25, 1]);
        const second = await view();
        expect([second.tasks.length, second.unchecked]).toEqual([26, 0]);
      });

      it("pages the list on the server and filters by UTC creation day", async () => {
        // The planner's 26 tasks from the test above: 25 a page.
        const scope = { userId: harness.users.planner!.id, canReadAll: false };
        const first = await app.listConsoleTasks(harness.opened.db, filters({}), scope);
        expect([first.total, first.pageCount, first.tasks.length]).toEqual([26, 2, 25]);
        const second = await app.listConsoleTasks(harness.opened.db, filters({ page: "2" }), scope);
        expect(second.tasks.map((task) => task.name)).toEqual(["Planned 0"]);
        // Days of the tasks themselves, so a run across midnight UTC stays right.
        const days = [...first.tasks, ...second.tasks]
          .map((task) => task.createdAt.slice(0, 10))
          .sort();
        const shift = (day: string, by: number) =>
          new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);
        const [today, lastDay] = [days[0]!, days.at(-1)!];
        const tomorrow = shift(lastDay, 1);
        const yesterday = shift(today, -1);
        const within = await app.listConsoleTasks(
          harness.opened.db,
          filters({ from: today, to: lastDay }),
          scope,
        );
        expect(within.total).toBe(26);
        const after = await app.listConsoleTasks(
          harness.opened.db,
          filters({ from: tomorrow }),
          scope,
        );
        expect(after.total).toBe(0);
        const before = await app.listConsoleTasks(
          harness.opened.db,
          filters({ to: yesterday }),
          scope,
        );
        expect(before.total).toBe(0);
      });

      it("the agenda holds scheduled tasks within the window, soonest first", async () => {
        const later = await scheduleTaskAs("supervisor", "Agenda later", hoursFromNow(40));
        const sooner = await scheduleTaskAs("supervisor", "Agenda sooner", hoursFromNow(1));
        const supervisor = harness.users.supervisor!;
        const now = new Date();
        const agenda = await app.listScheduledTasks(
          harness.opened.db,
          { userId: supervisor.id, canReadAll: true },
          { mineOnly: true, now, until: new Date(now.getTime() + 48 * HOUR) },
        );
        const ids = agenda.tasks.map((task) => task.contactId);
        expect(ids).toContain(sooner);
        expect(ids).toContain(later);
        expect(ids.indexOf(sooner)).toBeLessThan(ids.indexOf(later));
        expect(agenda.tasks.every((task) => task.status === "scheduled")).toBe(true);
        const narrow = await app.listScheduledTasks(
          harness.opened.db,
          { userId: supervisor.id, canReadAll: true },
          { mineOnly: true, now, until: new Date(now.getTime() + 24 * HOUR) },
        );
        expect(narrow.tasks.map((task) => task.contactId)).not.toContain(later);
      });
    });

    describe("a task Connect starts", () => {
      it("shows as started on its page, in the list and off the agenda, on Connect's clock alone", async () => {
        const starter = harness.users.starter!;
        const scope = { userId: starter.id, canReadAll: false };
        const at = hoursFromNow(2);
        const contactId = await scheduleTaskAs("starter", "Starts on Connect's clock", at);
        const window = () => {
          const now = new Date();
          return { mineOnly: true, now, until: new Date(now.getTime() + 48 * HOUR) };
        };
        const before = await app.listScheduledTasks(harness.opened.db, scope, window());
        expect(before.tasks.map((task) => task.contactId)).toEqual([contactId]);

        // Only Connect's clock moves: by the console's, the task is still two hours away.
        await harness.setConnectClock(at.getTime() + 60_000);
        try {
          const page = await app.loadTaskPage(
            harness.opened.db,
            sessionUser("starter"),
            contactId,
            {
              requestedInstance: undefined,
            },
          );
          if (!page.found || !page.data.contact.ok) throw new Error("the task page has no contact");
          const snapshot = page.data.contact.value;
          expect(snapshot.status).toBe("in_progress");
          expect(page.data.rights.canReschedule).toBe(false);
          const { createdAt, startedAt } = taskTimes(snapshot.contact, snapshot.checkedAt);
          expect(startedAt).toEqual(at);
          // Documented: InitiationTimestamp is the creation. Legacy: it is the start, so Connect
          // does not say when the task was created (the console's own record does).
          if (timestamps === "documented") expect(createdAt!.getTime()).toBeLessThan(at.getTime());
          else expect(createdAt).toBeNull();

          const list = await app.listConsoleTasks(harness.opened.db, filters({}), scope);
          expect(list.tasks).toEqual([
            expect.objectContaining({ contactId, status: "in_progress" }),
          ]);
          const agenda = await app.listScheduledTasks(harness.opened.db, scope, window());
          expect(agenda.tasks).toEqual([]);
        } finally {
          await harness.setConnectClock(null);
        }
      });
    });

    describe("eventual consistency", () => {
      it("right after a create, a not-found read is retried and the task is never created again", async () => {
        const contactId = await scheduleTaskAs("support", "Fresh task", null);
        const starts = await callsOf("StartTaskContact");
        // Connect does not show the new contact to the first two reads.
        await harness.setFaults([{ kind: "not_found", operations: ["DescribeContact"], count: 2 }]);
        try {
          const page = await app.listConsoleTasks(harness.opened.db, filters({}), {
            userId: harness.users.support!.id,
            canReadAll: false,
          });
          expect(page.tasks[0]).toMatchObject({
            contactId,
            status: "in_progress",
            statusProblem: null,
          });
          expect(await callsOf("StartTaskContact")).toBe(starts);
        } finally {
          await harness.setFaults([]);
        }
      });
    });
  },
);
