/**
 * The tasks list and the ids of a task, neutral: the list page reads its URL with these, the
 * browser validates with them, and the server parses with the same schemas. A task's changes
 * (reschedule, cancel) are in changes.ts.
 */
import { z } from "zod";

import { UNSTORABLE_TEXT_MESSAGE, isStorableText } from "@/lib/storable-text";
import { TASK_LIMITS } from "@/lib/task/limits";
import { TASK_STATUSES } from "@/lib/task/status";
import { checkDayRange, choice, day, pageNumber, searchText } from "@/lib/url-filters";

export const TASK_PAGE_SIZE = 25;

/**
 * A status filter value, "unchecked" for tasks Connect has not been asked about yet, or a held
 * task's state (held, release failed).
 */
export const TASK_STATUS_FILTERS = [...TASK_STATUSES, "unchecked", "held", "release_failed"] as const;

export const taskListFiltersSchema = z
  .object({
    /** "mine" for everyone; "all" only with task.read.all (the server enforces it). */
    scope: z.enum(["mine", "all"]).catch("mine").default("mine"),
    status: choice(TASK_STATUS_FILTERS, "Choose a listed status."),
    from: day,
    to: day,
    q: searchText,
    page: pageNumber,
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

export const instanceIdSchema = z
  .string()
  .trim()
  .min(1, "Choose an instance.")
  .max(TASK_LIMITS.instanceIdMax);

/** The address of one task: its instance and contact id. */
export const taskTarget = { instanceId: instanceIdSchema, contactId: contactIdSchema };

export const refreshTasksSchema = z.object({
  contactIds: z
    .array(contactIdSchema)
    .min(1)
    .max(TASK_PAGE_SIZE * 2),
});

export type RoutingTargetKind = "flow" | "quickConnect" | "template";

/** A held task's state as lists show it ("held" also while its release is being sent). */
export type HeldState = "held" | "release_failed";

interface TaskListItemBase {
  /** Its address, `/tasks/<id>`: the ContactId, or a held task's console id. */
  id: string;
  /** Why Connect refused a held task's release. */
  failureMessage?: string | null;
  instanceId: string;
  name: string;
  createdAt: string;
  createdBy: { id: string | null; email: string | null };
  /** The bulk job the task came from (its origin), null for one composed by hand. */
  bulkJobId: string | null;
  routing: { kind: RoutingTargetKind; id: string; name: string | null } | null;
  link: { kind: "previous" | "related"; contactId: string } | null;
  /** Connect's answer as of `checkedAt`; null until Connect has been asked. */
  status: (typeof TASK_STATUSES)[number] | null;
  scheduledAt: string | null;
  checkedAt: string | null;
  /** Why the last status check failed, if it did. */
  statusProblem: string | null;
}

/**
 * One task the console created, as the list and the agenda show it (dates as ISO strings):
 * a task in Connect ("connect", its id the ContactId), or one the console holds until Connect's
 * horizon ("held": no ContactId yet, and a state saying whether its release failed).
 */
export type TaskListItem =
  | (TaskListItemBase & { kind: "connect"; contactId: string; state?: undefined })
  | (TaskListItemBase & { kind: "held"; contactId: null; state: HeldState });

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
