/**
 * A bulk job as its page shows it, in the console's own JSON shape: the server builds it
 * (lib/server/bulk/jobs.ts), the job page polls for it. Neutral, so the page's client code
 * shares the type.
 */
export const BULK_OUTCOMES = [
  "pending",
  "sending",
  "created",
  "failed",
  "cancelled",
  "rejected",
] as const;
export type BulkOutcome = (typeof BULK_OUTCOMES)[number];

export const BULK_OUTCOME_LABELS: Record<BulkOutcome, string> = {
  pending: "Waiting",
  sending: "Sending",
  created: "Created",
  failed: "Failed",
  cancelled: "Cancelled",
  rejected: "Not sent (problems)",
};

export interface BulkRowView {
  row: number;
  name: string;
  state: BulkOutcome;
  contactId: string | null;
  error: string | null;
}

export interface BulkJobView {
  id: string;
  fileName: string;
  instanceId: string;
  state: "running" | "paused" | "cancelled" | "finished";
  createdAt: string;
  finishedAt: string | null;
  creatorEmail: string | null;
  totalRows: number;
  readyRows: number;
  counts: Record<BulkOutcome, number>;
  /** Rows answered per minute over the last minutes; null before the first answers. */
  ratePerMinute: number | null;
  /** Seconds until the last ready row is sent at that rate; null when unknown or done. */
  secondsLeft: number | null;
  rows: BulkRowView[];
  canControl: boolean;
}

/** Rows sent (created or failed) out of the ready ones: what the progressbar shows. */
export function doneRows(view: Pick<BulkJobView, "counts">): number {
  return view.counts.created + view.counts.failed + view.counts.cancelled;
}

export function describeTimeLeft(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 60) return "less than a minute";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `about ${hours} h ${rest} min`;
}
