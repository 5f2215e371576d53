/**
 * A contact's timeline, derived on every read from what is stored and the current clock. There
 * are no timers: a scheduled task "starts" the first time someone looks after its ScheduledTime,
 * and a task "expires" the first time someone looks after InitiationTimestamp + its lifetime.
 * That keeps tests and demos instant (move the clock, read again) and survives restarts.
 */
import type { StoredContact } from "./state";

export interface Timeline {
  /** Epoch seconds; undefined while a scheduled task has not started (or never will). */
  initiation?: number;
  disconnect?: number;
  disconnectReason?: string;
  ended: boolean;
  /** A task with a ScheduledTime that has not started and has not ended. */
  pendingSchedule: boolean;
}

export function timeline(c: StoredContact, now: number): Timeline {
  if (c.Channel !== "TASK") {
    const ended = c.DisconnectTimestamp !== undefined && now >= c.DisconnectTimestamp;
    return {
      initiation: c.InitiationTimestamp,
      disconnect: ended ? c.DisconnectTimestamp : undefined,
      disconnectReason: ended ? c.DisconnectReason : undefined,
      ended,
      pendingSchedule: false,
    };
  }
  const stoppedAt = c.DisconnectTimestamp;
  const scheduled = c.ScheduledTimestamp;
  // Unscheduled tasks start when created; scheduled ones at ScheduledTime, unless stopped before.
  const start = scheduled ?? c.InitiationTimestamp;
  const started =
    start !== undefined &&
    (scheduled === undefined ||
      (now >= scheduled && (stoppedAt === undefined || stoppedAt >= scheduled)));
  const expiresAt =
    started && start !== undefined ? start + (c.ExpiryMinutes ?? 0) * 60 : undefined;

  if (
    expiresAt !== undefined &&
    now >= expiresAt &&
    (stoppedAt === undefined || stoppedAt > expiresAt)
  ) {
    return {
      initiation: start,
      disconnect: expiresAt,
      disconnectReason: "EXPIRED",
      ended: true,
      pendingSchedule: false,
    };
  }
  if (stoppedAt !== undefined) {
    return {
      initiation: started ? start : undefined,
      disconnect: stoppedAt,
      disconnectReason: c.DisconnectReason ?? "API",
      ended: true,
      pendingSchedule: false,
    };
  }
  return { initiation: started ? start : undefined, ended: false, pendingSchedule: !started };
}

/** The model's `Contact` shape for DescribeContact, as of `now`. */
export function contactView(
  c: StoredContact,
  attributes: Record<string, string>,
  now: number,
): Record<string, unknown> {
  const t = timeline(c, now);
  const lastUpdate = Math.max(
    c.LastUpdateTimestamp,
    ...[t.initiation, t.disconnect].filter((x): x is number => x !== undefined && x <= now),
  );
  return {
    Arn: c.Arn,
    Id: c.Id,
    InitialContactId: c.InitialContactId,
    PreviousContactId: c.PreviousContactId,
    RelatedContactId: c.RelatedContactId,
    InitiationMethod: c.InitiationMethod,
    Channel: c.Channel,
    Name: c.Name,
    Description: c.Description,
    // ContactDetails exists only for tasks (API-NOTES 3.11).
    ContactDetails: c.Channel === "TASK" ? { Name: c.Name, Description: c.Description } : undefined,
    QueueInfo: c.QueueInfo,
    AgentInfo: c.AgentInfo,
    InitiationTimestamp: t.initiation,
    ScheduledTimestamp: c.ScheduledTimestamp,
    DisconnectTimestamp: t.disconnect,
    DisconnectReason: t.disconnectReason,
    LastUpdateTimestamp: lastUpdate,
    SegmentAttributes: c.SegmentAttributes,
    TaskTemplateInfo: c.TaskTemplateInfo,
    Attributes: { ...attributes },
  };
}
