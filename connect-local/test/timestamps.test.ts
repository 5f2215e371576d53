/**
 * The timestamps of a scheduled task in both modes of the endpoint. "documented" (the default)
 * follows the API reference: InitiationTimestamp is when StartTaskContact arrived, and the start
 * shows as LastUpdateTimestamp and QueueInfo. "legacy" leaves InitiationTimestamp empty until the
 * task starts and then sets it to the scheduled time, with no QueueInfo.
 */
import {
  type Contact,
  StopContactCommand,
  UpdateContactScheduleCommand,
} from "@aws-sdk/client-connect";
import { describe, expect, it } from "vitest";

import {
  DAY,
  DEMO_IDS,
  HOUR,
  INSTANCE,
  MINUTE,
  SECOND,
  admin,
  describeContact,
  harnessFor,
  ms,
  startHarness,
  startTask,
} from "./helpers";
import { parseCli } from "../src/cli-options";

const GENERAL_QUEUE = DEMO_IDS.queues.general;

/** The timeline members as epoch ms, undefined when absent; QueueInfo flattened. */
function times(c: Contact) {
  const at = (d: Date | undefined) => (d === undefined ? undefined : ms(d));
  return {
    initiation: at(c.InitiationTimestamp),
    scheduled: at(c.ScheduledTimestamp),
    lastUpdate: at(c.LastUpdateTimestamp),
    disconnect: at(c.DisconnectTimestamp),
    reason: c.DisconnectReason,
    queue: c.QueueInfo
      ? { id: c.QueueInfo.Id, enqueued: at(c.QueueInfo.EnqueueTimestamp) }
      : undefined,
  };
}

/**
 * What each mode shows, given the instants of a task's life: created (request arrived), the
 * scheduled time, when its start became due (`startedAt`), a later update (a reschedule or a stop)
 * and its end.
 */
const EXPECTED = {
  documented: {
    pending: (created: number, scheduled: number) => ({
      initiation: created,
      scheduled,
      lastUpdate: created,
      disconnect: undefined,
      reason: undefined,
      queue: undefined,
    }),
    started: (created: number, scheduled: number) => ({
      initiation: created,
      scheduled,
      lastUpdate: scheduled,
      disconnect: undefined,
      reason: undefined,
      queue: { id: GENERAL_QUEUE, enqueued: scheduled },
    }),
  },
  legacy: {
    pending: (created: number, scheduled: number) => ({
      initiation: undefined,
      scheduled,
      lastUpdate: created,
      disconnect: undefined,
      reason: undefined,
      queue: undefined,
    }),
    started: (_created: number, scheduled: number) => ({
      initiation: scheduled,
      scheduled,
      lastUpdate: scheduled,
      disconnect: undefined,
      reason: undefined,
      queue: undefined,
    }),
  },
} as const;

const MODES = ["documented", "legacy"] as const;

describe.each(MODES)("a scheduled task in %s timestamps mode", (mode) => {
  const h = harnessFor("each", { timestamps: mode });
  const expected = EXPECTED[mode];
  const stop = (id: string) =>
    h.client.send(new StopContactCommand({ InstanceId: INSTANCE, ContactId: id }));
  const reschedule = (id: string, at: number) =>
    h.client.send(
      new UpdateContactScheduleCommand({
        InstanceId: INSTANCE,
        ContactId: id,
        ScheduledTime: new Date(at),
      }),
    );
  const read = async (id: string) => times(await describeContact(h.client, id));

  it("before its time and once the clock reaches it", async () => {
    const created = h.clock.now;
    const at = created + 2 * HOUR;
    const id = await startTask(h.client, { ScheduledTime: new Date(at) });
    expect(await read(id)).toEqual(expected.pending(created, at));
    h.clock.now = at - SECOND;
    expect(await read(id)).toEqual(expected.pending(created, at));
    h.clock.now = at;
    expect(await read(id)).toEqual(expected.started(created, at));
    h.clock.now = at + 10 * MINUTE;
    expect(await read(id)).toEqual(expected.started(created, at));
  });

  it("a reschedule moves ScheduledTimestamp; the task then starts at the new time", async () => {
    const created = h.clock.now;
    const id = await startTask(h.client, { ScheduledTime: new Date(created + HOUR) });
    h.clock.now += 30 * MINUTE;
    const movedAt = h.clock.now;
    const later = created + 3 * DAY;
    await reschedule(id, later);
    const pending = expected.pending(created, later);
    // Documented: UpdateContactSchedule changes ScheduledTimestamp only. Legacy (the endpoint's
    // earlier behaviour) also set LastUpdateTimestamp to the time of the call.
    expect(await read(id)).toEqual(
      mode === "documented" ? pending : { ...pending, lastUpdate: movedAt },
    );
    h.clock.now = created + 2 * HOUR; // the old time has passed: still pending
    expect((await read(id)).queue).toBeUndefined();
    expect((await read(id)).initiation).toBe(mode === "documented" ? created : undefined);
    h.clock.now = later;
    expect(await read(id)).toEqual(expected.started(created, later));
  });

  it("stopped before its time, it never starts", async () => {
    const created = h.clock.now;
    const at = created + DAY;
    const id = await startTask(h.client, { ScheduledTime: new Date(at) });
    h.clock.now += HOUR;
    const stoppedAt = h.clock.now;
    await stop(id);
    const ended = {
      ...expected.pending(created, at),
      lastUpdate: stoppedAt,
      disconnect: stoppedAt,
      reason: "API",
    };
    expect(await read(id)).toEqual(ended);
    h.clock.now = at + HOUR;
    expect(await read(id)).toEqual(ended);
  });

  it("expires counted from its start, keeping what the start showed", async () => {
    const created = h.clock.now;
    const at = created + 3 * HOUR;
    const id = await startTask(h.client, {
      ScheduledTime: new Date(at),
      SegmentAttributes: {
        "connect:ContactExpiry": { ValueMap: { ExpiryDuration: { ValueInteger: 45 } } },
      },
    });
    h.clock.now = at + 45 * MINUTE - SECOND;
    expect(await read(id)).toEqual(expected.started(created, at));
    h.clock.now = at + 45 * MINUTE + HOUR;
    expect(await read(id)).toEqual({
      ...expected.started(created, at),
      lastUpdate: at + 45 * MINUTE,
      disconnect: at + 45 * MINUTE,
      reason: "EXPIRED",
    });
  });
});

describe("a task without ScheduledTime", () => {
  it.each(MODES)("starts at creation in %s mode", async (mode) => {
    const hh = await startHarness({ timestamps: mode });
    try {
      const id = await startTask(hh.client);
      expect(times(await describeContact(hh.client, id))).toEqual({
        initiation: hh.clock.now,
        scheduled: undefined,
        lastUpdate: hh.clock.now,
        disconnect: undefined,
        reason: undefined,
        queue: mode === "documented" ? { id: GENERAL_QUEUE, enqueued: hh.clock.now } : undefined,
      });
    } finally {
      await hh.stop();
    }
  });

  it("routed through a QUEUE quick connect, it is enqueued on that queue", async () => {
    const hh = await startHarness();
    try {
      const id = await startTask(hh.client, {
        ContactFlowId: undefined,
        QuickConnectId: DEMO_IDS.quickConnects.queueBilling,
      });
      expect((await describeContact(hh.client, id)).QueueInfo?.Id).toBe(DEMO_IDS.queues.billing);
    } finally {
      await hh.stop();
    }
  });
});

describe("switching the mode", () => {
  const h = harnessFor();

  it("is documented by default, and /__admin/timestamps switches it at run time", async () => {
    expect((await admin(h.url, "/__admin/timestamps")).body).toEqual({ mode: "documented" });
    const created = h.clock.now;
    const at = created + HOUR;
    const id = await startTask(h.client, { ScheduledTime: new Date(at) });
    expect(ms((await describeContact(h.client, id)).InitiationTimestamp)).toBe(created);

    const put = await admin(h.url, "/__admin/timestamps", "PUT", { mode: "legacy" });
    expect(put).toEqual({ status: 200, body: { mode: "legacy" } });
    expect((await admin(h.url, "/__admin/timestamps")).body).toEqual({ mode: "legacy" });
    // Timelines are derived on every read, so tasks created before the switch follow it too.
    expect((await describeContact(h.client, id)).InitiationTimestamp).toBeUndefined();
    h.clock.now = at;
    expect(ms((await describeContact(h.client, id)).InitiationTimestamp)).toBe(at);
  });

  it("refuses an unknown mode with 400, naming the modes, and keeps the current one", async () => {
    const bad = await admin<{ message: string }>(h.url, "/__admin/timestamps", "PUT", {
      mode: "realtime",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/"documented" or "legacy"/);
    expect((await admin(h.url, "/__admin/timestamps")).body).toEqual({ mode: "documented" });
  });

  it("is chosen at start by --timestamps or CONNECT_LOCAL_TIMESTAMPS; the flag wins", () => {
    expect(parseCli([], {})).toMatchObject({ timestamps: "documented" });
    expect(parseCli(["--timestamps", "legacy"], {})).toMatchObject({ timestamps: "legacy" });
    expect(parseCli([], { CONNECT_LOCAL_TIMESTAMPS: "legacy" })).toMatchObject({
      timestamps: "legacy",
    });
    expect(
      parseCli(["--timestamps=documented"], { CONNECT_LOCAL_TIMESTAMPS: "legacy" }),
    ).toMatchObject({ timestamps: "documented" });
    expect(() => parseCli(["--timestamps", "soon"], {})).toThrow(
      /--timestamps must be documented or legacy, got "soon"/,
    );
  });
});
