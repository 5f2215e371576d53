/**
 * A whole bulk file checked, the same code in the browser's worker and in the server's create
 * action (which re-checks every row before it stores one): limits, header, then each row, with
 * its ClientToken derived from the file's digest and row number (token.ts).
 */

import { type Column, mapHeader } from "./columns";
import { type ParsedCsv, parseCsv, stripBom } from "./csv";
import { type BulkLimits, fileSizeProblem, rowCountProblem } from "./limits";
import type { BulkLookups } from "./lookups";
import { type CellProblem, type CheckedRow, checkRow } from "./rows";
import { fileDigest, rowTokens } from "./token";
import { formatCount } from "../format-number";
import { utf8Bytes } from "../task/limits";
import { createTaskSchema } from "../task/schema";
import type { TaskFormValues } from "../task/schema";

export interface CheckOptions {
  instanceId: string;
  timeZone: string;
  lookups: BulkLookups;
  canSchedule: boolean;
  limits: BulkLimits;
  now: () => Date;
  scheduleHorizonSeconds: number;
}

export interface CheckedFileRow {
  row: number;
  cells: string[];
  /** The composer's values, for a ready row. */
  values: TaskFormValues | null;
  problems: CellProblem[];
}

export type FileCheck =
  | { ok: false; digest: string | null; header: string[]; message: string }
  | {
      ok: true;
      digest: string;
      header: string[];
      columns: Column[];
      rows: CheckedFileRow[];
      ready: number;
    };

/** Header problems as one message (a file with a bad header checks no row). */
function headerMessage(problems: { index: number | null; message: string }[]) {
  return problems.map((problem) => problem.message).join(" ");
}

/** A file's text parsed as the check reads it (without its byte-order mark). */
export function parseFile(text: string): ParsedCsv {
  return parseCsv(stripBom(text));
}

/**
 * The template values of a file's `template` column (for fetching their definitions first). Its
 * parse can be handed to `checkFile` after, so a file is parsed once.
 */
export function templateValuesOf(parsed: ParsedCsv): string[] {
  const mapping = mapHeader(parsed.header);
  const column = mapping.columns.find((item) => item.kind === "plain" && item.name === "template");
  if (!column) return [];
  const values = new Set<string>();
  for (const record of parsed.records) {
    const value = record[column.index]?.trim();
    if (value) values.add(value);
  }
  return [...values];
}

/** Checks the file `input`; `parsed` is its `parseFile` when the caller has it already. */
export async function checkFile(
  input: string,
  options: CheckOptions,
  parsedInput?: ParsedCsv,
): Promise<FileCheck> {
  const text = stripBom(input);
  const sizeProblem = fileSizeProblem(utf8Bytes(text), options.limits);
  if (sizeProblem) return { ok: false, digest: null, header: [], message: sizeProblem };
  const digest = await fileDigest(text);
  const parsed = parsedInput ?? parseCsv(text);
  const fail = (message: string): FileCheck => ({
    ok: false,
    digest,
    header: parsed.header,
    message,
  });
  if (parsed.header.length === 0)
    return fail("The file is empty: it needs a header line and rows.");
  const countProblem = rowCountProblem(parsed.records.length, options.limits);
  if (countProblem) return fail(countProblem);
  if (parsed.records.length === 0) return fail("The file has a header but no rows.");
  const mapping = mapHeader(parsed.header);
  if (!mapping.ok) return fail(headerMessage(mapping.problems));

  const schema = createTaskSchema({
    now: options.now,
    scheduleHorizonSeconds: options.scheduleHorizonSeconds,
  });
  const context = { ...options, schema };
  const tokenOf = rowTokens(digest);
  const parseErrors = new Map(parsed.errors.map((error) => [error.record, error.message]));
  const rows: CheckedFileRow[] = [];
  let ready = 0;
  parsed.records.forEach((cells, index) => {
    const row = index + 2;
    const problems: CellProblem[] = [];
    const parseError = parseErrors.get(row);
    if (parseError)
      problems.push({ row, column: null, message: `This line cannot be read: ${parseError}.` });
    if (cells.length > parsed.header.length) {
      problems.push({
        row,
        column: null,
        message: `This row has ${cells.length} cells; the header has ${parsed.header.length}.`,
      });
    }
    const checked: CheckedRow = checkRow(cells, mapping.columns, row, tokenOf(row), context);
    if (!checked.ok) problems.push(...checked.problems);
    const isReady = checked.ok && problems.length === 0;
    if (isReady) ready += 1;
    rows.push({ row, cells, values: isReady ? checked.values : null, problems });
  });
  return { ok: true, digest, header: parsed.header, columns: mapping.columns, rows, ready };
}

/** "50 rows: 45 ready, 5 with problems": the words of the page's Check result. */
export function describeCheck(rows: number, ready: number): string {
  const noun = rows === 1 ? "row" : "rows";
  return `${formatCount(rows)} ${noun}: ${formatCount(ready)} ready, ${formatCount(rows - ready)} with problems`;
}
