import "server-only";

/**
 * Reschedule (UpdateContactSchedule) and cancel (StopContact) of one task, as the actions run
 * them: authorise against the task's creator, read Connect's current state, change it only when
 * needed, and answer what happened. "Idempotent from the user's point of view": asking again for
 * what is already true (same time, already cancelled) succeeds without calling Connect.
 */
import type { z } from "zod";

import { isConfiguredInstance } from "@/lib/env";
import { AppError, connectCode } from "@/lib/errors";
import type { SessionUser } from "@/lib/server/auth/session";
import {
  type ConnectCallReceipt,
  type ContactSummary,
  describeContact,
  stopContact,
  updateContactSchedule,
} from "@/lib/server/connect/contacts";
import { ConnectError } from "@/lib/server/connect/errors";
import type { Database } from "@/lib/server/db";
import {
  type TaskChangeResult,
  type cancelTaskSchema,
  offsetTarget,
  type rescheduleTaskSchema,
} from "@/lib/task/changes";
import { TASK_LIMITS } from "@/lib/task/limits";
import { TASK_STATUS_LABELS } from "@/lib/task/status";
import { zonedLocalToInstant } from "@/lib/task/zoned-time";

import { type Snapshot, isJustCreated, saveSnapshot } from "./snapshots";
import { type TaskRecord, countReschedules, findTaskRecord } from "./task-record";
import { changeRefusal, notATaskMessage } from "./task-rights";

export type RescheduleInput = z.output<typeof rescheduleTaskSchema>;
export type CancelInput = z.output<typeof cancelTaskSchema>;

export interface TaskChange extends TaskChangeResult {
  receipt: ConnectCallReceipt | null;
  from: string | null;
}

/** The instant a reschedule asks for; null when the local time cannot be read. */
export function rescheduleTarget(input: RescheduleInput): Date | null {
  if (input.mode === "offset") {
    return offsetTarget(input);
  }
  const result = zonedLocalToInstant(input.scheduledLocal, input.timeZone);
  return result.ok ? result.instant : null;
}

const sameSecond = (a: Date | null, b: Date | null) =>
  a !== null && b !== null && Math.floor(a.getTime() / 1000) === Math.floor(b.getTime() / 1000);

const when = (date: Date) => date.toISOString().slice(0, 16).replace("T", " ") + " UTC";

/** The task's record, once the user may change it (task-rights.ts) and it is of that instance. */
export async function authorise(
  db: Database,
  user: SessionUser,
  input: { instanceId: string; contactId: string },
  verb: "reschedule" | "cancel",
): Promise<TaskRecord | null> {
  const record = await findTaskRecord(db, input.contactId);
  const refusal = changeRefusal(user, record, verb);
  if (refusal) throw new AppError("FORBIDDEN", { message: refusal });
  if (
    (record && record.instanceId !== input.instanceId) ||
    !isConfiguredInstance(input.instanceId)
  ) {
    throw new AppError("NOT_FOUND", { message: "This task does not belong to that instance." });
  }
  return record;
}

/** The contact as Connect describes it now (a task, or an AppError), its snapshot saved. */
export async function currentState(db: Database, input: CancelInput, record: TaskRecord | null) {
  try {
    const contact = await describeContact(input.instanceId, input.contactId, {
      retryNotFound: isJustCreated(record?.createdAt),
    });
    if (contact.channel !== "TASK") {
      throw new AppError("CONFLICT", { message: notATaskMessage(contact.channel) });
    }
    return { contact, snapshot: await saveSnapshot(db, contact) };
  } catch (error) {
    if (error instanceof ConnectError && error.code === "NOT_FOUND") {
      throw new AppError("NOT_FOUND", {
        message: "Amazon Connect does not know this contact.",
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * What a change whose answer was lost means for the user: it may have happened. Asking again is
 * safe because the console reads the task first: a task already at the asked time, or already
 * cancelled, is answered without a second change.
 */
const UNKNOWN_CHANGE = {
  reschedule:
    "Outcome unknown: Amazon Connect did not confirm whether the task was moved. Asking again is " +
    "safe: the console reads the task first and does not move it twice.",
  cancel:
    "Outcome unknown: Amazon Connect did not confirm whether the task was cancelled. Asking again " +
    "is safe: the console reads the task first and says so if it is already cancelled.",
};

function asAppError(error: unknown, verb: "reschedule" | "cancel"): never {
  if (error instanceof ConnectError) {
    // Connect's text for the reschedule limit does not say how many; the vocabulary's does.
    const message = error.isOutcomeUnknown
      ? UNKNOWN_CHANGE[verb]
      : error.code === "RESCHEDULE_LIMIT"
        ? undefined
        : error.message;
    throw new AppError(connectCode(error.code), { ...(message ? { message } : {}), cause: error });
  }
  throw error;
}

function result(
  snapshot: Snapshot,
  outcome: TaskChangeResult["outcome"],
  message: string,
  reschedulesUsed: number,
  receipt: ConnectCallReceipt | null,
  from: Date | null,
): TaskChange {
  return {
    contactId: snapshot.contactId,
    outcome,
    status: snapshot.status,
    scheduledAt: snapshot.scheduledAt?.toISOString() ?? null,
    reschedulesUsed,
    message,
    receipt,
    from: from?.toISOString() ?? null,
  };
}

export async function rescheduleTask(
  db: Database,
  user: SessionUser,
  input: RescheduleInput,
): Promise<TaskChange> {
  const record = await authorise(db, user, input, "reschedule");
  const target = rescheduleTarget(input);
  if (!target) {
    throw new AppError("INVALID_INPUT", {
      message: "Pick a date and time.",
      fieldErrors: {
        scheduledLocal: ["Pick a date and time."],
      },
    });
  }
  const { contact, snapshot } = await currentState(db, input, record);
  const used = await countReschedules(db, input.contactId);
  const current = contact.scheduledAt;

  if (sameSecond(current, target) && snapshot.status === "scheduled") {
    return result(
      snapshot,
      "unchanged",
      `Already scheduled for ${when(target)}.`,
      used,
      null,
      current,
    );
  }
  if (snapshot.status !== "scheduled") {
    throw new AppError("CONFLICT", {
      message: `Only scheduled tasks can be moved; this one is ${TASK_STATUS_LABELS[snapshot.status].toLowerCase()}.`,
    });
  }
  if (input.mode === "offset" && !sameSecond(current, new Date(input.fromScheduledAt))) {
    throw new AppError("CONFLICT", {
      message: `This task was moved meanwhile (it is now at ${current ? when(current) : "no time"}); it was not moved again.`,
    });
  }
  if (used >= TASK_LIMITS.reschedulesPerTask) {
    throw new AppError("CONNECT_RESCHEDULE_LIMIT");
  }
  let receipt: ConnectCallReceipt;
  try {
    receipt = await updateContactSchedule(input.instanceId, input.contactId, target);
  } catch (error) {
    asAppError(error, "reschedule");
  }
  const after = await saveSnapshot(db, await describeFresh(input, contact, target));
  return result(after, "rescheduled", `Moved to ${when(target)}.`, used + 1, receipt, current);
}

/** Reads the contact after a change; if that read fails, the change itself is what we know. */
async function describeFresh(
  input: CancelInput,
  before: ContactSummary,
  scheduledAt: Date | null,
): Promise<ContactSummary> {
  try {
    return await describeContact(input.instanceId, input.contactId);
  } catch {
    return scheduledAt
      ? { ...before, scheduledAt }
      : { ...before, disconnectedAt: new Date(), disconnectReason: "API" };
  }
}

export async function cancelTask(
  db: Database,
  user: SessionUser,
  input: CancelInput,
): Promise<TaskChange> {
  const record = await authorise(db, user, input, "cancel");
  const { contact, snapshot } = await currentState(db, input, record);
  const used = await countReschedules(db, input.contactId);
  const settled = (s: Snapshot) => {
    if (s.status === "cancelled")
      return result(s, "already-cancelled", "This task was already cancelled.", used, null, null);
    throw new AppError("CONNECT_CONTACT_ENDED", {
      message: `This task has already ${s.status === "expired" ? "expired" : "ended"}; there is nothing to cancel.`,
    });
  };
  if (contact.disconnectedAt) return settled(snapshot);
  if (input.onlyIfScheduled && snapshot.status !== "scheduled")
    throw new AppError("CONFLICT", {
      message: `This task is no longer scheduled (${TASK_STATUS_LABELS[snapshot.status].toLowerCase()}); it was left as it is.`,
    });
  let receipt: ConnectCallReceipt;
  try {
    receipt = await stopContact(input.instanceId, input.contactId);
  } catch (error) {
    // Ended between our read and the stop (410): answer with what it is now.
    if (error instanceof ConnectError && error.code === "CONTACT_ENDED") {
      return settled(
        await saveSnapshot(db, await describeContact(input.instanceId, input.contactId)),
      );
    }
    asAppError(error, "cancel");
  }
  const after = await saveSnapshot(db, await describeFresh(input, contact, null));
  return result(after, "cancelled", "Cancelled.", used, receipt, contact.scheduledAt);
}
