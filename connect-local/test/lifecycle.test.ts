/**
 * Task lifecycle on the injected clock: initiation, scheduling, expiry, StopContact and
 * UpdateContactSchedule. How a scheduled task's timestamps read in each mode is in
 * timestamps.test.ts.
 */
import { StopContactCommand, UpdateContactScheduleCommand } from "@aws-sdk/client-connect";
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
  expectConnectError,
  expectInvalidRequest,
  expectNotFound,
  ms,
  startHarness,
  harnessFor,
  startTask,
} from "./helpers";

const h = harnessFor();

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
const DEFAULT_EXPIRY = 10_080 * MINUTE;

describe("initiation and scheduling", () => {
  it("a task without ScheduledTime starts at creation time", async () => {
    const id = await startTask(h.client);
    const c = await describeContact(h.client, id);
    expect(ms(c.InitiationTimestamp)).toBe(h.clock.now);
    expect(c.ScheduledTimestamp).toBeUndefined();
  });

  it("the admin clock moves the endpoint's time as well", async () => {
    const at = h.clock.now + HOUR;
    const id = await startTask(h.client, { ScheduledTime: new Date(at) });
    const res = await admin(h.url, "/__admin/clock", "POST", { advanceMs: HOUR + MINUTE });
    expect(res.status).toBe(200);
    // Started on the shifted clock: its start is its last update, and it can no longer be moved.
    expect(ms((await describeContact(h.client, id)).LastUpdateTimestamp)).toBe(at);
    await expectInvalidRequest(reschedule(id, h.clock.now + 2 * HOUR), "already started");
  });
});

describe("expiry", () => {
  it("expires after the default 10,080 minutes with DisconnectReason EXPIRED", async () => {
    const start = h.clock.now;
    const id = await startTask(h.client);
    h.clock.now = start + DEFAULT_EXPIRY - SECOND;
    expect((await describeContact(h.client, id)).DisconnectTimestamp).toBeUndefined();
    h.clock.now = start + DEFAULT_EXPIRY + 3 * DAY;
    const c = await describeContact(h.client, id);
    expect(ms(c.DisconnectTimestamp)).toBe(start + DEFAULT_EXPIRY);
    expect(c.DisconnectReason).toBe("EXPIRED");
  });

  it("counts expiry from the scheduled initiation, using connect:ContactExpiry minutes", async () => {
    const at = h.clock.now + 3 * HOUR;
    const id = await startTask(h.client, {
      ScheduledTime: new Date(at),
      SegmentAttributes: {
        "connect:ContactExpiry": { ValueMap: { ExpiryDuration: { ValueInteger: 45 } } },
      },
    });
    h.clock.now = at + 45 * MINUTE - SECOND;
    expect((await describeContact(h.client, id)).DisconnectTimestamp).toBeUndefined();
    h.clock.now = at + 45 * MINUTE;
    const c = await describeContact(h.client, id);
    expect(ms(c.DisconnectTimestamp)).toBe(at + 45 * MINUTE);
    expect(c.DisconnectReason).toBe("EXPIRED");
  });

  it("honours rules.defaultTaskExpiryMinutes", async () => {
    const short = await startHarness({ rules: { defaultTaskExpiryMinutes: 5 } });
    try {
      const id = await startTask(short.client);
      short.clock.now += 5 * MINUTE;
      const c = await describeContact(short.client, id);
      expect(c.DisconnectReason).toBe("EXPIRED");
      expect(ms(c.DisconnectTimestamp)).toBe(short.clock.now);
    } finally {
      await short.stop();
    }
  });

  it("an expired task cannot be stopped (ContactNotFoundException 410)", async () => {
    const id = await startTask(h.client);
    h.clock.now += DEFAULT_EXPIRY + MINUTE;
    await expectConnectError(stop(id), "ContactNotFoundException", 410);
  });
});

describe("StopContact", () => {
  it("ends a running task with DisconnectReason API", async () => {
    const id = await startTask(h.client);
    h.clock.now += 7 * MINUTE;
    const out = await stop(id);
    expect(out.$metadata.httpStatusCode).toBe(200);
    const c = await describeContact(h.client, id);
    expect(ms(c.DisconnectTimestamp)).toBe(h.clock.now);
    expect(c.DisconnectReason).toBe("API");
  });

  it("cancels a scheduled task, which then never starts", async () => {
    const at = h.clock.now + DAY;
    const id = await startTask(h.client, { ScheduledTime: new Date(at) });
    h.clock.now += HOUR;
    await stop(id);
    let c = await describeContact(h.client, id);
    expect(c.DisconnectReason).toBe("API");
    expect(ms(c.DisconnectTimestamp)).toBe(h.clock.now);
    h.clock.now = at + HOUR;
    c = await describeContact(h.client, id);
    expect(c.DisconnectReason).toBe("API");
    expect(ms(c.DisconnectTimestamp)).toBe(at - DAY + HOUR);
  });

  it("a contact that already ended → ContactNotFoundException 410", async () => {
    const id = await startTask(h.client);
    await stop(id);
    await expectConnectError(stop(id), "ContactNotFoundException", 410);
    await expectConnectError(
      stop(DEMO_IDS.contacts.voiceBillingCall),
      "ContactNotFoundException",
      410,
    );
    await expectConnectError(
      stop(DEMO_IDS.contacts.chatPasswordReset),
      "ContactNotFoundException",
      410,
    );
  });

  it("an unknown contact → ResourceNotFoundException 404", async () => {
    await expectNotFound(stop("00000000-0000-4000-8000-000000000404"));
    const id = await startTask(h.client);
    await expectNotFound(
      h.client.send(
        new StopContactCommand({ InstanceId: DEMO_IDS.secondInstanceId, ContactId: id }),
      ),
    );
  });
});

describe("UpdateContactSchedule", () => {
  it("applies the ScheduledTime rules (past, horizon measured from now)", async () => {
    const id = await startTask(h.client, { ScheduledTime: new Date(h.clock.now + HOUR) });
    await expectInvalidRequest(reschedule(id, h.clock.now - 2 * MINUTE));
    await expectInvalidRequest(reschedule(id, h.clock.now + 6 * DAY + SECOND));
    await reschedule(id, h.clock.now + 6 * DAY);
    expect(ms((await describeContact(h.client, id)).ScheduledTimestamp)).toBe(
      h.clock.now + 6 * DAY,
    );
  });

  it("refuses a task that already started or was stopped", async () => {
    const running = await startTask(h.client);
    await expectInvalidRequest(reschedule(running, h.clock.now + HOUR));

    const started = await startTask(h.client, { ScheduledTime: new Date(h.clock.now + HOUR) });
    h.clock.now += 2 * HOUR;
    await expectInvalidRequest(reschedule(started, h.clock.now + HOUR));

    const cancelled = await startTask(h.client, { ScheduledTime: new Date(h.clock.now + HOUR) });
    await stop(cancelled);
    await expectInvalidRequest(reschedule(cancelled, h.clock.now + 2 * HOUR));

    await expectInvalidRequest(reschedule(DEMO_IDS.contacts.voiceOutageCall, h.clock.now + HOUR));
  });

  it("refuses an unknown contact with ResourceNotFoundException", async () => {
    await expectNotFound(reschedule("00000000-0000-4000-8000-000000000404", h.clock.now + HOUR));
  });

  it("allows 20 reschedules; the 21st → LimitExceededException 429", async () => {
    const id = await startTask(h.client, { ScheduledTime: new Date(h.clock.now + HOUR) });
    for (let i = 1; i <= 20; i++) await reschedule(id, h.clock.now + HOUR + i * MINUTE);
    await expectConnectError(reschedule(id, h.clock.now + 3 * HOUR), "LimitExceededException", 429);
    expect(ms((await describeContact(h.client, id)).ScheduledTimestamp)).toBe(
      h.clock.now + HOUR + 20 * MINUTE,
    );
  });

  it("honours rules.maxReschedulesPerTask", async () => {
    const few = await startHarness({ rules: { maxReschedulesPerTask: 2 } });
    try {
      const id = await startTask(few.client, { ScheduledTime: new Date(few.clock.now + HOUR) });
      const move = (at: number) =>
        few.client.send(
          new UpdateContactScheduleCommand({
            InstanceId: INSTANCE,
            ContactId: id,
            ScheduledTime: new Date(at),
          }),
        );
      await move(few.clock.now + 2 * HOUR);
      await move(few.clock.now + 3 * HOUR);
      await expectConnectError(move(few.clock.now + 4 * HOUR), "LimitExceededException", 429);
    } finally {
      await few.stop();
    }
  });
});
