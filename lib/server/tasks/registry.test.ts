/**
 * The tasks list and the agenda, with tasks created through the real start action against the
 * local Connect endpoint; on both databases, with both readings of a scheduled task's timestamps
 * by the endpoint (see connect-local/README.md).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { DEMO_IDS } from "@/connect-local/index";
import { taskListFiltersSchema } from "@/lib/task/list";
import { taskTimes } from "@/lib/task/status";
import {
  type ActionHarness,
  BACKENDS_AND_TIMESTAMPS,
  startActionHarness,
} from "@/test-support/action-harness";
import {
  connectCalls,
  hoursFromNow,
  scheduleTaskAs as scheduleTaskWith,
  sessionUserOf,
} from "@/test-support/console-tasks";

const mocks = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(mocks.headers) }));

const I = DEMO_IDS.instanceId;
const HOUR = 3_600_000;
let harness: ActionHarness;

/** The console's modules, imported afresh for each harness (they keep its configuration). */
async function importConsole() {
  return {
    ...(await import("@/app/(console)/tasks/actions/cancel-task")),
    ...(await import("@/app/(console)/tasks/new/actions/start-task")),
    ...(await import("./registry")),
    ...(await import("./agenda")),
    ...(await import("./task-rows")),
    ...(await import("./task-page")),
  };
}
let app: Awaited<ReturnType<typeof importConsole>>;

const scheduleTaskAs = (user: string, name: string, at: Date | null) =>
  scheduleTaskWith(harness, app.startTask, user, name, at);
const callsOf = (operation: string) => connectCalls(harness, operation);
const sessionUser = (name: string) => sessionUserOf(harness, name);
const filters = (values: Record<string, string>) => taskListFiltersSchema.parse(values);

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
          otherLead: "lead",
          support: "support",
          planner: "lead",
          starter: "lead",
        },
        env: {
          CONNECT_INSTANCE_ID: I,
          BETTER_AUTH_SECRET: "task-list-test-secret-0123456789abcdef",
          // Pacing is tested on its own (rate-budget.test.ts); here it would only slow the loop.
          CONNECT_RATE_LIMITS: "StartTaskContact=1000/1000,StopContact=1000/1000",
        },
      });
      app = await importConsole();
    }, 90_000);

    afterAll(() => harness.stop());

    describe("task lists", () => {
      it("lists one's own tasks with Connect's status, and everyone's only with task.read.all", async () => {
        const mine = await scheduleTaskAs("otherLead", "Listed task", hoursFromNow(3));
        // Someone else's task, cancelled, for the status filter.
        const cancelled = await scheduleTaskAs("supervisor", "Cancelled one", hoursFromNow(4));
        harness.as("supervisor");
        expect(await app.cancelTask({ instanceId: I, contactId: cancelled })).toMatchObject({
          ok: true,
        });
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
        expect(everyone.tasks.map((task) => task.contactId)).toEqual([cancelled]);
        expect(everyone.tasks.every((task) => task.status === "cancelled")).toBe(true);
        const byText = await app.listConsoleTasks(
          harness.opened.db,
          filters({ scope: "all", q: "listed TASK" }),
          { userId: lead.id, canReadAll: true },
        );
        expect(byText.tasks.map((task) => task.contactId)).toEqual([mine]);
        // % is the character itself, not a wildcard: no task has one in its name, email or id.
        const byPercent = await app.listConsoleTasks(
          harness.opened.db,
          filters({ scope: "all", q: "%" }),
          { userId: lead.id, canReadAll: true },
        );
        expect(byPercent.tasks).toEqual([]);
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
            { mineOnly: true, from: now, to: new Date(now.getTime() + 48 * HOUR) },
          );
        };
        const first = await view();
        expect([first.tasks.length, first.unchecked]).toEqual([25, 1]);
        const second = await view();
        expect([second.tasks.length, second.unchecked]).toEqual([26, 0]);
      });

      it("the agenda reads at most its limit of tasks, the soonest, and says when there are more", async () => {
        // The planner's 26 checked tasks from the test above, 3 to 28 hours ahead.
        const view = (limit: number) => {
          const now = new Date();
          return app.listScheduledTasks(
            harness.opened.db,
            { userId: harness.users.planner!.id, canReadAll: false },
            { mineOnly: true, from: now, to: new Date(now.getTime() + 48 * HOUR), limit },
          );
        };
        const cut = await view(10);
        expect(cut.tasks.map((task) => task.name)).toEqual(
          Array.from({ length: 10 }, (_, i) => `Planned ${i}`),
        );
        expect([cut.isTruncated, cut.unchecked]).toEqual([true, 0]);
        const whole = await view(26);
        expect([whole.tasks.length, whole.isTruncated]).toEqual([26, false]);
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
          { mineOnly: true, from: now, to: new Date(now.getTime() + 48 * HOUR) },
        );
        const ids = agenda.tasks.map((task) => task.contactId);
        expect(ids).toContain(sooner);
        expect(ids).toContain(later);
        expect(ids.indexOf(sooner)).toBeLessThan(ids.indexOf(later));
        expect(agenda.tasks.every((task) => task.status === "scheduled")).toBe(true);
        const narrow = await app.listScheduledTasks(
          harness.opened.db,
          { userId: supervisor.id, canReadAll: true },
          { mineOnly: true, from: now, to: new Date(now.getTime() + 24 * HOUR) },
        );
        expect(narrow.tasks.map((task) => task.contactId)).not.toContain(later);
      });

      it("the agenda reads a range [from, to) that need not start now: a later week, one day", async () => {
        const ranger = harness.users.otherLead!;
        const scope = { userId: ranger.id, canReadAll: false };
        const early = await scheduleTaskAs("otherLead", "Range early", hoursFromNow(20));
        const late = await scheduleTaskAs("otherLead", "Range late", hoursFromNow(70));
        const read = (from: Date, to: Date) =>
          app.listScheduledTasks(harness.opened.db, scope, { mineOnly: true, from, to });
        const now = Date.now();
        const all = await read(new Date(now), new Date(now + 100 * HOUR));
        const at = new Map(all.tasks.map((task) => [task.id, Date.parse(task.scheduledAt!)]));
        expect(all.tasks.map((task) => task.name)).toEqual([
          "Listed task",
          "Range early",
          "Range late",
        ]);
        // Each item is a Connect task found by its ContactId.
        expect(all.tasks.find((task) => task.id === early)).toMatchObject({
          kind: "connect",
          contactId: early,
        });
        const [earlyAt, lateAt] = [at.get(early)!, at.get(late)!];
        // The start is in, the end is out.
        const ids = async (from: number, to: number) =>
          (await read(new Date(from), new Date(to))).tasks.map((task) => task.id);
        expect(await ids(earlyAt, lateAt)).toEqual([early]);
        expect(await ids(earlyAt + 1, lateAt + 1)).toEqual([late]);
        // A window days ahead, past the first task, holds only the later one.
        expect(await ids(now + 48 * HOUR, now + 96 * HOUR)).toEqual([late]);
        expect(await ids(now + 72 * HOUR, now + 96 * HOUR)).toEqual([]);
        // An empty window reads nothing, and says nothing is missing.
        expect(await read(new Date(lateAt), new Date(lateAt))).toEqual({
          tasks: [],
          unchecked: 0,
          isTruncated: false,
        });
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
          return { mineOnly: true, from: now, to: new Date(now.getTime() + 48 * HOUR) };
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
