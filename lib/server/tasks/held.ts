import "server-only";

/**
 * Held tasks: a task scheduled beyond Connect's horizon (SCHEDULE_HORIZON_DAYS) is kept in
 * `held_task` with its ClientToken fixed, and released into Connect by the "held.release" job
 * (release.ts) once its time is inside the horizon. Holding, editing and cancelling never call
 * Connect; they change the row only while nothing is being sent (states held, release_failed).
 * Every decision about time reads the console's clock (lib/server/clock.ts).
 */
import { randomUUID } from "node:crypto";

import { and, eq, inArray, sql } from "drizzle-orm";

import { TASK_ACTIONS } from "@/lib/audit/trail";
import { AppError } from "@/lib/errors";
import { type Role, hasPermission, isRole } from "@/lib/permissions";
import { recordAuditEvent } from "@/lib/server/audit/store";
import type { SessionUser } from "@/lib/server/auth/session";
import { now } from "@/lib/server/clock";
import type { Database } from "@/lib/server/db";
import { type HeldTaskState, heldTask } from "@/lib/server/db/schema";
import { HELD_ID_PREFIX } from "@/lib/task/held";
import { instantProblem } from "@/lib/task/schedule-rules";
import type { TaskValues } from "@/lib/task/schema";
import { instantToZonedLocal, zonedLocalToInstant } from "@/lib/task/zoned-time";

import type { StartRequester } from "./start-task";

export type HeldTask = typeof heldTask.$inferSelect;


/** States in which the row may still be edited, cancelled or retried (nothing is being sent). */
const CHANGEABLE: HeldTaskState[] = ["held", "release_failed"];

/** The ScheduledTime the values ask for: their local time in their zone ("now": this instant). */
export function scheduledInstantOf(values: TaskValues): Date {
  if (values.scheduleMode !== "later") return now();
  const result = zonedLocalToInstant(values.scheduledLocal, values.timeZone);
  if (!result.ok) throw new Error("held task values without a valid schedule");
  return result.instant;
}

/** Whether Connect cannot take `at` yet: it is further ahead than its horizon. */
export function isBeyondHorizon(at: Date, horizonSeconds: number, current = now()): boolean {
  return at.getTime() > current.getTime() + horizonSeconds * 1000;
}

/**
 * How far inside the horizon a release is sent: Connect checks the horizon on its own clock, and
 * a console clock a little ahead of it must not send a time Connect still finds too far.
 */
export const RELEASE_MARGIN_SECONDS = 30;

/** When the release job sends a task at `scheduledAt`: just inside Connect's horizon. */
export function releaseMomentOf(scheduledAt: Date, horizonSeconds: number): Date {
  return new Date(scheduledAt.getTime() - (horizonSeconds - RELEASE_MARGIN_SECONDS) * 1000);
}

export interface HoldInput {
  values: TaskValues;
  requester: StartRequester;
  /** Fixed now: the release sends exactly this token, however often it runs. */
  clientToken: string;
  seriesId?: string;
  occurrenceAt?: Date;
  /** The instant itself when the caller has it (an occurrence): its local time may be ambiguous. */
  scheduledAt?: Date;
}

/**
 * Holds a task (no Connect call) and records "task.hold". Holding the same (instance, token)
 * again answers the row already held, so a repeated submit or occurrence makes one task.
 */
export async function holdTask(
  db: Database,
  input: HoldInput,
): Promise<{ id: string; scheduledAt: Date }> {
  const values = { ...input.values, clientToken: input.clientToken };
  const scheduledAt = input.scheduledAt ?? scheduledInstantOf(values);
  const { actor, role } = input.requester;
  const [inserted] = await db
    .insert(heldTask)
    .values({
      id: `${HELD_ID_PREFIX}${randomUUID()}`,
      instanceId: values.instanceId,
      values,
      scheduledAt,
      timeZone: values.timeZone,
      clientToken: input.clientToken,
      createdById: actor.id ?? "",
      createdByEmail: actor.email,
      createdByRole: role,
      seriesId: input.seriesId ?? null,
      occurrenceAt: input.occurrenceAt ?? null,
    })
    .onConflictDoNothing({ target: [heldTask.instanceId, heldTask.clientToken] })
    .returning({ id: heldTask.id, scheduledAt: heldTask.scheduledAt });
  if (!inserted) {
    const [existing] = await db
      .select({ id: heldTask.id, scheduledAt: heldTask.scheduledAt })
      .from(heldTask)
      .where(
        and(eq(heldTask.instanceId, values.instanceId), eq(heldTask.clientToken, input.clientToken)),
      );
    if (!existing) throw new Error("held task vanished between insert and read");
    return existing;
  }
  await recordAuditEvent(db, {
    action: TASK_ACTIONS.hold,
    outcome: "success",
    actor,
    targetId: inserted.id,
    detail: {
      instanceId: values.instanceId,
      clientToken: input.clientToken,
      name: values.name,
      scheduledAt: scheduledAt.toISOString(),
      ...(input.seriesId ? { seriesId: input.seriesId } : {}),
    },
  });
  return inserted;
}

export async function findHeldTask(db: Database, id: string): Promise<HeldTask | null> {
  const [row] = await db.select().from(heldTask).where(eq(heldTask.id, id));
  return row ?? null;
}

/** The requester a release runs as: whoever held the task, with the role they had. */
export function requesterOf(
  row: Pick<HeldTask, "createdById" | "createdByEmail" | "createdByRole">,
): StartRequester {
  const role: Role = isRole(row.createdByRole) ? row.createdByRole : "support";
  return {
    role,
    actor: { id: row.createdById || null, email: row.createdByEmail, role: row.createdByRole },
  };
}

/** Leads change the held tasks they held; supervisors and admins any. Null when allowed. */
export function heldChangeRefusal(
  user: Pick<SessionUser, "id" | "role">,
  row: Pick<HeldTask, "createdById" | "createdByEmail">,
): string | null {
  if (hasPermission(user.role, "task.manage.any")) return null;
  if (!hasPermission(user.role, "task.manage.own"))
    return "Your role cannot change tasks: a team lead can change the tasks they created, a supervisor any task.";
  if (row.createdById !== user.id)
    return `You can change only the tasks you created; this one was created by ${row.createdByEmail ?? "someone else"}.`;
  return null;
}

/** Whether `user` may see the held task (as the tasks list decides for Connect tasks). */
export function canReadHeldTask(
  user: Pick<SessionUser, "id" | "role">,
  row: Pick<HeldTask, "createdById">,
): boolean {
  return hasPermission(user.role, "task.read.all") || row.createdById === user.id;
}

async function changeable(db: Database, user: SessionUser, id: string): Promise<HeldTask> {
  const row = await findHeldTask(db, id);
  if (!row || !canReadHeldTask(user, row))
    throw new AppError("NOT_FOUND", { message: "There is no held task with this id." });
  const refusal = heldChangeRefusal(user, row);
  if (refusal) throw new AppError("FORBIDDEN", { message: refusal });
  if (!CHANGEABLE.includes(row.state)) throw stateConflict(row);
  return row;
}

function stateConflict(row: HeldTask): AppError {
  const message =
    row.state === "cancelled"
      ? "This held task was cancelled; there is nothing left to change."
      : row.contactId
        ? `This task is already in Amazon Connect (contact ${row.contactId}); change it there, from its own page.`
        : "This task is being sent to Amazon Connect right now; reload the page in a moment.";
  return new AppError("CONFLICT", { message });
}

/** One guarded write: only while the row is still in a state that allows it. */
async function updateIfChangeable(
  db: Database,
  row: HeldTask,
  set: Partial<HeldTask>,
): Promise<HeldTask> {
  const [updated] = await db
    .update(heldTask)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(heldTask.id, row.id), inArray(heldTask.state, CHANGEABLE)))
    .returning();
  if (!updated) throw stateConflict((await findHeldTask(db, row.id)) ?? row);
  return updated;
}

/**
 * Every field of a held (or failed) task, with no Connect call. Its ClientToken stays the one
 * fixed at hold. A time inside the horizon (or "start now") is released by the next run.
 */
export async function editHeldTask(
  db: Database,
  user: SessionUser,
  id: string,
  values: TaskValues,
): Promise<HeldTask> {
  const row = await changeable(db, user, id);
  if (values.scheduleMode === "later" && !hasPermission(row.createdByRole, "task.schedule"))
    throw new AppError("FORBIDDEN", { message: "The task's creator cannot schedule tasks." });
  const kept = { ...values, clientToken: row.clientToken };
  return updateIfChangeable(db, row, {
    values: kept,
    instanceId: kept.instanceId,
    timeZone: kept.timeZone,
    scheduledAt: scheduledInstantOf(kept),
    state: "held",
    failureCode: null,
    failureMessage: null,
    attempts: 0,
  });
}

/**
 * Moves a held task by `offsetMinutes` (the agenda's bulk move), with no Connect call. `from` is
 * the time the user saw: a task moved meanwhile is not moved again. The new time may be inside
 * the horizon (the next release run sends it) but not in the past nor beyond the maximum.
 */
export async function moveHeldTask(
  db: Database,
  user: SessionUser,
  input: { id: string; offsetMinutes: number; fromScheduledAt: string; maxSeconds: number },
): Promise<{ row: HeldTask; message: string }> {
  const row = await changeable(db, user, input.id);
  const when = (at: Date) => at.toISOString().slice(0, 16).replace("T", " ") + " UTC";
  if (row.scheduledAt.getTime() !== Date.parse(input.fromScheduledAt)) {
    throw new AppError("CONFLICT", {
      message: `This task was moved meanwhile (it is now at ${when(row.scheduledAt)}); it was not moved again.`,
    });
  }
  const target = new Date(row.scheduledAt.getTime() + input.offsetMinutes * 60_000);
  const problem = instantProblem(target, now(), input.maxSeconds);
  if (problem) throw new AppError("INVALID_INPUT", { message: problem });
  const values = row.values as TaskValues;
  const moved = {
    ...values,
    scheduleMode: "later" as const,
    scheduledLocal: instantToZonedLocal(target, values.timeZone),
  };
  const updated = await updateIfChangeable(db, row, {
    values: moved,
    scheduledAt: scheduledInstantOf(moved),
    state: "held",
    failureCode: null,
    failureMessage: null,
    attempts: 0,
  });
  return { row: updated, message: `Moved to ${when(updated.scheduledAt)} (held by the console).` };
}

/** Cancels a held (or failed) task: nothing was ever sent, so nothing is asked of Connect. */
export async function cancelHeldTask(db: Database, user: SessionUser, id: string) {
  const row = await changeable(db, user, id);
  return updateIfChangeable(db, row, { state: "cancelled" });
}

/** A failed release, held again as it is: the next run sends it with the same ClientToken. */
export async function retryHeldRelease(db: Database, user: SessionUser, id: string) {
  const row = await changeable(db, user, id);
  if (row.state !== "release_failed")
    throw new AppError("CONFLICT", { message: "Only a release that failed can be retried." });
  return updateIfChangeable(db, row, {
    state: "held",
    failureCode: null,
    failureMessage: null,
    attempts: 0,
  });
}
