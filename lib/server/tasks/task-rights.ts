import "server-only";

import { hasPermission } from "@/lib/permissions";
import type { SessionUser } from "@/lib/server/auth/session";
import type { TaskStatus } from "@/lib/task/status";

import type { TaskRecord } from "./task-record";

/**
 * What the task page offers a user: the same rules the reschedule and cancel actions enforce
 * (lib/server/tasks/manage.ts), decided up front so a user who may not change a task sees why
 * instead of a form that would be refused.
 */
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
  if (!hasPermission(user.role, "task.manage.any")) {
    if (!record) {
      return none(
        "This contact was not created through the console; only a supervisor can reschedule or cancel it.",
      );
    }
    if (record.createdBy.id !== user.id) {
      return none(
        `You can reschedule or cancel only the tasks you created; this one was created by ${record.createdBy.email ?? "someone else"}.`,
      );
    }
  }
  if (!contact) {
    return none(
      "Amazon Connect did not answer, so the task's current state is unknown; reload the page to try again.",
    );
  }
  if (contact.channel !== "TASK") {
    return none(
      `This is a ${contact.channel.toLowerCase()} contact, not a task: the console reschedules and cancels tasks only.`,
    );
  }
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
