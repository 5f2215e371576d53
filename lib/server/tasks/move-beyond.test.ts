/**
 * A Connect task rescheduled beyond Connect's horizon, through the real reschedule action
 * (wrapper, auth, audit) against the local endpoint, on both databases: refused at the time field
 * without the confirmation (no Connect call), stopped in Connect and held with it (same values,
 * the new time, a derived ClientToken), a retried confirm holding once, a failed stop holding
 * nothing, and a stop whose answer was lost held by the retried confirm.
 */
import { DescribeContactCommand, StopContactCommand } from "@aws-sdk/client-connect";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { DEMO_IDS } from "@/connect-local/index";
import { auditEvent, heldTask } from "@/lib/server/db/schema";
import type { TaskValues } from "@/lib/task/schema";
import { type ActionHarness, startActionHarness } from "@/test-support/action-harness";
import {
  connectCalls,
  hoursFromNow,
  scheduleTaskAs as scheduleTaskWith,
  utcLocal,
} from "@/test-support/console-tasks";
import { DATABASE_BACKENDS } from "@/test-support/test-database";

const mocks = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(mocks.headers) }));

const I = DEMO_IDS.instanceId;

async function importConsole() {
  return {
    ...(await import("@/app/(console)/tasks/actions/reschedule-task")),
    ...(await import("@/app/(console)/tasks/new/actions/start-task")),
    ...(await import("./move-beyond")),
  };
}

describe.each(DATABASE_BACKENDS)("rescheduling beyond the horizon on %s", (backend) => {
  let harness: ActionHarness;
  let app: Awaited<ReturnType<typeof importConsole>>;

  beforeAll(async () => {
    vi.resetModules();
    harness = await startActionHarness(mocks, {
      backend,
      users: { lead: "lead" },
      env: {
        CONNECT_INSTANCE_ID: I,
        BETTER_AUTH_SECRET: "move-beyond-test-secret-0123456789abcdefgh",
      },
    });
    app = await importConsole();
  }, 120_000);

  afterEach(() => harness.setFaults([]));
  afterAll(async () => {
    await harness?.stop();
  });

  const scheduled = (name: string) =>
    scheduleTaskWith(harness, app.startTask, "lead", name, hoursFromNow(48));
  const moveTo = (contactId: string, at: Date, confirmed = false) => ({
    instanceId: I,
    contactId,
    mode: "at" as const,
    scheduledLocal: utcLocal(at),
    timeZone: "UTC",
    ...(confirmed ? { holdBeyondHorizon: true as const } : {}),
  });
  const contactOf = async (contactId: string) =>
    (await harness.sdk.send(new DescribeContactCommand({ InstanceId: I, ContactId: contactId })))
      .Contact!;
  const heldRows = (clientToken: string) =>
    harness.opened.db.select().from(heldTask).where(eq(heldTask.clientToken, clientToken));
  async function connectCallCounts() {
    const operations = ["DescribeContact", "StopContact", "UpdateContactSchedule"];
    return Promise.all(operations.map((operation) => connectCalls(harness, operation)));
  }

  it("refuses a time beyond the horizon without the confirmation, at the time field, asking Connect nothing", async () => {
    const contactId = await scheduled(`Unconfirmed ${backend}`);
    const before = await connectCallCounts();
    const refused = await app.rescheduleTask(moveTo(contactId, hoursFromNow(24 * 20)));
    expect(refused).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(!refused.ok && refused.fieldErrors.scheduledLocal?.[0]).toMatch(
      /at most 6 days ahead: confirm to stop this task in Connect and hold it/,
    );
    expect(await connectCallCounts()).toEqual(before);
    expect((await contactOf(contactId)).DisconnectTimestamp).toBeUndefined();
  });

  it("with the confirmation, stops the contact in Connect and holds its values at the new time; a retry holds once", async () => {
    const name = `Moved far ${backend}`;
    const contactId = await scheduled(name);
    const target = hoursFromNow(24 * 20);
    const moved = await app.rescheduleTask(moveTo(contactId, target, true));
    if (!moved.ok) throw new Error(moved.formError);
    expect(moved.data).toMatchObject({ outcome: "held", status: "cancelled" });
    const heldTaskId = moved.data.heldTaskId!;
    expect(heldTaskId).toMatch(/^held-/);
    expect(await contactOf(contactId)).toMatchObject({ DisconnectReason: "API" });

    const clientToken = app.moveHoldToken(contactId, target);
    const [row, ...others] = await heldRows(clientToken);
    expect(others).toHaveLength(0);
    expect(row).toMatchObject({ id: heldTaskId, state: "held", contactId: null, instanceId: I });
    expect(row!.scheduledAt.toISOString()).toBe(target.toISOString());
    expect(row!.values as TaskValues).toMatchObject({
      name,
      routingKind: "flow",
      contactFlowId: DEMO_IDS.flows.generalTasks,
      scheduleMode: "later",
      scheduledLocal: utcLocal(target),
      timeZone: "UTC",
      clientToken,
    });

    const stops = await connectCalls(harness, "StopContact");
    const again = await app.rescheduleTask(moveTo(contactId, target, true));
    expect(again).toMatchObject({ ok: true, data: { outcome: "held", heldTaskId } });
    expect(await connectCalls(harness, "StopContact")).toBe(stops);
    expect(await heldRows(clientToken)).toHaveLength(1);

    const reschedules = await harness.opened.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, "task.reschedule"), eq(auditEvent.targetId, contactId)));
    expect(reschedules.map((entry) => [entry.outcome, entry.detail])).toEqual([
      ["success", expect.objectContaining({ outcome: "held", heldTaskId })],
      ["success", expect.objectContaining({ outcome: "held", heldTaskId })],
    ]);
    const holds = await harness.opened.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, "task.hold"), eq(auditEvent.targetId, heldTaskId)));
    expect(holds).toHaveLength(1);
  });

  it("holds nothing when Connect refuses the stop, and says why", async () => {
    const contactId = await scheduled(`Stop refused ${backend}`);
    const target = hoursFromNow(24 * 30);
    await harness.setFaults([{ kind: "throttle", operations: ["StopContact"], count: 10 }]);
    const refused = await app.rescheduleTask(moveTo(contactId, target, true));
    expect(refused).toMatchObject({ ok: false, code: "CONNECT_THROTTLED" });
    expect(await heldRows(app.moveHoldToken(contactId, target))).toHaveLength(0);
    expect((await contactOf(contactId)).DisconnectTimestamp).toBeUndefined();
  });

  it("a confirm whose stop answer was lost holds nothing; confirming again holds the copy once", async () => {
    const contactId = await scheduled(`Stop lost ${backend}`);
    const target = hoursFromNow(24 * 25);
    await harness.setFaults([{ kind: "internal", operations: ["StopContact"], count: 10 }]);
    const lost = await app.rescheduleTask(moveTo(contactId, target, true));
    expect(lost).toMatchObject({ ok: false, isOutcomeUnknown: true });
    expect(await heldRows(app.moveHoldToken(contactId, target))).toHaveLength(0);
    await harness.setFaults([]);
    // As if that stop had reached Connect and only its answer was lost.
    await harness.sdk.send(new StopContactCommand({ InstanceId: I, ContactId: contactId }));
    const again = await app.rescheduleTask(moveTo(contactId, target, true));
    expect(again).toMatchObject({ ok: true, data: { outcome: "held" } });
    expect(await heldRows(app.moveHoldToken(contactId, target))).toHaveLength(1);
  });
});
