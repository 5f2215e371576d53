/**
 * A contact's timeline, derived on every read from what is stored and the current clock. There
 * are no timers: a scheduled task "starts" the first time someone looks after its ScheduledTime,
 * and a task "expires" the first time someone looks after InitiationTimestamp + its lifetime.
 * That keeps tests and demos instant (move the clock, read again) and survives restarts.
 */
import type { TimestampMode } from "./options";
import type { StoredContact } from "./state";

export interface Timeline {
  /** Epoch seconds of the start; undefined while a scheduled task has not started (or never will). */
  startedAt?: number;
  disconnect?: number;
  disconnectReason?: string;
  ended: boolean;
  /** A task with a ScheduledTime that has not started and has not ended. */
  pendingSchedule: boolean;
}

/** What actually happened to a contact by `now`; the same in every timestamp mode. */
export function timeline(c: StoredContact, now: number): Timeline {
  if (c.Channel !== "TASK") {
    const ended = c.DisconnectTimestamp !== undefined && now >= c.DisconnectTimestamp;
    return {
      startedAt: c.InitiationTimestamp,
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
  const startedAt = started ? start : undefined;
  const expiresAt = startedAt !== undefined ? startedAt + (c.ExpiryMinutes ?? 0) * 60 : undefined;

  if (
    expiresAt !== undefined &&
    now >= expiresAt &&
    (stoppedAt === undefined || stoppedAt > expiresAt)
  ) {
    return {
      startedAt,
      disconnect: expiresAt,
      disconnectReason: "EXPIRED",
      ended: true,
      pendingSchedule: false,
    };
  }
  if (stoppedAt !== undefined) {
    return {
      startedAt,
      disconnect: stoppedAt,
      disconnectReason: c.DisconnectReason ?? "API",
      ended: true,
      pendingSchedule: false,
    };
  }
  return { startedAt, ended: false, pendingSchedule: !started };
}

/**
 * InitiationTimestamp and QueueInfo of a task as the mode shows them (see TimestampMode):
 * documented, the request's arrival and, once started, the queue it waits in since its start;
 * legacy, the start itself and no queue.
 */
function taskTimes(c: StoredContact, t: Timeline, mode: TimestampMode) {
  if (mode === "legacy") return { initiation: t.startedAt, queueInfo: undefined };
  return {
    initiation: c.CreatedTimestamp ?? c.InitiationTimestamp ?? t.startedAt,
    queueInfo:
      t.startedAt !== undefined && c.RoutedQueueId !== undefined
        ? { Id: c.RoutedQueueId, EnqueueTimestamp: t.startedAt }
        : undefined,
  };
}

/** The model's `Contact` shape for DescribeContact, as of `now`. */
export function contactView(
  c: StoredContact,
  attributes: Record<string, string>,
  now: number,
  mode: TimestampMode,
): Record<string, unknown> {
  const t = timeline(c, now);
  const { initiation, queueInfo } =
    c.Channel === "TASK"
      ? taskTimes(c, t, mode)
      : { initiation: c.InitiationTimestamp, queueInfo: c.QueueInfo };
  // Derived events (the start, the end) count as updates once they have happened.
  const lastUpdate = Math.max(
    c.LastUpdateTimestamp,
    ...[t.startedAt, t.disconnect].filter((x): x is number => x !== undefined && x <= now),
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
    // ContactDetails exists only for tasks.
    ContactDetails: c.Channel === "TASK" ? { Name: c.Name, Description: c.Description } : undefined,
    QueueInfo: queueInfo,
    AgentInfo: c.AgentInfo,
    InitiationTimestamp: initiation,
    ScheduledTimestamp: c.ScheduledTimestamp,
    DisconnectTimestamp: t.disconnect,
    DisconnectReason: t.disconnectReason,
    LastUpdateTimestamp: lastUpdate,
    SegmentAttributes: c.SegmentAttributes,
    TaskTemplateInfo: c.TaskTemplateInfo,
    Attributes: { ...attributes },
  };
}
