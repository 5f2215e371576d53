/**
 * Reschedule and cancel when Connect's answer is lost: recorded as unknown, told honestly, and a
 * second try settles it without changing the task twice. Real actions, SDK and local endpoint,
 * on both databases; one attempt of 500 ms.
 */
import { randomUUID } from "node:crypto";

import { DescribeContactCommand } from "@aws-sdk/client-connect";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { cancelTask } from "@/app/(console)/tasks/actions/cancel-task";
import { rescheduleTask } from "@/app/(console)/tasks/actions/reschedule-task";
import { startTask } from "@/app/(console)/tasks/new/actions/start-task";
import { DEMO_IDS, type RunningConnectLocal, startConnectLocal } from "@/connect-local/index";
import { auditEvent } from "@/lib/server/db/schema";
import { emptyTask } from "@/lib/task/schema";
import { type ActionHarness, startActionHarness } from "@/test-support/action-harness";
import { DATABASE_BACKENDS } from "@/test-support/test-database";

const mocks = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(mocks.headers) }));

const I = DEMO_IDS.instanceId;
let connect: RunningConnectLocal;

beforeAll(async () => {
  connect = await startConnectLocal({ port: 0, throttling: false });
});
afterAll(async () => {
  await connect?.stop();
});

async function callsOf(operation: string): Promise<number[]> {
  const response = await fetch(`${connect.url}/__admin/requests?operation=${operation}`);
  const { requests } = (await response.json()) as { requests: { status: number }[] };
  return requests.map((request) => request.status);
}

/** Resolves once the endpoint has logged `count` requests of the operation (it logs when done). */
async function untilLogged(operation: string, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await callsOf(operation)).length < count) {
    if (Date.now() > deadline) throw new Error(`${operation} never finished`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const utcLocal = (date: Date) => date.toISOString().slice(0, 16);
const hoursFromNow = (hours: number) =>
  new Date(Math.ceil(Date.now() / 60_000) * 60_000 + hours * 3_600_000);

describe.each(DATABASE_BACKENDS)("reschedule and cancel outcomes on %s", (backend) => {
  let harness: ActionHarness;

  beforeAll(async () => {
    harness = await startActionHarness(mocks, {
      users: { supervisor: "supervisor" },
      env: {
        CONNECT_INSTANCE_ID: I,
        BETTER_AUTH_SECRET: "manage-outcomes-secret-0123456789abcdef",
        CONNECT_REQUEST_TIMEOUT_MS: "500",
        CONNECT_MAX_ATTEMPTS: "1",
        CONNECT_RATE_LIMITS:
          "StartTaskContact=1000/1000,UpdateContactSchedule=1000/1000,StopContact=1000/1000",
      },
      backend,
      connect,
    });
    harness.as("supervisor");
  }, 90_000);
  afterAll(async () => {
    await harness?.setFaults([]);
    await harness?.stop();
  });

  async function scheduledTask(): Promise<string> {
    const result = await startTask({
      ...emptyTask({ instanceId: I, timeZone: "UTC", clientToken: randomUUID() }),
      name: `Managed ${backend}`,
      contactFlowId: DEMO_IDS.flows.generalTasks,
      scheduleMode: "later",
      scheduledLocal: utcLocal(hoursFromNow(24)),
    });
    if (!result.ok) throw new Error(result.formError);
    if (result.data.kind !== "created") throw new Error("the task was held");
    return result.data.contactId;
  }
  const rows = (action: string, contactId: string) =>
    harness.opened.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, action), eq(auditEvent.targetId, contactId)))
      .orderBy(auditEvent.occurredAt);

  it("records a reschedule whose answer was lost as unknown; asking again does not move it twice", async () => {
    const contactId = await scheduledTask();
    const target = hoursFromNow(30);
    const move = {
      instanceId: I,
      contactId,
      mode: "at" as const,
      scheduledLocal: utcLocal(target),
      timeZone: "UTC",
    };
    const before = (await callsOf("UpdateContactSchedule")).length;
    await harness.setFaults([
      { kind: "delay", operations: ["UpdateContactSchedule"], delayMs: 900, count: 1 },
    ]);

    const lost = await rescheduleTask(move);
    expect(lost).toMatchObject({ ok: false, code: "CONNECT_TIMEOUT", isOutcomeUnknown: true });
    if (!lost.ok)
      expect(lost.formError).toMatch(
        /^Outcome unknown: .*did not confirm whether the task was moved/,
      );
    expect((await rows("task.reschedule", contactId)).map((row) => row.outcome)).toEqual([
      "unknown",
    ]);

    // Connect did move it once the delay was over; the second try sees that and sends nothing.
    await untilLogged("UpdateContactSchedule", before + 1);
    const again = await rescheduleTask(move);
    expect(again).toMatchObject({ ok: true, data: { outcome: "unchanged" } });
    expect(await callsOf("UpdateContactSchedule")).toHaveLength(before + 1);
    const { Contact } = await harness.sdk.send(
      new DescribeContactCommand({ InstanceId: I, ContactId: contactId }),
    );
    expect(Contact?.ScheduledTimestamp).toEqual(target);
  });

  it("records a cancel that failed with a 5xx as unknown; asking again cancels it once", async () => {
    const contactId = await scheduledTask();
    await harness.setFaults([{ kind: "internal", operations: ["StopContact"], count: 1 }]);
    const lost = await cancelTask({ instanceId: I, contactId });
    expect(lost).toMatchObject({ ok: false, code: "CONNECT_UNAVAILABLE", isOutcomeUnknown: true });
    if (!lost.ok) expect(lost.formError).toMatch(/^Outcome unknown: .*cancelled/);

    const again = await cancelTask({ instanceId: I, contactId });
    expect(again).toMatchObject({ ok: true, data: { outcome: "cancelled" } });
    expect((await rows("task.cancel", contactId)).map((row) => row.outcome)).toEqual([
      "unknown",
      "success",
    ]);
  });

  it("records a cancel Connect refused (throttled) as a failure", async () => {
    const contactId = await scheduledTask();
    await harness.setFaults([{ kind: "throttle", operations: ["StopContact"], count: 1 }]);
    const refused = await cancelTask({ instanceId: I, contactId });
    expect(refused).toMatchObject({ ok: false, code: "CONNECT_THROTTLED" });
    expect(refused.ok ? null : refused.isOutcomeUnknown).toBeUndefined();
    expect((await rows("task.cancel", contactId)).map((row) => row.outcome)).toEqual(["failure"]);
  });
});
