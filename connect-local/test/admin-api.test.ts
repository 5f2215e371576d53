/**
 * The plain-JSON admin API under /__admin: health, clock, throttling, faults, rules, request log.
 */
import { ListUsersCommand, StartTaskContactCommand } from "@aws-sdk/client-connect";
import { describe, expect, it } from "vitest";

import {
  DEMO_IDS,
  HOUR,
  INSTANCE,
  admin,
  describeContact,
  expectQuota,
  loggedRequests,
  ms,
  harnessFor,
  startTask,
  taskInput,
} from "./helpers";

const h = harnessFor();

describe("/__admin/health", () => {
  it("reports ok, the instance ids and the current time", async () => {
    const r = await admin<{ ok: boolean; instanceIds: string[]; now: number | string }>(
      h.url,
      "/__admin/health",
    );
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(true);
    expect([...r.body.instanceIds].sort()).toEqual(
      [DEMO_IDS.instanceId, DEMO_IDS.secondInstanceId].sort(),
    );
    expect(new Date(r.body.now).getTime()).toBe(h.clock.now);
  });
});

describe("/__admin/clock", () => {
  it("advances, sets and resets the endpoint's clock", async () => {
    const base = h.clock.now;
    let r = await admin<{ now: number; offsetMs: number }>(h.url, "/__admin/clock");
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ now: base, offsetMs: 0 });

    r = await admin(h.url, "/__admin/clock", "POST", { advanceMs: 90_000 });
    expect(r.body).toEqual({ now: base + 90_000, offsetMs: 90_000 });
    r = await admin(h.url, "/__admin/clock", "POST", { advanceMs: 10_000 });
    expect(r.body).toEqual({ now: base + 100_000, offsetMs: 100_000 });

    // The offset follows the underlying clock.
    h.clock.now += 5_000;
    expect((await admin(h.url, "/__admin/clock")).body).toEqual({
      now: base + 105_000,
      offsetMs: 100_000,
    });

    r = await admin(h.url, "/__admin/clock", "POST", { setNowMs: base + 2 * HOUR });
    expect(r.body).toEqual({ now: base + 2 * HOUR, offsetMs: 2 * HOUR - 5_000 });

    r = await admin(h.url, "/__admin/clock", "POST", { reset: true });
    expect(r.body).toEqual({ now: h.clock.now, offsetMs: 0 });
  });

  it("the shifted clock applies to StartTaskContact validation and timestamps", async () => {
    await admin(h.url, "/__admin/clock", "POST", { advanceMs: 10 * 24 * HOUR });
    const shifted = h.clock.now + 10 * 24 * HOUR;
    const id = await startTask(h.client);
    expect(ms((await describeContact(h.client, id)).InitiationTimestamp)).toBe(shifted);
    // 7 days after the *injected* clock is now in the past for the endpoint.
    await expect(
      startTask(h.client, { ScheduledTime: new Date(h.clock.now + 7 * 24 * HOUR) }),
    ).rejects.toMatchObject({
      name: "InvalidRequestException",
    });
  });

  it("refuses an invalid body with 400", async () => {
    expect((await admin(h.url, "/__admin/clock", "POST", "{ nope")).status).toBe(400);
    expect((await admin(h.url, "/__admin/clock", "POST", { advanceMs: "soon" })).status).toBe(400);
  });
});

describe("/__admin/rules", () => {
  it("shows the documented defaults", async () => {
    const r = await admin(h.url, "/__admin/rules");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      scheduleHorizonSeconds: 6 * 86_400,
      maxLinkedTasksPerContact: 12,
      maxActiveTasksPerInstance: 2_500,
      maxReschedulesPerTask: 20,
      defaultTaskExpiryMinutes: 10_080,
      clientTokenTtlSeconds: 86_400,
    });
  });

  it("merges a partial update and applies it at once", async () => {
    const r = await admin(h.url, "/__admin/rules", "PUT", { maxActiveTasksPerInstance: 1 });
    expect(r.status).toBe(200);
    const now = await admin(h.url, "/__admin/rules");
    expect(now.body).toMatchObject({ maxActiveTasksPerInstance: 1, maxLinkedTasksPerContact: 12 });
    await startTask(h.client);
    await expectQuota(h.client.send(new StartTaskContactCommand(taskInput())));
  });

  it("refuses invalid rules with 400 and keeps the old ones", async () => {
    expect(
      (await admin(h.url, "/__admin/rules", "PUT", { maxLinkedTasksPerContact: "twelve" })).status,
    ).toBe(400);
    expect(
      (await admin(h.url, "/__admin/rules", "PUT", { scheduleHorizonSeconds: -1 })).status,
    ).toBe(400);
    expect((await admin(h.url, "/__admin/rules", "PUT", "not json")).status).toBe(400);
    expect((await admin(h.url, "/__admin/rules")).body).toMatchObject({
      maxLinkedTasksPerContact: 12,
      scheduleHorizonSeconds: 518_400,
    });
  });
});

describe("/__admin/faults and /__admin/throttling validation", () => {
  it("refuses unknown fault kinds and bad rates with 400", async () => {
    expect(
      (await admin(h.url, "/__admin/faults", "PUT", { faults: [{ kind: "explode" }] })).status,
    ).toBe(400);
    expect(
      (await admin(h.url, "/__admin/faults", "PUT", { faults: [{ kind: "internal", rate: 2 }] }))
        .status,
    ).toBe(400);
    expect((await admin(h.url, "/__admin/faults", "PUT", { nope: true })).status).toBe(400);
    expect((await admin(h.url, "/__admin/throttling", "PUT", { enabled: "yes" })).status).toBe(400);
    expect((await admin<{ faults: unknown[] }>(h.url, "/__admin/faults")).body.faults).toEqual([]);
  });

  it("admin calls are never throttled or faulted", async () => {
    await admin(h.url, "/__admin/faults", "PUT", { faults: [{ kind: "internal" }] });
    for (let i = 0; i < 30; i++) expect((await admin(h.url, "/__admin/health")).status).toBe(200);
  });
});

describe("/__admin/requests", () => {
  it("logs Connect calls with operation, status, error type and client token; filters; clears", async () => {
    await startTask(h.client, { ClientToken: "logged-token" });
    await h.client.send(new ListUsersCommand({ InstanceId: INSTANCE }));
    await h.client
      .send(
        new StartTaskContactCommand(
          taskInput({ ContactFlowId: DEMO_IDS.flows.draftUnpublished, ClientToken: "bad-one" }),
        ),
      )
      .catch(() => undefined);

    const all = await loggedRequests(h.url);
    expect(all.map((r) => r.operation)).toEqual([
      "StartTaskContact",
      "ListUsers",
      "StartTaskContact",
    ]);
    const starts = await loggedRequests(h.url, "StartTaskContact");
    expect(starts).toHaveLength(2);
    expect(starts[0]).toMatchObject({
      operation: "StartTaskContact",
      status: 200,
      clientToken: "logged-token",
    });
    expect(starts[0]?.errorType).toBeUndefined();
    expect(starts[1]).toMatchObject({
      status: 400,
      errorType: "InvalidRequestException",
      clientToken: "bad-one",
    });
    expect(starts[0]?.at).toBeDefined();

    const del = await admin(h.url, "/__admin/requests", "DELETE");
    expect(del.status).toBe(200);
    expect(await loggedRequests(h.url)).toEqual([]);
  });
});
