/**
 * How large one bulk job may be, in one place: the browser checks before it parses, the server
 * before it stores. The defaults are the (10,000 rows, 5 MB); a server may lower or raise
 * them (BULK_MAX_ROWS, BULK_MAX_FILE_BYTES in lib/env.ts) and the page is handed the values in force.
 */
import { formatCount } from "../format-number";

export interface BulkLimits {
  maxRows: number;
  maxFileBytes: number;
}

export const DEFAULT_BULK_LIMITS: BulkLimits = { maxRows: 10_000, maxFileBytes: 5 * 1024 * 1024 };

/** Rows the start-task service is asked for per claim: small, so pause and cancel act quickly. */
export const BULK_BATCH_SIZE = 5;

function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${formatCount(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;
  if (bytes >= 1024) return `${formatCount(Math.round(bytes / 1024))} KB`;
  return `${formatCount(bytes)} bytes`;
}

/** Why a file of this size cannot be a job, or null. */
export function fileSizeProblem(bytes: number, limits: BulkLimits): string | null {
  if (bytes <= limits.maxFileBytes) return null;
  return (
    `This file is ${describeBytes(bytes)}; a bulk job takes at most ${describeBytes(limits.maxFileBytes)}. ` +
    "Split it into several files."
  );
}

/** Why this many rows cannot be one job, or null. */
export function rowCountProblem(rows: number, limits: BulkLimits): string | null {
  if (rows <= limits.maxRows) return null;
  return (
    `This file has ${formatCount(rows)} rows; a bulk job takes at most ${formatCount(limits.maxRows)}. ` +
    "Split it into several files."
  );
}
