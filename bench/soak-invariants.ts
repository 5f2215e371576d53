/**
 * What the fault soak proves once every submission is over, checked against two independent
 * records: the local endpoint's own state (what Connect holds) and the console's audit trail
 * (what the console says happened). Pure functions, so each check is shown to fail on a bad
 * record in soak-invariants.test.ts.
 */
import type { State } from "../connect-local/src/state";
import { parseCsv } from "../test-support/csv";

export interface AuditRow {
  id: string;
  action: string;
  outcome: string;
  clientToken: string | null;
  contactId: string | null;
  errorName: string | null;
  /** The recorded StartTaskContact Name, when the row has a request. */
  requestName: string | null;
  /**
   * A success that another attempt of the same ClientToken made: a retry settled it
   * (detail.settled) or a reconcile matched it (detail.reconciled.resolution "matched"). Such a
   * row points at the task; it does not claim to have created it.
   */
  isSettledByAnother: boolean;
}

export interface Submission {
  name: string;
  clientToken: string;
}

export interface SoakRecord {
  instanceId: string;
  /** Every task name of this run starts with it: the run's tasks among everything in Connect. */
  namePrefix: string;
  submissions: Submission[];
  audit: AuditRow[];
  connect: State;
}

export interface Violation {
  invariant: string;
  detail: string;
}

export interface SoakCheck {
  tasksInConnect: number;
  duplicateNames: number;
  duplicateTokens: number;
  auditMatches: number;
  /** Failure rows of a refusal before any work whose token a later attempt used to create the task. */
  refusedThenRetried: number;
  violations: Violation[];
}

/** The audit CSV export as rows (columns by name, so a new column does not shift them). */
export function auditRowsFromCsv(csv: string): AuditRow[] {
  const [header, ...records] = parseCsv(csv.replace(/^\uFEFF/, ""));
  if (!header) return [];
  const at = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`The audit export has no ${name} column`);
    return index;
  };
  const columns = {
    id: at("event_id"),
    action: at("action"),
    outcome: at("outcome"),
    clientToken: at("client_token"),
    contactId: at("contact_id"),
    errorName: at("error_name"),
    request: at("request_json"),
    detail: at("detail_json"),
  };
  const orNull = (value: string | undefined) => (value ? value : null);
  return records
    .filter((record) => record.length > 1)
    .map((record) => {
      let requestName: string | null = null;
      const request = record[columns.request];
      if (request) {
        const parsed = JSON.parse(request) as { Name?: unknown } | null;
        if (typeof parsed?.Name === "string") requestName = parsed.Name;
      }
      const detail = record[columns.detail];
      return {
        isSettledByAnother: detail ? isSettledByAnother(JSON.parse(detail)) : false,
        id: record[columns.id] ?? "",
        action: record[columns.action] ?? "",
        outcome: record[columns.outcome] ?? "",
        clientToken: orNull(record[columns.clientToken]),
        contactId: orNull(record[columns.contactId]),
        errorName: orNull(record[columns.errorName]),
        requestName,
      };
    });
}

function isSettledByAnother(detail: unknown): boolean {
  if (!detail || typeof detail !== "object") return false;
  if ("settled" in detail) return true;
  const reconciled = (detail as { reconciled?: { resolution?: unknown } }).reconciled;
  return reconciled?.resolution === "matched";
}

const UNSETTLED = new Set(["pending", "unknown"]);
/**
 * Connect's rate refusals: the request is turned away before any work, so that attempt created
 * nothing, and a later attempt with the same token creating the task does not contradict the
 * row. Every other failure of a token that has a task does (a timeout, a reset, a 5xx: the
 * attempt's outcome was unknown, not failed).
 */
const REFUSED_BEFORE_WORK = new Set(["ThrottlingException", "TooManyRequestsException"]);

export function checkSoak(record: SoakRecord): SoakCheck {
  const violations: Violation[] = [];
  const fail = (invariant: string, detail: string) => violations.push({ invariant, detail });
  const runTokens = new Set(record.submissions.map((s) => s.clientToken));
  const nameOfToken = new Map(record.submissions.map((s) => [s.clientToken, s.name]));

  const tasks = Object.values(record.connect.contacts).filter(
    (contact) =>
      contact.Channel === "TASK" &&
      contact.InstanceId === record.instanceId &&
      (contact.Name ?? "").startsWith(record.namePrefix),
  );
  const taskIds = new Set(tasks.map((task) => task.Id));
  if (tasks.length !== record.submissions.length) {
    fail(
      "exactly one task per submission",
      `${tasks.length} tasks in Connect for ${record.submissions.length} submissions`,
    );
  }

  const byName = new Map<string, string[]>();
  for (const task of tasks)
    byName.set(task.Name ?? "", [...(byName.get(task.Name ?? "") ?? []), task.Id]);
  let duplicateNames = 0;
  for (const [name, ids] of byName) {
    if (ids.length < 2) continue;
    duplicateNames += ids.length - 1;
    fail("no two tasks with the same name", `${name}: ${ids.join(", ")}`);
  }

  // Connect keeps, per instance and token, the contact the token created: a task of the run that
  // no token of the run points at was created without the submission's token.
  const contactOfToken = new Map<string, string>();
  for (const [key, entry] of Object.entries(record.connect.clientTokens)) {
    const [instanceId, token] = key.split("\n");
    if (instanceId === record.instanceId && token && runTokens.has(token))
      contactOfToken.set(token, entry.contactId);
  }
  const tokenContacts = new Set(contactOfToken.values());
  let duplicateTokens = 0;
  for (const task of tasks) {
    if (tokenContacts.has(task.Id)) continue;
    duplicateTokens += 1;
    fail("every task carries its submission's ClientToken", `${task.Name} (${task.Id})`);
  }
  for (const [token, contactId] of contactOfToken) {
    const task = record.connect.contacts[contactId];
    if (task?.Name !== nameOfToken.get(token)) {
      fail(
        "a ClientToken names its own submission's task",
        `${token} → ${contactId} (${task?.Name ?? "missing"}), expected ${nameOfToken.get(token)}`,
      );
    }
  }

  const attempts = record.audit.filter(
    (row) =>
      row.action === "task.start" && row.clientToken !== null && runTokens.has(row.clientToken),
  );
  const successes = attempts.filter((row) => row.outcome === "success");
  const successContacts = new Map<string, AuditRow[]>();
  for (const row of successes) {
    if (!row.contactId || !taskIds.has(row.contactId)) {
      fail(
        "every success row's ContactId exists in Connect",
        `row ${row.id}: ${row.contactId ?? "none"}`,
      );
      continue;
    }
    successContacts.set(row.contactId, [...(successContacts.get(row.contactId) ?? []), row]);
  }
  let auditMatches = 0;
  for (const task of tasks) {
    const rows = successContacts.get(task.Id) ?? [];
    // Rows settled by another attempt point at the task too; exactly one row may claim it.
    const creators = rows.filter((row) => !row.isSettledByAnother);
    const tokens = new Set(rows.map((row) => row.clientToken));
    if (creators.length === 1 && tokens.size === 1) auditMatches += 1;
    else if (rows.length === 0)
      fail("every Connect task of the run has a success row", `${task.Name} (${task.Id})`);
    else
      fail(
        "one success row per task (the trail matches Connect one to one)",
        `${task.Name} (${task.Id}): ${creators.length} creating rows of ${rows.length} (${rows.map((r) => r.id).join(", ")}), ${tokens.size} token(s)`,
      );
  }

  for (const row of record.audit) {
    if (UNSETTLED.has(row.outcome))
      fail("no row left pending or unknown", `${row.action} row ${row.id} is ${row.outcome}`);
  }
  let refusedThenRetried = 0;
  for (const row of attempts) {
    if (row.outcome !== "failure") continue;
    const contactId = contactOfToken.get(row.clientToken ?? "");
    if (contactId && REFUSED_BEFORE_WORK.has(row.errorName ?? "")) refusedThenRetried += 1;
    else if (contactId) {
      fail(
        "no failure row whose ClientToken has a task in Connect",
        `row ${row.id} (${row.errorName ?? "no error name"}), token ${row.clientToken} → task ${contactId}`,
      );
    }
  }

  return {
    tasksInConnect: tasks.length,
    duplicateNames,
    duplicateTokens,
    auditMatches,
    refusedThenRetried,
    violations,
  };
}
