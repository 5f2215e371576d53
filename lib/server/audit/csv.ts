import "server-only";

/**
 * CSV for the audit export (RFC 4180: CRLF line ends, fields with a quote, comma or line break
 * quoted, quotes doubled). Audit rows hold text typed by anyone (emails, task names, error
 * messages), so a cell that a spreadsheet would run as a formula gets a leading single quote.
 *
 * Sizes are bounded too, for rows written before the audit row limits and for spreadsheets: a
 * cell keeps at most CSV_CELL_MAX characters (a spreadsheet cell holds 32,767) and a row's cells
 * together CSV_ROW_MAX (before quoting); what is cut ends in "[cut: N more characters]".
 */
import type { AuditEventView } from "@/lib/audit/trail";

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export const CSV_CELL_MAX = 32_000;
export const CSV_ROW_MAX = 64_000;

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text =
    typeof value === "string"
      ? value
      : typeof value === "number" || typeof value === "boolean"
        ? String(value)
        : JSON.stringify(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The text within `max` characters, the cut said at its end (never half a surrogate pair). */
function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const markerFor = (kept: number) => ` [cut: ${text.length - kept} more characters]`;
  let kept = Math.max(0, max - markerFor(0).length);
  const last = text.charCodeAt(kept - 1);
  if (last >= 0xd800 && last <= 0xdbff) kept -= 1;
  return text.slice(0, kept) + markerFor(kept);
}

function quote(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The largest length each cell may keep so that the cells fit `budget` together: short cells
 * stay whole, the long ones share what is left equally.
 */
function fairShare(lengths: number[], budget: number): number {
  const sorted = [...lengths].sort((a, b) => a - b);
  let left = budget;
  for (const [index, length] of sorted.entries()) {
    const share = Math.floor(left / (sorted.length - index));
    if (length > share) return share;
    left -= length;
  }
  return budget;
}

export function csvLine(values: readonly unknown[]): string {
  const texts = values.map(cellText);
  const lengths = texts.map((text) => Math.min(text.length, CSV_CELL_MAX));
  const total = lengths.reduce((sum, length) => sum + length, 0);
  const max =
    total > CSV_ROW_MAX ? Math.min(CSV_CELL_MAX, fairShare(lengths, CSV_ROW_MAX)) : CSV_CELL_MAX;
  return `${texts.map((text) => quote(cutText(text, max))).join(",")}\r\n`;
}

export const AUDIT_CSV_COLUMNS = [
  ["occurred_at_utc", (event) => event.occurredAt],
  ["completed_at_utc", (event) => event.completedAt],
  ["action", (event) => event.action],
  ["outcome", (event) => event.outcome],
  ["actor_email", (event) => event.actorEmail],
  ["actor_id", (event) => event.actorId],
  ["actor_role", (event) => event.actorRole],
  ["target_id", (event) => event.targetId],
  ["contact_id", (event) => event.contactId],
  ["instance_id", (event) => event.instanceId],
  ["client_token", (event) => event.clientToken],
  ["error_name", (event) => event.errorName],
  ["error_message", (event) => event.errorMessage],
  ["aws_request_id", (event) => event.awsRequestId],
  ["attempts", (event) => event.attempts],
  ["ip_address", (event) => event.ipAddress],
  ["request_json", (event) => event.request],
  ["detail_json", (event) => event.detail],
  ["event_id", (event) => event.id],
  // Last, so the columns before it keep their places for existing readers of the export.
  ["repeat_count", (event) => event.repeatCount],
] as const satisfies readonly (readonly [string, (event: AuditEventView) => unknown])[];

export const AUDIT_CSV_HEADER = csvLine(AUDIT_CSV_COLUMNS.map(([name]) => name));

export function auditCsvLine(event: AuditEventView): string {
  return csvLine(AUDIT_CSV_COLUMNS.map(([, read]) => read(event)));
}
