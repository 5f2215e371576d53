/**
 * A task's status as the console shows it. Connect has no status field (API-NOTES 3.11), so it
 * is derived from DescribeContact's timestamps and DisconnectReason. Neutral module: the server
 * stores it with each snapshot, the browser labels and filters with it.
 */
export const TASK_STATUSES = ["scheduled", "in_progress", "ended", "expired", "cancelled"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  scheduled: "Scheduled",
  in_progress: "In progress",
  ended: "Ended",
  expired: "Expired",
  cancelled: "Cancelled",
};

/** Statuses that never change again: their snapshots are never re-read from Connect. */
export const FINAL_STATUSES: readonly TaskStatus[] = ["ended", "expired", "cancelled"];

export function isTaskStatus(value: unknown): value is TaskStatus {
  return typeof value === "string" && (TASK_STATUSES as readonly string[]).includes(value);
}

export interface ContactTimeline {
  scheduledAt: Date | null;
  initiatedAt: Date | null;
  disconnectedAt: Date | null;
  disconnectReason: string | null;
}

/**
 * - Ended with reason EXPIRED: expired. Ended with reason API (StopContact): cancelled.
 *   Ended any other way (agent, flow, other): ended.
 * - Not ended, with a ScheduledTimestamp it has not reached: scheduled. Connect leaves
 *   InitiationTimestamp empty until a scheduled task starts; where it is set at creation instead,
 *   the scheduled time is compared with `now`.
 * - Otherwise: in progress (in a flow, queued, with an agent or in after-contact work).
 */
export function deriveTaskStatus(contact: ContactTimeline, now: Date): TaskStatus {
  if (contact.disconnectedAt) {
    if (contact.disconnectReason === "EXPIRED") return "expired";
    if (contact.disconnectReason === "API") return "cancelled";
    return "ended";
  }
  const { scheduledAt, initiatedAt } = contact;
  if (scheduledAt) {
    if (!initiatedAt) return "scheduled";
    if (initiatedAt < scheduledAt && scheduledAt > now) return "scheduled";
  }
  return "in_progress";
}
