/**
 * Reschedule and cancel through the real actions (wrapper, auth, audit) against the local Connect
 * endpoint; on both databases, with both readings of a scheduled task's timestamps by the endpoint
 * (see connect-local/README.md). The lists that read them back: registry.test.ts.
 */
import { DescribeContactCommand } from "@aws-sdk/client-connect";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { DEMO_IDS } from "@/connect-local/index";
import { auditEvent } from "@/lib/server/db/schema";
import {
  type ActionHarness,
  BACKENDS_AND_TIMESTAMPS,
  startActionHarness,
} from "@/test-support/action-harness";
import {
  connectCalls,
  hoursFromNow,
  scheduleTaskAs as scheduleTaskWith,
  utcLocal,
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
    ...(await import("@/app/(console)/tasks/actions/reschedule-task")),
    ...(await import("@/app/(console)/tasks/new/actions/start-task")),
  };
}
let app: Awaited<ReturnType<typeof importConsole>>;

const scheduleTaskAs = (user: string, name: string, at: Date | null) =>
  scheduleTaskWith(harness, app.startTask, user, name, at);

async function connectContact(contactId: string) {
  const { Contact } = await harness.sdk.send(
    new DescribeContactCommand({ InstanceId: I, ContactId: contactId }),
  );
  return Contact!;
}

const callsOf = (operation: string) => connectCalls(harness, operation);
const updateCalls = () => callsOf("UpdateContactSchedule");

const auditRows = (action: string, contactId: string) =>
  harness.opened.db
    .select()
    .from(auditEvent)
    .where(and(eq(auditEvent.action, action), eq(auditEvent.targetId, contactId)));

const moveTo = (contactId: string, at: Date) => ({
  instanceId: I,
  contactId,
  mode: "at" as const,
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
        users: { supervisor: "supervisor", lead: "lead", otherLead: "lead", support: "support" },
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
          mode: "offset" as const,
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

      it("with onlyIfScheduled leaves a task that has started as it is, without a StopContact", async () => {
        const contactId = await scheduleTaskAs("lead", "Started already", null);
        harness.as("lead");
        const stops = await callsOf("StopContact");
        const refused = await app.cancelTask({ instanceId: I, contactId, onlyIfScheduled: true });
        expect(refused).toMatchObject({ ok: false, code: "CONFLICT" });
        expect(!refused.ok && refused.formError).toMatch(/no longer scheduled \(in progress\)/);
        expect(await callsOf("StopContact")).toBe(stops);
        const scheduled = await scheduleTaskAs("lead", "Still scheduled", hoursFromNow(12));
        expect(
          await app.cancelTask({ instanceId: I, contactId: scheduled, onlyIfScheduled: true }),
        ).toMatchObject({ ok: true, data: { outcome: "cancelled" } });
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
  },
);
