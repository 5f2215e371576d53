/**
 * A task's changes, neutral: the task page's reschedule and cancel, the agenda's bulk move and
 * cancel. The browser validates its forms with these, the server actions parse with the same
 * schemas, and the reschedule rule runs on each side's own clock.
 */
import { z } from "zod";

import { FORM_LIMITS, MAX_SCHEDULE_HORIZON_DAYS, SECONDS_PER_DAY } from "@/lib/task/limits";
import { taskTarget } from "@/lib/task/list";
import { instantProblem, scheduleProblem } from "@/lib/task/schedule-rules";
import type { TaskStatus } from "@/lib/task/status";
import { isValidTimeZone } from "@/lib/task/zoned-time";

/** Move one task to a wall-clock time in a chosen zone (the composer's field). */
export const rescheduleToTimeSchema = z.object({
  ...taskTarget,
  mode: z.literal("at"),
  scheduledLocal: z
    .string()
    .min(1, "Pick a date and time.")
    .max(FORM_LIMITS.localTimeMax, "Pick a date and time."),
  timeZone: z
    .string()
    .min(1, "Choose a time zone.")
    .max(FORM_LIMITS.timeZoneMax, "Choose a time zone from the list."),
  /**
   * The user confirmed that a time beyond Connect's horizon stops the task in Connect and holds
   * a copy in the console (it comes back as a new contact). Without it such a time is refused.
   */
  holdBeyondHorizon: z.literal(true).optional(),
});

/**
 * Move one task by an offset from the time the user saw. `fromScheduledAt` makes a retry safe:
 * a task already at from + offset is left alone, one moved by someone else is not moved again.
 */
export const rescheduleByOffsetSchema = z.object({
  ...taskTarget,
  mode: z.literal("offset"),
  offsetMinutes: z
    .number({ error: "Enter a number of minutes." })
    .int("Use whole minutes.")
    .refine((minutes) => minutes !== 0, "An offset of zero moves nothing.")
    .refine(
      (minutes) => Math.abs(minutes) * 60 <= MAX_SCHEDULE_HORIZON_DAYS * SECONDS_PER_DAY,
      `At most ${MAX_SCHEDULE_HORIZON_DAYS} days either way.`,
    ),
  fromScheduledAt: z.iso.datetime({ offset: true, error: "Missing the task's current time." }),
});

export const rescheduleTaskSchema = z.discriminatedUnion("mode", [
  rescheduleToTimeSchema,
  rescheduleByOffsetSchema,
]);
export type RescheduleTaskInput = z.input<typeof rescheduleTaskSchema>;

export const cancelTaskSchema = z.object({
  ...taskTarget,
  /** Cancel it only while it waits for its scheduled time (never one that has started). */
  onlyIfScheduled: z.boolean().optional(),
});

/** Where a move by an offset lands: the time the user saw, plus the offset. */
export function offsetTarget(input: { fromScheduledAt: string; offsetMinutes: number }): Date {
  return new Date(new Date(input.fromScheduledAt).getTime() + input.offsetMinutes * 60_000);
}

/** Offsets the agenda offers for a bulk move; any other whole number of minutes works too. */
export const BULK_OFFSETS = [
  { minutes: 15, label: "15 minutes later" },
  { minutes: 60, label: "1 hour later" },
  { minutes: 1_440, label: "1 day later" },
  { minutes: -60, label: "1 hour earlier" },
] as const;

/** What the reschedule and cancel actions answer on success (neutral for the browser). */
export interface TaskChangeResult {
  contactId: string;
  /** "unchanged": the task was already where it was asked to be (a retry, a double click). */
  /** "held": moved beyond the horizon, so stopped in Connect and held by the console. */
  outcome: "rescheduled" | "unchanged" | "cancelled" | "already-cancelled" | "held";
  status: TaskStatus;
  scheduledAt: string | null;
  reschedulesUsed: number;
  message: string;
  /** With "held": the held copy's id (its page is /tasks/<id>). */
  heldTaskId?: string;
}

/**
 * The reschedule input with the horizon rule on the caller's clock: the browser checks as the
 * user types, the action checks again on the server's clock.
 */
export function createRescheduleSchema(options: {
  now: () => Date;
  horizonSeconds: number;
  /**
   * The furthest a "mode: at" time may be (SCHEDULE_MAX_DAYS): beyond the horizon and up to this
   * the task page asks to stop and hold the task. Unset, it is the horizon.
   */
  maxSeconds?: number;
}) {
  return rescheduleTaskSchema.superRefine((input, ctx) => {
    const now = options.now();
    if (input.mode === "at") {
      // Too long: the field's own bound has said so already.
      if (input.timeZone.length > FORM_LIMITS.timeZoneMax) return;
      if (input.scheduledLocal.length > FORM_LIMITS.localTimeMax) return;
      if (!isValidTimeZone(input.timeZone)) {
        const message = "Choose a time zone from the list.";
        ctx.addIssue({ code: "custom", path: ["timeZone"], message });
        return;
      }
      const problem = scheduleProblem(
        input.scheduledLocal,
        input.timeZone,
        now,
        options.maxSeconds ?? options.horizonSeconds,
      );
      if (problem) ctx.addIssue({ code: "custom", path: ["scheduledLocal"], message: problem });
      return;
    }
    const problem = instantProblem(offsetTarget(input), now, options.horizonSeconds);
    if (problem) ctx.addIssue({ code: "custom", path: ["offsetMinutes"], message: problem });
  });
}
