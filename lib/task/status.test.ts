import { describe, expect, it } from "vitest";

import { type ContactTimeline, deriveTaskStatus, taskTimes } from "./status";

const now = new Date("2026-11-25T12:00:00Z");
const at = (iso: string) => new Date(iso);
const base: ContactTimeline = {
  scheduledAt: null,
  initiatedAt: null,
  lastUpdatedAt: null,
  queueId: null,
  enqueuedAt: null,
  agentId: null,
  disconnectedAt: null,
  disconnectReason: null,
};

const created = at("2026-11-25T08:00:00Z");
/** Connect's clock may be ahead of the console's: this task's time has not come for the console. */
const scheduled = at("2026-11-26T09:00:00Z");
const QUEUE = "b2e1d4c3-0003-4c8d-8e2f-6a7b8c9d0e03";

/**
 * A scheduled task as DescribeContact shows it in each reading of InitiationTimestamp: before its
 * start, and after Connect started it (whatever the console's own clock says).
 */
const MODES = {
  documented: {
    pending: { ...base, initiatedAt: created, scheduledAt: scheduled, lastUpdatedAt: created },
    started: {
      ...base,
      initiatedAt: created,
      scheduledAt: scheduled,
      lastUpdatedAt: scheduled,
      queueId: QUEUE,
      enqueuedAt: scheduled,
    },
  },
  legacy: {
    pending: { ...base, scheduledAt: scheduled, lastUpdatedAt: created },
    started: { ...base, initiatedAt: scheduled, scheduledAt: scheduled, lastUpdatedAt: scheduled },
  },
} satisfies Record<string, { pending: ContactTimeline; started: ContactTimeline }>;

describe("deriveTaskStatus", () => {
  it("reads the end reason: expired, cancelled through the API, ended otherwise", () => {
    const ended = { ...base, initiatedAt: at("2026-11-25T10:00:00Z"), disconnectedAt: now };
    expect(deriveTaskStatus({ ...ended, disconnectReason: "EXPIRED" }, now)).toBe("expired");
    expect(deriveTaskStatus({ ...ended, disconnectReason: "API" }, now)).toBe("cancelled");
    expect(deriveTaskStatus({ ...ended, disconnectReason: "AGENT_DISCONNECT" }, now)).toBe("ended");
    expect(deriveTaskStatus({ ...ended, disconnectReason: null }, now)).toBe("ended");
  });

  describe.each(Object.entries(MODES))("with %s timestamps", (_mode, task) => {
    it("a scheduled task Connect has not started is scheduled", () => {
      expect(deriveTaskStatus(task.pending, now)).toBe("scheduled");
    });

    it("is in progress once Connect shows the start, before the console's clock gets there", () => {
      expect(deriveTaskStatus(task.started, now)).toBe("in_progress");
    });

    it("is in progress once its time has passed by the console's clock", () => {
      expect(deriveTaskStatus(task.pending, at("2026-11-26T09:00:01Z"))).toBe("in_progress");
    });
  });

  it("each sign of a start counts on its own: a queue, an agent, a later update", () => {
    const pending = MODES.documented.pending;
    expect(deriveTaskStatus({ ...pending, queueId: QUEUE }, now)).toBe("in_progress");
    expect(deriveTaskStatus({ ...pending, enqueuedAt: scheduled }, now)).toBe("in_progress");
    expect(deriveTaskStatus({ ...pending, agentId: "agent-1" }, now)).toBe("in_progress");
    expect(deriveTaskStatus({ ...pending, lastUpdatedAt: scheduled }, now)).toBe("in_progress");
    // A reschedule is an update too, but before the (new) scheduled time.
    const rescheduled = { ...pending, lastUpdatedAt: at("2026-11-25T11:00:00Z") };
    expect(deriveTaskStatus(rescheduled, now)).toBe("scheduled");
  });

  it("a task without a schedule is in progress from its creation", () => {
    expect(deriveTaskStatus({ ...base, initiatedAt: created, lastUpdatedAt: created }, now)).toBe(
      "in_progress",
    );
  });
});

describe("taskTimes", () => {
  it("documented: created when the request arrived, started when Connect enqueued it", () => {
    expect(taskTimes(MODES.documented.pending, now)).toEqual({
      createdAt: created,
      startedAt: null,
    });
    expect(taskTimes(MODES.documented.started, now)).toEqual({
      createdAt: created,
      startedAt: scheduled,
    });
  });

  it("legacy: Connect does not say when it was created; InitiationTimestamp is the start", () => {
    expect(taskTimes(MODES.legacy.pending, now)).toEqual({ createdAt: null, startedAt: null });
    expect(taskTimes(MODES.legacy.started, now)).toEqual({
      createdAt: null,
      startedAt: scheduled,
    });
  });

  it("a task cancelled before its time never started, even once the time has passed", () => {
    const stopped = at("2026-11-25T09:00:00Z");
    for (const task of [MODES.documented.pending, MODES.legacy.pending]) {
      const cancelled = {
        ...task,
        lastUpdatedAt: stopped,
        disconnectedAt: stopped,
        disconnectReason: "API",
      };
      expect(taskTimes(cancelled, at("2026-11-27T00:00:00Z")).startedAt).toBeNull();
    }
  });

  it("a scheduled task whose time passed by the console's clock started at its scheduled time", () => {
    expect(taskTimes(MODES.legacy.pending, at("2026-11-26T10:00:00Z")).startedAt).toEqual(
      scheduled,
    );
  });

  it("a task without a schedule was created and started at InitiationTimestamp", () => {
    expect(taskTimes({ ...base, initiatedAt: created }, now)).toEqual({
      createdAt: created,
      startedAt: created,
    });
  });
});
