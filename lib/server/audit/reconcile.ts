import "server-only";

import type { StartTaskContactCommandInput } from "@aws-sdk/client-connect";
import { and, eq } from "drizzle-orm";

import { TASK_ACTIONS } from "@/lib/audit/trail";
import { isConfiguredInstance, serverEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { reconcileAfterMs } from "@/lib/server/connect/client";
import { ConnectError } from "@/lib/server/connect/errors";
import { type StartedTask, startTaskContact } from "@/lib/server/connect/tasks";
import type { Database } from "@/lib/server/db";
import { type AuditOutcome, auditEvent } from "@/lib/server/db/schema";
import { isTokenPossiblyForgotten, tokenHistory } from "@/lib/server/tasks/start-attempts";
import { parseRecordedStartRequest } from "@/lib/task/start-request";

import { AUDIT_LIMITS, boundJson, clipText, isTruncatedRecord } from "./bounds";
import { type AuditScope, findAuditEvent, isReconcilableKind } from "./query";
import { REDACTED, redact } from "./redact";

export const INTERRUPTED = "INTERRUPTED";

/**
 * How a row was settled: "matched" (another attempt with its ClientToken had succeeded),
 * "replayed" (its request was sent again with the same token), "interrupted" (nothing could be
 * sent: a pending row whose call is over without a recorded answer).
 */
export type ReconcileResult = {
  eventId: string;
  action: string;
  clientToken: string | null;
  resolution: "matched" | "replayed" | "interrupted";
  outcome: Exclude<AuditOutcome, "pending" | "denied">;
  contactId: string | null;
  errorName: string | null;
  errorMessage: string | null;
  awsRequestId: string | null;
  attempts: number | null;
  message: string;
};

export type StartTask = (
  input: StartTaskContactCommandInput & { ClientToken: string },
) => Promise<StartedTask>;

export interface ReconcileOptions {
  scope: AuditScope;
  /** Who reconciled, written into the row's detail. */
  reconciledBy: string;
  now?: Date;
  /** The Connect call; the real adapter unless a caller has reason to pass another. */
  startTask?: StartTask;
}

/**
 * Errors where Connect looked at the replayed request and said no. With the same ClientToken,
 * Connect would have answered with the task the original call created, so that call created
 * none either: the attempt failed. Throttling, access and anything unclear say nothing about
 * the original call; the row stays as it is for a later try.
 */
const CONCLUSIVE = new Set<ConnectError["code"]>([
  "NOT_FOUND",
  "INVALID_REQUEST",
  "INVALID_PARAMETER",
  "QUOTA_LINKED_TASKS",
  "QUOTA_ACTIVE_TASKS",
  "QUOTA_EXCEEDED",
  "IDEMPOTENCY_CONFLICT",
  "CONTACT_ENDED",
]);

function containsRedacted(value: unknown): boolean {
  if (value === REDACTED) return true;
  if (Array.isArray(value)) return value.some(containsRedacted);
  if (value && typeof value === "object") return Object.values(value).some(containsRedacted);
  return false;
}

type AuditRow = typeof auditEvent.$inferSelect;
type Replay =
  | { ok: true; input: StartTaskContactCommandInput & { ClientToken: string } }
  | { ok: false; why: string };

const lookItUp = (row: AuditRow) =>
  `Look the task up in Amazon Connect by its name or ClientToken ${row.clientToken ?? "(none)"}.`;

/**
 * The row's request, ready to be sent again exactly as the original call sent it, or why it
 * cannot be: InstanceId and ClientToken come from the row's own columns (what the call used).
 */
function replayOf(row: AuditRow, now: Date, oldestUnsettledAt: Date | null): Replay {
  const { request, instanceId, clientToken } = row;
  if (!instanceId || !clientToken || request === null)
    return { ok: false, why: "It has no recorded request to send again." };
  if (isTruncatedRecord(request))
    return {
      ok: false,
      why: "Its request was too large to keep whole, so it cannot be sent again.",
    };
  if (containsRedacted(request)) {
    return {
      ok: false,
      why: "Its recorded request has redacted values, so it cannot be sent again exactly.",
    };
  }
  if (!isConfiguredInstance(instanceId))
    return { ok: false, why: `Instance ${instanceId} is no longer configured in the console.` };
  const windowMinutes = serverEnv().CONNECT_IDEMPOTENCY_WINDOW_MINUTES;
  const firstSentAt = oldestUnsettledAt ?? row.occurredAt;
  if (isTokenPossiblyForgotten(firstSentAt, now)) {
    return {
      ok: false,
      why:
        `Its ClientToken was first sent more than ${windowMinutes} minutes ago; Amazon Connect ` +
        "may no longer remember it, and sending it again could create a second task.",
    };
  }
  const parsed = parseRecordedStartRequest({
    ...(request as object),
    InstanceId: instanceId,
    ClientToken: clientToken,
  });
  if (!parsed.ok) {
    return {
      ok: false,
      why: `Its recorded request is not one the console would send (${parsed.problems.slice(0, 3).join("; ")}).`,
    };
  }
  return parsed;
}

/** What a reconcile decides, before the row is written (no Connect call for a refusal). */
async function decide(
  db: Database,
  row: AuditRow,
  now: Date,
  startTask: StartTask,
): Promise<Omit<ReconcileResult, "eventId" | "action" | "clientToken">> {
  const none = {
    contactId: null,
    errorName: null,
    errorMessage: null,
    awsRequestId: null,
    attempts: null,
  };
  if (row.action !== TASK_ACTIONS.start) {
    return {
      ...none,
      resolution: "interrupted",
      outcome: "failure",
      errorName: INTERRUPTED,
      errorMessage:
        "The call was interrupted before its outcome was recorded. Nothing was replayed: this " +
        "entry has no recorded Amazon Connect request to send again. Check its target by hand.",
      message: "Marked as interrupted (failure); nothing was sent to Amazon Connect.",
    };
  }
  const history =
    row.instanceId && row.clientToken
      ? await tokenHistory(db, { instanceId: row.instanceId, clientToken: row.clientToken }, row.id)
      : { success: null, oldestUnsettledAt: null };
  if (history.success) {
    return {
      ...none,
      resolution: "matched",
      outcome: "success",
      contactId: history.success.contactId,
      message: `Another attempt with the same ClientToken created task ${history.success.contactId}; nothing was sent to Amazon Connect.`,
    };
  }
  const oldest = [history.oldestUnsettledAt, row.occurredAt]
    .filter((at): at is Date => at !== null)
    .sort((a, b) => a.getTime() - b.getTime())[0]!;
  const replay = replayOf(row, now, oldest);
  if (!replay.ok) {
    // An unknown row stays as it is; a pending one is over, with an outcome no one knows.
    if (row.outcome === "unknown")
      throw new AppError("CONFLICT", { message: `Not replayed. ${replay.why} ${lookItUp(row)}` });
    return {
      ...none,
      resolution: "interrupted",
      outcome: "unknown",
      errorName: INTERRUPTED,
      errorMessage: `The call was interrupted before its outcome was recorded, and it was not replayed. ${replay.why} ${lookItUp(row)}`,
      message: `Marked as interrupted (outcome unknown); nothing was sent. ${replay.why}`,
    };
  }
  try {
    const started = await startTask(replay.input);
    return {
      ...none,
      resolution: "replayed",
      outcome: "success",
      contactId: started.contactId,
      awsRequestId: started.requestId,
      attempts: started.attempts,
      message: `Replayed with the same ClientToken: task ${started.contactId}.`,
    };
  } catch (error) {
    if (!(error instanceof ConnectError) || error.isOutcomeUnknown || !CONCLUSIVE.has(error.code))
      throw error;
    return {
      ...none,
      resolution: "replayed",
      outcome: "failure",
      errorName: error.awsName,
      errorMessage: error.message,
      awsRequestId: error.requestId ?? null,
      attempts: error.attempts ?? null,
      message: `Replayed with the same ClientToken; Amazon Connect refused it: ${error.message}`,
    };
  }
}

/**
 * Settles one audit row whose outcome is not known: a pending row (the process died or lost the
 * answer between writing the row and completing it) or a task start with an unknown outcome.
 * Only once the row is older than the call's whole deadline plus a margin (its call cannot still
 * be running). For a task start, in this order:
 * - another attempt with the same instance and ClientToken succeeded: that is its task, and
 *   nothing is sent;
 * - otherwise its recorded request, checked again (request-shaped schema, configured instance,
 *   within the idempotency window), is sent with the SAME ClientToken, so Connect returns the
 *   task the original call created, or creates it now, exactly once;
 * - a request that cannot be sent again is refused with the reason (a pending row is marked
 *   interrupted with an unknown outcome).
 * Anything else pending is marked interrupted (failure): it has nothing to replay. The row is
 * written only if its outcome is still the one read: a row settled meanwhile is never overwritten.
 */
export async function reconcileAuditAttempt(
  db: Database,
  id: string,
  options: ReconcileOptions,
): Promise<ReconcileResult> {
  const now = options.now ?? new Date();
  const row = await findAuditEvent(db, id, options.scope);
  if (!row) throw new AppError("NOT_FOUND", { message: "No such audit entry." });
  if (!isReconcilableKind(row)) {
    throw new AppError("CONFLICT", {
      message:
        row.outcome === "unknown"
          ? "This entry's outcome is unknown and it has no Amazon Connect request that can be sent again; check its target by hand."
          : `This entry is already completed (${row.outcome}).`,
    });
  }
  const waitMs = reconcileAfterMs() - (now.getTime() - row.occurredAt.getTime());
  if (waitMs > 0) {
    throw new AppError("CONFLICT", {
      message: `This entry's call may still be running (its deadline has not passed); try again in ${Math.ceil(waitMs / 1000)} s.`,
    });
  }

  const decided = await decide(db, row, now, options.startTask ?? startTaskContact);
  const result: ReconcileResult = {
    eventId: row.id,
    action: row.action,
    clientToken: row.clientToken,
    ...decided,
  };
  const detail = {
    ...(row.detail && typeof row.detail === "object" && !Array.isArray(row.detail)
      ? row.detail
      : row.detail === null
        ? {}
        : { previous: row.detail }),
    reconciled: {
      by: options.reconciledBy,
      at: now.toISOString(),
      resolution: result.resolution,
      from: row.outcome,
    },
  };
  const updated = await db
    .update(auditEvent)
    .set({
      outcome: result.outcome,
      completedAt: now,
      contactId: result.contactId,
      detail: boundJson(redact(detail), AUDIT_LIMITS.detailBytes),
      // A row settled as a success keeps what its own attempt saw (e.g. its timeout).
      ...(result.outcome === "success"
        ? {}
        : {
            errorName: clipText(result.errorName, AUDIT_LIMITS.errorName),
            errorMessage: clipText(result.errorMessage, AUDIT_LIMITS.errorMessage),
          }),
      ...(result.resolution === "replayed"
        ? { awsRequestId: result.awsRequestId, attempts: result.attempts }
        : {}),
    })
    .where(and(eq(auditEvent.id, row.id), eq(auditEvent.outcome, row.outcome)))
    .returning({ id: auditEvent.id });
  if (updated.length === 0) {
    throw new AppError("CONFLICT", { message: "Someone else settled this entry meanwhile." });
  }
  return result;
}
