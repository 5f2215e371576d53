/**
 * A task's status as the console shows it. Connect has no status field (docs/connect-api.md,
 * Contact timeline), so it is derived from DescribeContact's timestamps and DisconnectReason.
 * Neutral module: the server stores it with each snapshot, the browser labels and filters with it.
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

/** What DescribeContact says about a contact's timeline (the console's ContactSummary has it). */
export interface ContactTimeline {
  scheduledAt: Date | null;
  initiatedAt: Date | null;
  lastUpdatedAt: Date | null;
  /** QueueInfo: the queue a started task waits in, and since when. */
  queueId: string | null;
  enqueuedAt: Date | null;
  /** AgentInfo: an agent has the contact. */
  agentId: string | null;
  disconnectedAt: Date | null;
  disconnectReason: string | null;
}

/**
 * Whether DescribeContact shows that a scheduled task has started. Connect has no "started"
 * field, and what InitiationTimestamp holds is read two ways: the API reference says, for API
 * contacts, "when the request arrived" (set at creation, before the start); some descriptions
 * leave it empty until the start and then set it to the scheduled time. Both readings agree on
 * these signs: the task sits in a queue or with an agent, it was updated at or after its
 * scheduled time (the start itself), or InitiationTimestamp is at or after the scheduled time.
 * None of them needs the console's clock to agree with Connect's.
 */
function hasStartShown(contact: ContactTimeline, scheduledAt: Date): boolean {
  const { queueId, enqueuedAt, agentId, lastUpdatedAt, initiatedAt } = contact;
  return (
    queueId !== null ||
    enqueuedAt !== null ||
    agentId !== null ||
    (lastUpdatedAt !== null && lastUpdatedAt >= scheduledAt) ||
    (initiatedAt !== null && initiatedAt >= scheduledAt)
  );
}

/**
 * - Ended with reason EXPIRED: expired. Ended with reason API (StopContact): cancelled.
 *   Ended any other way (agent, flow, other): ended.
 * - Not ended, with a ScheduledTimestamp: scheduled, unless Connect shows the start (above) or
 *   the scheduled time has passed by the console's clock (`now`; Connect starts a scheduled task
 *   at its time, even when what it reports does not show it).
 * - Otherwise: in progress (in a flow, queued, with an agent or in after-contact work).
 */
export function deriveTaskStatus(contact: ContactTimeline, now: Date): TaskStatus {
  if (contact.disconnectedAt) {
    if (contact.disconnectReason === "EXPIRED") return "expired";
    if (contact.disconnectReason === "API") return "cancelled";
    return "ended";
  }
  const { scheduledAt } = contact;
  if (scheduledAt && scheduledAt > now && !hasStartShown(contact, scheduledAt)) return "scheduled";
  return "in_progress";
}

export interface TaskTimes {
  /** When Connect created the task (the request arrived), where its answer says so. */
  createdAt: Date | null;
  /** When it started, if it has: at creation without a schedule, else at its scheduled time. */
  startedAt: Date | null;
}

/**
 * The task page's "created" and "started", read the same way as the status: InitiationTimestamp
 * before the scheduled time is the creation (documented reading); at or after it, it is the start
 * (and then Connect did not say when the task was created). An ended task started only if Connect
 * shows it; a cancelled one whose time has since passed never did.
 */
export function taskTimes(contact: ContactTimeline, now: Date): TaskTimes {
  const { scheduledAt, initiatedAt, enqueuedAt } = contact;
  if (!scheduledAt) return { createdAt: initiatedAt, startedAt: initiatedAt };
  const isCreation = initiatedAt !== null && initiatedAt < scheduledAt;
  const started =
    hasStartShown(contact, scheduledAt) || (contact.disconnectedAt === null && scheduledAt <= now);
  const startedAt = !started
    ? null
    : (enqueuedAt ?? (initiatedAt && !isCreation ? initiatedAt : scheduledAt));
  return { createdAt: isCreation ? initiatedAt : null, startedAt };
}
