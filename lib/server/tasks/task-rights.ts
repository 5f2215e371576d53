import "server-only";

/**
 * Who may change a task, in one place: the reschedule and cancel actions enforce it
 * (lib/server/tasks/manage.ts), and the task page decides with it up front what to offer, so a
 * user who may not change a task sees why instead of a form that would be refused.
 */
import { hasPermission } from "@/lib/permissions";
import type { SessionUser } from "@/lib/server/auth/session";
import type { TaskStatus } from "@/lib/task/status";

import type { TaskRecord } from "./task-record";

/**
 * Leads change only the tasks they created; supervisors and admins change any. Why this user may
 * not `verb` the task, or null when they may (the action's own permission is checked before).
 */
export function changeRefusal(
  user: Pick<SessionUser, "id" | "role">,
  record: TaskRecord | null,
  verb: "reschedule" | "cancel" | "reschedule or cancel",
): string | null {
  if (hasPermission(user.role, "task.manage.any")) return null;
  if (!record)
    return `This contact was not created through the console; only a supervisor can ${verb} it.`;
  if (record.createdBy.id !== user.id)
    return `You can ${verb} only the tasks you created; this one was created by ${record.createdBy.email ?? "someone else"}.`;
  return null;
}

/** The console changes tasks only; a call or a chat is said to be what it is. */
export function notATaskMessage(channel: string): string {
  return `This is a ${channel.toLowerCase()} contact, not a task: the console reschedules and cancels tasks only.`;
}

export interface ChangeRights {
  canReschedule: boolean;
  canCancel: boolean;
  /** Why something is not offered, in words for the reader; null when everything is. */
  explanation: string | null;
}

const none = (explanation: string): ChangeRights => ({
  canReschedule: false,
  canCancel: false,
  explanation,
});

const FINAL_WORDS: Partial<Record<TaskStatus, string>> = {
  ended: "has ended",
  expired: "has expired",
  cancelled: "was cancelled",
};

export function changeRights(
  user: Pick<SessionUser, "id" | "role">,
  record: TaskRecord | null,
  /** Connect's current answer; null when Connect could not be asked. */
  contact: { channel: string; status: TaskStatus } | null,
): ChangeRights {
  if (!hasPermission(user.role, "task.manage.own")) {
    return none(
      "Your role cannot reschedule or cancel tasks: a team lead can change the tasks they created, a supervisor any task.",
    );
  }
  const refusal = changeRefusal(user, record, "reschedule or cancel");
  if (refusal) return none(refusal);
  if (!contact) {
    return none(
      "Amazon Connect did not answer, so the task's current state is unknown; reload the page to try again.",
    );
  }
  if (contact.channel !== "TASK") return none(notATaskMessage(contact.channel));
  const final = FINAL_WORDS[contact.status];
  if (final) return none(`This task ${final}; there is nothing left to change.`);
  if (contact.status === "in_progress") {
    return {
      canReschedule: false,
      canCancel: true,
      explanation: "Only scheduled tasks can be rescheduled; this one is already in progress.",
    };
  }
  return { canReschedule: true, canCancel: true, explanation: null };
}
