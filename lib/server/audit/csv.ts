import "server-only";

import type { AuditEventView } from "@/lib/schemas/audit";

/**
 * CSV for the audit export (RFC 4180: CRLF line ends, fields with a quote, comma or line break
 * quoted, quotes doubled). Audit rows hold text typed by anyone (emails, task names, error
 * messages), so a cell that a spreadsheet would run as a formula gets a leading single quote.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text =
    typeof value === "string"
      ? value
      : typeof value === "number" || typeof value === "boolean"
        ? String(value)
        : JSON.stringify(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
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
