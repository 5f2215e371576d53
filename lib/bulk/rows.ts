/**
 * One bulk row as the composer's values (lib/task/schema.ts's input), then checked exactly as the
 * composer's submit is: the task schema, and the template rules (lib/task/template-rules.ts)
 * against the template's definition. Every problem is put at the cell to fix (row, column,
 * message), mapped back from the schema's form path; what no single cell holds is the row's.
 */
import type { Column, PlainColumn } from "./columns";
import { type BulkLookups, resolveAgent, resolveByNameOrId } from "./lookups";
import { type TaskFormValues, type createTaskSchema, emptyTask } from "../task/schema";
import { isReferenceField, templateFieldValues, templateProblems } from "../task/template-rules";
import { instantToZonedLocal } from "../task/zoned-time";

export interface CellProblem {
  /** The record number in the file (the header is row 1). */
  row: number;
  /** The column's header as written, or null for the row as a whole. */
  column: string | null;
  message: string;
}

export interface RowContext {
  instanceId: string;
  /** The file-wide zone, for rows without a time_zone. */
  timeZone: string;
  lookups: BulkLookups;
  /** Whether the person may schedule (task.schedule): a row with scheduled_at needs it. */
  canSchedule: boolean;
  schema: ReturnType<typeof createTaskSchema>;
}

export const SCHEDULE_FORBIDDEN_MESSAGE =
  "Your role cannot schedule tasks; leave scheduled_at empty.";
const ROUTING_MESSAGE =
  "Give exactly one of flow, quick_connect and template (a template without its own flow may add a flow or a quick connect).";

/** "YYYY-MM-DDTHH:mm" as is; an ISO 8601 instant with an offset, as wall time in the row's zone. */
const OFFSET_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function scheduledLocalOf(value: string, timeZone: string): string {
  if (!OFFSET_PATTERN.test(value)) return value;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? value : instantToZonedLocal(instant, timeZone);
}

/** Where each form path of a problem lands: its column's header. */
type PathColumns = Map<string, string>;

interface Built {
  values: TaskFormValues;
  problems: CellProblem[];
  paths: PathColumns;
}

/** The row's cells read into the composer's values; names resolved, unknown ones reported. */
function buildValues(
  cells: readonly string[],
  columns: readonly Column[],
  row: number,
  clientToken: string,
  context: RowContext,
): Built {
  const problems: CellProblem[] = [];
  const paths: PathColumns = new Map();
  const plain = new Map<PlainColumn, { value: string; header: string }>();
  const values = emptyTask({
    instanceId: context.instanceId,
    timeZone: context.timeZone,
    clientToken,
  });
  const given: TaskFormValues["templateFields"] = {};
  const fieldColumns: { name: string; header: string; value: string }[] = [];
  for (const column of columns) {
    const value = cells[column.index] ?? "";
    if (column.kind === "plain")
      plain.set(column.name, { value: value.trim(), header: column.header });
    else if (column.kind === "reference" && value !== "") {
      paths.set(`references.${values.references.length}`, column.header);
      values.references.push({ name: column.name, type: column.type, value });
    } else if (column.kind === "attribute" && value !== "") {
      paths.set(`attributes.${values.attributes.length}`, column.header);
      values.attributes.push({ key: column.key, value });
    } else if (column.kind === "field") {
      paths.set(`templateFields.${column.name}`, column.header);
      fieldColumns.push({ name: column.name, header: column.header, value });
    }
  }
  const cell = (name: PlainColumn) => plain.get(name)?.value ?? "";
  const at = (name: PlainColumn, path: string) => {
    const header = plain.get(name)?.header;
    if (header) paths.set(path, header);
  };
  const fail = (name: PlainColumn | null, message: string) =>
    problems.push({ row, column: name ? (plain.get(name)?.header ?? name) : null, message });

  values.name = cell("name");
  values.description = cell("description");
  at("name", "name");
  at("description", "description");
  at("client_token", "clientToken");
  if (cell("client_token")) values.clientToken = cell("client_token");
  at("time_zone", "timeZone");
  if (cell("time_zone")) values.timeZone = cell("time_zone");
  at("scheduled_at", "scheduledLocal");
  at("scheduled_at", "scheduleMode");
  if (cell("scheduled_at")) {
    if (!context.canSchedule) fail("scheduled_at", SCHEDULE_FORBIDDEN_MESSAGE);
    values.scheduleMode = "later";
    values.scheduledLocal = scheduledLocalOf(cell("scheduled_at"), values.timeZone);
  }
  at("expiry_minutes", "expiryAmount");
  values.expiryAmount = cell("expiry_minutes");
  values.expiryUnit = "minutes";
  at("created_by", "createdByArn");
  if (cell("created_by")) {
    const agent = resolveAgent(context.lookups.agents, cell("created_by"));
    if (agent.ok) values.createdByArn = agent.id;
    else fail("created_by", agent.message);
  }
  const previous = cell("previous_contact_id");
  const related = cell("related_contact_id");
  if (previous && related)
    fail("related_contact_id", "Give previous_contact_id or related_contact_id, not both.");
  else if (previous || related) {
    values.linkKind = previous ? "previous" : "related";
    values.linkedContactId = previous || related;
    at(previous ? "previous_contact_id" : "related_contact_id", "linkedContactId");
  }

  routeValues(values, { cell, at, fail }, context);
  if (values.routingKind === "template") {
    const template = context.lookups.templateDefinitions.get(values.taskTemplateId);
    const fields = new Map(template?.fields.map((field) => [field.name, field]));
    for (const column of fieldColumns) {
      const field = fields.get(column.name);
      if (template && !field)
        fail(null, `The template has no field "${column.name}" (column "${column.header}").`);
      else if (field && !isReferenceField(field))
        fail(
          null,
          `Template field "${column.name}" is the task's own ${field.type.toLowerCase()}: use its column.`,
        );
      else if (field && column.value !== "")
        given[column.name] = { type: field.type, value: column.value };
    }
    if (template) values.templateFields = templateFieldValues(template, given, values.timeZone);
  } else {
    for (const column of fieldColumns) {
      if (column.value !== "")
        problems.push({
          row,
          column: column.header,
          message: "A template field needs a template in this row.",
        });
    }
  }
  return { values, problems, paths };
}

interface CellAccess {
  cell: (name: PlainColumn) => string;
  at: (name: PlainColumn, path: string) => void;
  fail: (name: PlainColumn | null, message: string) => void;
}

/** flow / quick_connect / template: one of them, or a flowless template with its companion. */
function routeValues(values: TaskFormValues, { cell, at, fail }: CellAccess, context: RowContext) {
  const { lookups } = context;
  const flow = cell("flow");
  const quickConnect = cell("quick_connect");
  const template = cell("template");
  at("flow", "contactFlowId");
  at("quick_connect", "quickConnectId");
  at("template", "taskTemplateId");
  const given = [flow, quickConnect, template].filter(Boolean).length;
  if (given === 0 || (!template && given > 1) || given > 2) {
    fail(null, ROUTING_MESSAGE);
    return;
  }
  if (template) {
    values.routingKind = "template";
    const resolved = resolveByNameOrId(lookups.templates, template, "template");
    if (!resolved.ok) return fail("template", resolved.message);
    values.taskTemplateId = resolved.id;
    if (!lookups.templateDefinitions.has(resolved.id))
      fail("template", "The template could not be read from Amazon Connect.");
  } else values.routingKind = flow ? "flow" : "quickConnect";
  if (flow) {
    const resolved = resolveByNameOrId(lookups.flows, flow, "flow");
    if (resolved.ok) values.contactFlowId = resolved.id;
    else fail("flow", resolved.message);
  }
  if (quickConnect) {
    const usable = lookups.quickConnects.filter((choice) => choice.isUsableForTasks);
    const resolved = resolveByNameOrId(usable, quickConnect, "quick connect for tasks");
    if (resolved.ok) values.quickConnectId = resolved.id;
    else fail("quick_connect", resolved.message);
  }
}

/** The column a schema path lands at: the longest mapped prefix of the path. */
function columnOf(path: string, paths: PathColumns): string | null {
  const parts = path.split(".");
  for (let length = parts.length; length > 0; length -= 1) {
    const header = paths.get(parts.slice(0, length).join("."));
    if (header) return header;
  }
  return null;
}

export type CheckedRow =
  | { row: number; ok: true; values: TaskFormValues }
  | { row: number; ok: false; problems: CellProblem[] };

/** One row through the same checks as the composer's submit. */
export function checkRow(
  cells: readonly string[],
  columns: readonly Column[],
  row: number,
  clientToken: string,
  context: RowContext,
): CheckedRow {
  const { values, problems, paths } = buildValues(cells, columns, row, clientToken, context);
  const parsed = context.schema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join(".");
      problems.push({ row, column: columnOf(path, paths), message: issue.message });
    }
  }
  const template =
    values.routingKind === "template"
      ? context.lookups.templateDefinitions.get(values.taskTemplateId)
      : undefined;
  if (template) {
    for (const problem of templateProblems(values, template)) {
      const column = columnOf(problem.path, paths);
      const field = /^templateFields\.(.+)\.value$/.exec(problem.path)?.[1];
      const message =
        !column && field
          ? `${problem.message} (field "${field}": add a field:${field} column)`
          : problem.message;
      problems.push({ row, column, message });
    }
  }
  if (problems.length > 0) return { row, ok: false, problems: dedupe(problems) };
  return { row, ok: true, values };
}

function dedupe(problems: CellProblem[]): CellProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.column}\u0000${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
