/**
 * Inputs of the tasks list, the task page's actions and the agenda's bulk actions. Neutral: the
 * list reads its URL with these, the browser validates its forms with them, and the server actions
 * parse with the same schemas.
 */
import { z } from "zod";

import { checkDayRange, day, text } from "@/lib/schemas/filters";
import { FORM_LIMITS, TASK_LIMITS } from "@/lib/task/limits";
import { instantProblem, scheduleProblem } from "@/lib/task/schema";
import { TASK_STATUSES } from "@/lib/task/status";
import { isValidTimeZone } from "@/lib/task/zoned-time";
import { UNSTORABLE_TEXT_MESSAGE, isStorableText } from "@/lib/storable-text";

export const TASK_PAGE_SIZE = 25;

/** A status filter value, or "unchecked" for tasks Connect has not been asked about yet. */
export const TASK_STATUS_FILTERS = [...TASK_STATUSES, "unchecked"] as const;

export const taskListFiltersSchema = z
  .object({
    /** "mine" for everyone; "all" only with task.read.all (the server enforces it). */
    scope: z.enum(["mine", "all"]).catch("mine").default("mine"),
    status: z
      .union([z.enum(TASK_STATUS_FILTERS), z.literal("")], { error: "Choose a listed status." })
      .optional()
      .transform((value) => (value === "" ? undefined : value)),
    from: day,
    to: day,
    q: text(200, "At most 200 characters."),
    page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  })
  .superRefine(checkDayRange);
export type TaskListFilters = z.output<typeof taskListFiltersSchema>;

/** Contact ids as Connect's model allows them (1-256 characters). */
export const contactIdSchema = z
  .string()
  .trim()
  .min(1, "Enter a contact id.")
  .max(TASK_LIMITS.contactIdMax, `At most ${TASK_LIMITS.contactIdMax} characters.`)
  .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);

export const instanceIdSchema = z.string().trim().min(1, "Choose an instance.").max(100);

const taskTarget = { instanceId: instanceIdSchema, contactId: contactIdSchema };

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
    .refine((minutes) => Math.abs(minutes) <= 90 * 1_440, "At most 90 days either way."),
  fromScheduledAt: z.iso.datetime({ offset: true, error: "Missing the task's current time." }),
});

export const rescheduleTaskSchema = z.discriminatedUnion("mode", [
  rescheduleToTimeSchema,
  rescheduleByOffsetSchema,
]);
export type RescheduleTaskInput = z.input<typeof rescheduleTaskSchema>;

export const cancelTaskSchema = z.object(taskTarget);

export const refreshTasksSchema = z.object({
  contactIds: z
    .array(contactIdSchema)
    .min(1)
    .max(TASK_PAGE_SIZE * 2),
});

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
  outcome: "rescheduled" | "unchanged" | "cancelled" | "already-cancelled";
  status: (typeof TASK_STATUSES)[number];
  scheduledAt: string | null;
  reschedulesUsed: number;
  message: string;
}

/**
 * The reschedule input with the horizon rule on the caller's clock: the browser checks as the
 * user types, the action checks again on the server's clock.
 */
export function createRescheduleSchema(options: { now: () => Date; horizonSeconds: number }) {
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
        options.horizonSeconds,
      );
      if (problem) ctx.addIssue({ code: "custom", path: ["scheduledLocal"], message: problem });
      return;
    }
    const target = new Date(
      new Date(input.fromScheduledAt).getTime() + input.offsetMinutes * 60_000,
    );
    const problem = instantProblem(target, now, options.horizonSeconds);
    if (problem) ctx.addIssue({ code: "custom", path: ["offsetMinutes"], message: problem });
  });
}

export type RoutingTargetKind = "flow" | "quickConnect" | "template";

/** One task the console created, as the list and the agenda show it (dates as ISO strings). */
export interface TaskListItem {
  contactId: string;
  instanceId: string;
  name: string;
  createdAt: string;
  createdBy: { id: string | null; email: string | null };
  routing: { kind: RoutingTargetKind; id: string; name: string | null } | null;
  link: { kind: "previous" | "related"; contactId: string } | null;
  /** Connect's answer as of `checkedAt`; null until Connect has been asked. */
  status: (typeof TASK_STATUSES)[number] | null;
  scheduledAt: string | null;
  checkedAt: string | null;
  /** Why the last status check failed, if it did. */
  statusProblem: string | null;
}

export interface TaskListPage {
  tasks: TaskListItem[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
}

export const TASK_FILTER_NAMES = ["scope", "status", "from", "to", "q"] as const;

/** The URL query of a tasks list view; defaults are left out. */
export function taskListQuery(
  filters: Partial<
    Record<(typeof TASK_FILTER_NAMES)[number] | "page", string | number | undefined>
  >,
): string {
  const params = new URLSearchParams();
  for (const name of [...TASK_FILTER_NAMES, "page"] as const) {
    const value = filters[name];
    if (value === undefined || value === "") continue;
    if ((name === "page" && value === 1) || (name === "scope" && value === "mine")) continue;
    params.set(name, String(value));
  }
  return params.toString();
}
