/**
 * What a user of the console does in the fault soak: start a task from a fresh draft, retry
 * with the same draft (and so the same ClientToken) while the answer says to try again, and
 * at the end reconcile the attempts the audit trail still shows as unsettled.
 */
import { type AuditRow, auditRowsFromCsv } from "./soak-invariants";
import { listBuiltActions } from "../e2e/security/build-inventory";
import { type ActionTarget, callAction } from "../test-support/action-client";

export function builtAction(label: string): ActionTarget {
  const action = listBuiltActions().find((candidate) => candidate.label === label);
  if (!action) throw new Error(`${label} is not in the build`);
  return action;
}

/**
 * Answers after which a user tries again with the same draft: Connect busy, unreachable, slow,
 * or an outcome the console could not learn (whatever the console names it), the console's own
 * sign-in rate limit, and an error page or no answer at all.
 */
const RETRY_CODE =
  /^(?:CONNECT_(?:THROTTLED|UNAVAILABLE|TIMEOUT|UNKNOWN\w*)|RATE_LIMITED|\w*UNKNOWN\w*)$/;
export const MAX_TRIES = 10;
const backoffMs = (tries: number) => Math.min(5_000, 250 * 2 ** tries);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface SubmitOutcome {
  name: string;
  clientToken: string;
  /** How the last answer ended: "success", "refused <code>" or "gave up <reason>". */
  end: string;
  contactId: string | null;
  /** One reason per retried answer. */
  retries: string[];
}

export interface SoakUser {
  email: string;
  cookie: string;
}

interface Actions {
  discardDraft: ActionTarget;
  startTask: ActionTarget;
}

/** A fresh draft's values: the server makes the ClientToken, as "New task" does. */
async function newDraft(base: string, actions: Actions, user: SoakUser) {
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const answer = await callAction(base, actions.discardDraft, [{ timeZone: "UTC" }], {
      cookie: user.cookie,
    }).catch(() => null);
    const data = answer?.result?.ok ? (answer.result.data as { values?: unknown }) : null;
    if (data?.values && typeof data.values === "object")
      return data.values as Record<string, unknown>;
    await pause(backoffMs(tries));
  }
  throw new Error(`${user.email} could not start a draft`);
}

export async function submitTask(
  base: string,
  actions: Actions,
  user: SoakUser,
  task: { name: string; contactFlowId: string },
): Promise<SubmitOutcome> {
  const draft = await newDraft(base, actions, user);
  const values: Record<string, unknown> = { ...draft, ...task, routingKind: "flow" };
  const clientToken = String(values.clientToken);
  const retries: string[] = [];
  const outcome = (end: string, contactId: string | null = null): SubmitOutcome => ({
    name: task.name,
    clientToken,
    end,
    contactId,
    retries,
  });
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    let reason: string;
    try {
      const answer = await callAction(base, actions.startTask, [values], { cookie: user.cookie });
      const result = answer.result;
      if (answer.status >= 500) reason = `HTTP ${answer.status}`;
      else if (!result) reason = `HTTP ${answer.status} without a result`;
      else if (result.ok) {
        const data = result.data as { contactId?: string; clientToken?: string };
        if (data.clientToken !== clientToken)
          return outcome(`refused: answered for token ${data.clientToken}`);
        return outcome("success", data.contactId ?? null);
      } else if (result.code && RETRY_CODE.test(result.code)) reason = result.code;
      else return outcome(`refused ${result.code ?? "?"}: ${result.formError ?? ""}`);
    } catch (error) {
      reason = `no answer (${(error as Error).name})`;
    }
    retries.push(reason);
    await pause(backoffMs(tries));
  }
  return outcome(`gave up after ${MAX_TRIES} tries (${retries.at(-1)})`);
}

export async function exportAudit(base: string, cookie: string, query = ""): Promise<AuditRow[]> {
  const response = await fetch(`${base}/api/audit/export${query ? `?${query}` : ""}`, {
    headers: { cookie },
  });
  const text = await response.text();
  if (response.status !== 200)
    throw new Error(`Audit export: HTTP ${response.status} ${text.slice(0, 200)}`);
  if (response.headers.get("x-audit-export-truncated"))
    throw new Error("The audit export was truncated; the soak needs every row");
  return auditRowsFromCsv(text);
}

export interface ReconcileFigures {
  calls: number;
  settled: number;
  tooRecent: number;
  otherAnswers: Record<string, number>;
}

/**
 * Reconciles every task.start row the trail still shows as pending or unknown, asking again
 * while the console says a row is too recent (its call may still be running), until none is
 * left or the patience runs out (the rows then fail the soak's invariants).
 */
export async function reconcileUnsettled(
  base: string,
  reconcile: ActionTarget,
  cookie: string,
  patienceMs = 5 * 60_000,
): Promise<ReconcileFigures> {
  const figures: ReconcileFigures = { calls: 0, settled: 0, tooRecent: 0, otherAnswers: {} };
  const deadline = Date.now() + patienceMs;
  for (;;) {
    const unsettled = (await exportAudit(base, cookie, "action=task.start")).filter(
      (row) => row.outcome === "pending" || row.outcome === "unknown",
    );
    if (unsettled.length === 0 || Date.now() > deadline) return figures;
    for (const row of unsettled) {
      figures.calls += 1;
      const answer = await callAction(base, reconcile, [{ id: row.id }], { cookie }).catch(
        () => null,
      );
      const result = answer?.result;
      if (result?.ok) figures.settled += 1;
      else if (result?.code === "CONFLICT" && /old|recent|later/i.test(result.formError ?? ""))
        figures.tooRecent += 1;
      else {
        const key = result
          ? `${result.code}: ${result.formError}`
          : `HTTP ${answer?.status ?? "none"}`;
        figures.otherAnswers[key] = (figures.otherAnswers[key] ?? 0) + 1;
      }
    }
    await pause(5_000);
  }
}
