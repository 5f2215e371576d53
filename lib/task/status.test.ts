import { describe, expect, it } from "vitest";

import { deriveTaskStatus } from "./status";

const now = new Date("2026-11-25T12:00:00Z");
const at = (iso: string) => new Date(iso);
const base = { scheduledAt: null, initiatedAt: null, disconnectedAt: null, disconnectReason: null };

describe("deriveTaskStatus", () => {
  it("reads the end reason: expired, cancelled through the API, ended otherwise", () => {
    const ended = { ...base, initiatedAt: at("2026-11-25T10:00:00Z"), disconnectedAt: now };
    expect(deriveTaskStatus({ ...ended, disconnectReason: "EXPIRED" }, now)).toBe("expired");
    expect(deriveTaskStatus({ ...ended, disconnectReason: "API" }, now)).toBe("cancelled");
    expect(deriveTaskStatus({ ...ended, disconnectReason: "AGENT_DISCONNECT" }, now)).toBe("ended");
    expect(deriveTaskStatus({ ...ended, disconnectReason: null }, now)).toBe("ended");
  });

  it("a scheduled task Connect has not started is scheduled, whatever the console's clock says", () => {
    const past = { ...base, scheduledAt: at("2026-11-24T09:00:00Z") };
    expect(deriveTaskStatus(past, now)).toBe("scheduled");
  });

  it("where Connect sets InitiationTimestamp at creation, the scheduled time decides", () => {
    const created = at("2026-11-25T08:00:00Z");
    const later = { ...base, initiatedAt: created, scheduledAt: at("2026-11-26T09:00:00Z") };
    expect(deriveTaskStatus(later, now)).toBe("scheduled");
    const reached = { ...later, scheduledAt: at("2026-11-25T11:00:00Z") };
    expect(deriveTaskStatus(reached, now)).toBe("in_progress");
  });

  it("a started task without an end is in progress", () => {
    expect(deriveTaskStatus({ ...base, initiatedAt: at("2026-11-25T11:00:00Z") }, now)).toBe(
      "in_progress",
    );
    const started = {
      ...base,
      scheduledAt: at("2026-11-25T11:00:00Z"),
      initiatedAt: at("2026-11-25T11:00:00Z"),
    };
    expect(deriveTaskStatus(started, now)).toBe("in_progress");
  });
});
