/**
 * Filters of the audit trail, shared by the /audit page (read from its URL) and the CSV export
 * route, so both select exactly the same rows. Every value arrives as a URL string; a blank field
 * means "no filter". Dates are UTC calendar days, inclusive at both ends.
 */
import { z } from "zod";

import type { AuditOutcome } from "@/lib/server/db/schema/audit";
import {
  blankToUndefined,
  checkDayRange,
  choice,
  day,
  pageNumber,
  searchText,
  text,
} from "@/lib/url-filters";
import { MAX_EMAIL_LENGTH } from "@/lib/users/limits";


export const AUDIT_OUTCOME_VALUES = [
  "pending",
  "success",
  "failure",
  "unknown",
  "denied",
] as const satisfies readonly AuditOutcome[];

export const AUDIT_OUTCOME_LABELS: Record<AuditOutcome, string> = {
  pending: "Pending",
  success: "Success",
  failure: "Failure",
  unknown: "Unknown",
  denied: "Denied",
};

/**
 * Audit action names of the task mutations, as their server actions record them. Readers of the
 * trail select by these: a task the console created is a successful `task.start`.
 */
export const TASK_ACTIONS = {
  start: "task.start",
  reschedule: "task.reschedule",
  cancel: "task.cancel",
  /** Held tasks (beyond Connect's horizon): kept by the console, released by a job. */
  hold: "task.hold",
  holdEdit: "task.hold_edit",
  holdCancel: "task.hold_cancel",
  release: "task.release",
  releaseRetry: "task.release_retry",
  /** Recurring tasks: a series and its occurrences (each a held task). */
  seriesCreate: "series.create",
  seriesEdit: "series.edit",
  seriesSkip: "series.skip",
  seriesPause: "series.pause",
  seriesResume: "series.resume",
  seriesEnd: "series.end",
} as const;

export const AUDIT_PAGE_SIZE = 50;
/** Rows in one CSV export; a larger selection is cut and the page says so. */
export const AUDIT_EXPORT_LIMIT = 50_000;

export const auditFiltersSchema = z
  .object({
    person: text(MAX_EMAIL_LENGTH, `At most ${MAX_EMAIL_LENGTH} characters.`),
    action: z
      .string()
      .trim()
      .max(64, "At most 64 characters.")
      .optional()
      .transform(blankToUndefined)
      .refine((value) => value === undefined || /^[a-z][a-z0-9_.]*\*?$/i.test(value), {
        message: "Use an action such as auth.sign_in, or a prefix ending in a dot such as task.",
      }),
    outcome: choice(AUDIT_OUTCOME_VALUES, "Choose pending, success, failure, unknown or denied."),
    from: day,
    to: day,
    q: searchText,
    page: pageNumber,
  })
  .superRefine(checkDayRange);

export type AuditFilters = z.output<typeof auditFiltersSchema>;
export type AuditFilterName = Exclude<keyof AuditFilters, "page">;
export const AUDIT_FILTER_NAMES: AuditFilterName[] = [
  "person",
  "action",
  "outcome",
  "from",
  "to",
  "q",
];

/** An action filter ending in "." (or "*") matches every action under that prefix. */
export function isActionPrefix(action: string): boolean {
  return action.endsWith(".") || action.endsWith("*");
}

/** The query string for a set of filters (blank ones left out), for links and the export. */
export function auditFiltersQuery(
  filters: Partial<Record<AuditFilterName | "page", string | number | undefined>>,
): string {
  const params = new URLSearchParams();
  for (const name of [...AUDIT_FILTER_NAMES, "page"] as const) {
    const value = filters[name];
    if (value === undefined || value === "") continue;
    if (name === "page" && value === 1) continue;
    params.set(name, String(value));
  }
  return params.toString();
}

export const reconcileAuditEventSchema = z.object({
  id: z.uuid("Not an audit entry id."),
});

/** One audit event as the page shows it (plain JSON, so it can cross to client components). */
export interface AuditEventView {
  id: string;
  occurredAt: string;
  completedAt: string | null;
  action: string;
  outcome: AuditOutcome;
  actorId: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  targetId: string | null;
  instanceId: string | null;
  clientToken: string | null;
  contactId: string | null;
  request: unknown;
  detail: unknown;
  errorName: string | null;
  errorMessage: string | null;
  awsRequestId: string | null;
  attempts: number | null;
  ipAddress: string | null;
  userAgent: string | null;
  /** How many events the row stands for: more than 1 when repeated events were aggregated. */
  repeatCount: number;
  /** For pending rows: how long they have been pending, in seconds. */
  pendingSeconds: number | null;
  /**
   * Pending (or a task start with an unknown outcome) long enough that the original call cannot
   * still be running: past its deadline and a margin.
   */
  isReconcilable: boolean;
  /** For rows a reconcile may settle: seconds until it may (0 once it may); otherwise null. */
  reconcilableInSeconds: number | null;
}
