/**
 * A bulk file's header, mapped onto the task: each column names one field of the composer. Names
 * are case-insensitive (`Name`, `NAME`); what follows a prefix keeps its case, because reference
 * names, attribute keys and template field names are case-sensitive in Connect. A column the
 * console does not know is an error naming it: a typo must not silently drop a value.
 */
import { REFERENCE_TYPES, type ReferenceType } from "../task/limits";

/** The plain columns, in the order the template CSV lists them. */
export const PLAIN_COLUMNS = [
  "name",
  "description",
  "flow",
  "quick_connect",
  "template",
  "scheduled_at",
  "time_zone",
  "expiry_minutes",
  "created_by",
  "previous_contact_id",
  "related_contact_id",
  "client_token",
] as const;
export type PlainColumn = (typeof PLAIN_COLUMNS)[number];

export type Column =
  | { kind: "plain"; name: PlainColumn; index: number; header: string }
  | { kind: "reference"; name: string; type: ReferenceType; index: number; header: string }
  | { kind: "attribute"; key: string; index: number; header: string }
  | { kind: "field"; name: string; index: number; header: string };

export interface HeaderProblem {
  /** The column's position (0-based), or null for a problem of the whole header. */
  index: number | null;
  message: string;
}

export type HeaderMapping =
  { ok: true; columns: Column[] } | { ok: false; columns: Column[]; problems: HeaderProblem[] };

const PLAIN_SET: ReadonlySet<string> = new Set(PLAIN_COLUMNS);

function mapColumn(header: string, index: number): Column | string {
  const trimmed = header.trim();
  const lower = trimmed.toLowerCase();
  if (PLAIN_SET.has(lower)) return { kind: "plain", name: lower as PlainColumn, index, header };
  if (lower.startsWith("ref:")) {
    const rest = trimmed.slice(4);
    const split = rest.lastIndexOf(":");
    const name = split > 0 ? rest.slice(0, split) : "";
    const type = split > 0 ? rest.slice(split + 1).toUpperCase() : "";
    if (!name) return `Column "${header}": write a reference as ref:<Name>:<TYPE>.`;
    if (!(REFERENCE_TYPES as readonly string[]).includes(type)) {
      return `Column "${header}": the reference type is one of ${REFERENCE_TYPES.join(", ")}.`;
    }
    return { kind: "reference", name, type: type as ReferenceType, index, header };
  }
  if (lower.startsWith("attr:")) {
    const key = trimmed.slice(5);
    if (!key) return `Column "${header}": write an attribute as attr:<key>.`;
    return { kind: "attribute", key, index, header };
  }
  if (lower.startsWith("field:")) {
    const name = trimmed.slice(6);
    if (!name) return `Column "${header}": write a template field as field:<field name>.`;
    return { kind: "field", name, index, header };
  }
  return (
    `Unknown column "${header}". Columns are ${PLAIN_COLUMNS.join(", ")}, ` +
    "ref:<Name>:<TYPE>, attr:<key> and field:<template field name>."
  );
}

/** What makes two columns the same one (so a file cannot give a value twice). */
function identityOf(column: Column): string {
  switch (column.kind) {
    case "plain":
      return column.name;
    case "reference":
      return `ref:${column.name}`;
    case "attribute":
      return `attr:${column.key}`;
    case "field":
      return `field:${column.name}`;
  }
}

export function mapHeader(header: readonly string[]): HeaderMapping {
  const columns: Column[] = [];
  const problems: HeaderProblem[] = [];
  const seen = new Map<string, string>();
  header.forEach((cell, index) => {
    const mapped = mapColumn(cell, index);
    if (typeof mapped === "string") {
      problems.push({ index, message: mapped });
      return;
    }
    const identity = identityOf(mapped);
    const earlier = seen.get(identity);
    if (earlier !== undefined) {
      problems.push({ index, message: `Column "${cell}" repeats column "${earlier}".` });
      return;
    }
    seen.set(identity, cell);
    columns.push(mapped);
  });
  if (!columns.some((column) => column.kind === "plain" && column.name === "name")) {
    problems.push({ index: null, message: 'The header needs a "name" column.' });
  }
  return problems.length > 0 ? { ok: false, columns, problems } : { ok: true, columns };
}
