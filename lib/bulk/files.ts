/**
 * The CSV files the bulk pages offer: the template header for an instance, the problems of a
 * check, and a job's results (each input row with its ContactId or error). Neutral, so the page
 * builds the first two in the browser and the results route builds the last one on the server.
 */

import { PLAIN_COLUMNS } from "./columns";
import { toCsv } from "./csv";
import type { CellProblem } from "./rows";
import type { TemplateDefinition } from "../connect/lookups";
import { isReferenceField } from "../task/template-rules";

/** The plain columns, then one field:<name> column per reference field of the instance's templates. */
export function templateCsv(templates: readonly TemplateDefinition[]): string {
  const fields = new Set<string>();
  for (const template of templates) {
    for (const field of template.fields)
      if (isReferenceField(field)) fields.add(`field:${field.name}`);
  }
  return `${toCsv([[...PLAIN_COLUMNS, ...fields]])}\r\n`;
}

export function problemsCsv(problems: readonly CellProblem[]): string {
  return `${toCsv([
    ["row", "column", "problem"],
    ...problems.map((problem) => [String(problem.row), problem.column ?? "", problem.message]),
  ])}\r\n`;
}

export interface ResultRow {
  row: number;
  cells: readonly string[];
  state: string;
  contactId: string | null;
  error: string | null;
}

/** The input's own columns, then row, state, contact_id and error. */
export function resultsCsv(header: readonly string[], rows: readonly ResultRow[]): string {
  return `${toCsv([
    [...header, "row", "state", "contact_id", "error"],
    ...rows.map((row) => [
      ...header.map((_, index) => row.cells[index] ?? ""),
      String(row.row),
      row.state,
      row.contactId ?? "",
      row.error ?? "",
    ]),
  ])}\r\n`;
}
