import "server-only";

/**
 * A Connect task rescheduled beyond Connect's horizon: Connect cannot schedule it that far ahead,
 * so, once the user has confirmed, the console stops the contact in Connect (cancelTask's path)
 * and holds a copy with the new time (holdTask), which the "held.release" job sends back as a new
 * contact. The held copy's ClientToken is derived from the contact and the new time, so a retried
 * confirm finds the copy it held and neither stops nor holds twice. A failed stop holds nothing.
 */
import { and, eq, sql } from "drizzle-orm";

import { TASK_ACTIONS } from "@/lib/audit/trail";
import { derivedUuid } from "@/lib/bulk/token";
import { scheduleHorizonSeconds } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "@/lib/server/auth/session";
import type { Database } from "@/lib/server/db";
import { auditEvent, heldTask } from "@/lib/server/db/schema";
import { horizonDays } from "@/lib/task/limits";
import { TASK_STATUS_LABELS } from "@/lib/task/status";
import { valuesFromRequest } from "@/lib/task/values-from-request";
import { instantToZonedLocal } from "@/lib/task/zoned-time";

import { holdTask, isBeyondHorizon } from "./held";
import {
  type RescheduleInput,
  type TaskChange,
  authorise,
  cancelTask,
  currentState,
  rescheduleTarget,
  rescheduleTask,
} from "./manage";
import type { Snapshot } from "./snapshots";
import { type TaskRecord, countReschedules } from "./task-record";

/** The held copy's ClientToken: one per (contact, new time), so a retried confirm holds once. */
export function moveHoldToken(contactId: string, target: Date): string {
  return derivedUuid(`move-hold:${contactId}:${target.toISOString()}`);
}

export interface MoveTarget {
  instanceId: string;
  contactId: string;
  timeZone: string;
}

/** What a move beyond the horizon answers: the stopped contact, and the copy now held. */
export interface HeldMove extends TaskChange {
  heldTaskId: string;
}

export const CONFIRM_HOLD_MESSAGE = (days: number) =>
  `Amazon Connect schedules at most ${days} days ahead: confirm to stop this task in Connect and hold it until then.`;

/**
 * The task page's reschedule: inside the horizon, rescheduleTask; beyond it, refused at the time
 * field unless the user confirmed (`holdBeyondHorizon`), then stopAndHold. The refusal asks
 * nothing of Connect.
 */
export async function moveTask(
  db: Database,
  user: SessionUser,
  input: RescheduleInput,
): Promise<TaskChange> {
  const target = rescheduleTarget(input);
  const horizon = scheduleHorizonSeconds();
  if (!target || input.mode !== "at" || !isBeyondHorizon(target, horizon)) {
    return rescheduleTask(db, user, input);
  }
  const record = await authorise(db, user, input, "reschedule");
  if (!input.holdBeyondHorizon) {
    const message = CONFIRM_HOLD_MESSAGE(horizonDays(horizon));
    throw new AppError("INVALID_INPUT", { message, fieldErrors: { scheduledLocal: [message] } });
  }
  const { snapshot } = await currentState(db, input, record);
  const reschedulesUsed = await countReschedules(db, input.contactId);
  return stopAndHold(db, user, input, { record, snapshot, reschedulesUsed }, target);
}

const when = (date: Date) => date.toISOString().slice(0, 16).replace("T", " ") + " UTC";

async function heldCopy(db: Database, instanceId: string, clientToken: string) {
  const [row] = await db
    .select({ id: heldTask.id, scheduledAt: heldTask.scheduledAt })
    .from(heldTask)
    .where(and(eq(heldTask.instanceId, instanceId), eq(heldTask.clientToken, clientToken)));
  return row ?? null;
}

/**
 * Whether an earlier confirm of this same move ended with an unknown outcome: its stop may have
 * happened with the answer lost, so a contact now found cancelled is this move's own stop.
 */
async function hadUnknownStop(db: Database, contactId: string, target: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: auditEvent.id })
    .from(auditEvent)
    .where(
      and(
        eq(auditEvent.action, TASK_ACTIONS.reschedule),
        eq(auditEvent.targetId, contactId),
        eq(auditEvent.outcome, "unknown"),
        sql`${auditEvent.request} ->> 'holdBeyondHorizon' = 'true'`,
        sql`${auditEvent.request} ->> 'ScheduledTime' = ${target.toISOString()}`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * Stops the contact and holds its copy at `target`. `snapshot` is the task as just read (it must
 * be scheduled), `record` what the console recorded when it created it (the copy's values).
 */
export async function stopAndHold(
  db: Database,
  user: SessionUser,
  input: MoveTarget,
  context: { record: TaskRecord | null; snapshot: Snapshot; reschedulesUsed: number },
  target: Date,
): Promise<HeldMove> {
  const clientToken = moveHoldToken(input.contactId, target);
  const message = (id: string) =>
    `Stopped in Connect and held until ${when(target)} as ${id}: the console sends it back to Connect as a new contact once it is inside the horizon.`;

  // A retried confirm: the first one stopped the contact and held the copy already.
  const earlier = await heldCopy(db, input.instanceId, clientToken);
  if (earlier) {
    return {
      contactId: input.contactId,
      outcome: "held",
      status: context.snapshot.status,
      scheduledAt: context.snapshot.scheduledAt?.toISOString() ?? null,
      reschedulesUsed: context.reschedulesUsed,
      message: message(earlier.id),
      receipt: null,
      from: context.snapshot.scheduledAt?.toISOString() ?? null,
      heldTaskId: earlier.id,
    };
  }
  const isOwnLostStop =
    context.snapshot.status === "cancelled" && (await hadUnknownStop(db, input.contactId, target));
  if (context.snapshot.status !== "scheduled" && !isOwnLostStop) {
    throw new AppError("CONFLICT", {
      message: `Only scheduled tasks can be moved; this one is ${TASK_STATUS_LABELS[context.snapshot.status].toLowerCase()}.`,
    });
  }
  if (!context.record) {
    throw new AppError("CONFLICT", {
      message:
        "The console did not create this task, so it has no copy of its values to hold; it was not stopped. Pick a time inside the horizon.",
    });
  }
  const values = valuesFromRequest(context.record.request, {
    scheduledLocal: instantToZonedLocal(target, input.timeZone),
    timeZone: input.timeZone,
    clientToken,
  });
  if (!values) {
    throw new AppError("CONFLICT", {
      message:
        "The console's record of this task is incomplete, so it cannot hold a copy; it was not stopped.",
    });
  }

  // Throws a typed AppError when Connect refuses or does not answer: nothing is held then.
  const stopped = await cancelTask(db, user, input);
  if (stopped.outcome !== "cancelled" && !isOwnLostStop) {
    throw new AppError("CONFLICT", {
      message: "This task was cancelled meanwhile; nothing was held.",
    });
  }
  const held = await holdTask(db, {
    values,
    requester: { role: user.role, actor: { id: user.id, email: user.email, role: user.role } },
    clientToken,
    scheduledAt: target,
  });
  return { ...stopped, outcome: "held", message: message(held.id), heldTaskId: held.id };
}
