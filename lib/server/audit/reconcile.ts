import "server-only";

import type { StartTaskContactCommandInput } from "@aws-sdk/client-connect";
import { and, eq } from "drizzle-orm";

import type { Database } from "@/lib/server/db";
import { auditEvent } from "@/lib/server/db/schema";
import { ConnectError } from "@/lib/server/connect/errors";
import { type StartedTask, startTaskContact } from "@/lib/server/connect/tasks";

import { reconcileAfterMs } from "@/lib/server/connect/client";

import { type AuditScope, TASK_START_ACTION, findAuditEvent } from "./query";
import { REDACTED, redact } from "./redact";

export { TASK_START_ACTION };
export const INTERRUPTED = "INTERRUPTED";

/** A reconcile that cannot go ahead (unknown row, already completed, too recent). */
export class ReconcileRefusal extends Error {
  override name = "ReconcileRefusal";
  constructor(
    readonly code: "NOT_FOUND" | "CONFLICT",
    message: string,
  ) {
    super(message);
  }
}

export type ReconcileResult =
  | {
      eventId: string;
      action: string;
      resolution: "replayed";
      outcome: "success";
      contactId: string;
      clientToken: string;
      awsRequestId: string | null;
      attempts: number | null;
      message: string;
    }
  | {
      eventId: string;
      action: string;
      resolution: "replayed" | "interrupted";
      outcome: "failure";
      contactId: null;
      clientToken: string | null;
      errorName: string;
      errorMessage: string;
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
 * Errors where Connect looked at the request and said no: the original call cannot have created
 * a task either (with the same ClientToken Connect would have answered with it), so the attempt
 * failed. Any other error (throttled, unreachable, credentials, access) says nothing about the
 * original call, and the row stays pending for a later try.
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

/**
 * The recorded request as StartTaskContact input again. The audit store keeps JSON, so a Date
 * (ScheduledTime) came back as an ISO string; InstanceId and ClientToken come from the row's own
 * columns, which are what the interrupted call used.
 */
function replayInput(
  request: Record<string, unknown>,
  instanceId: string,
  clientToken: string,
): StartTaskContactCommandInput & { ClientToken: string } {
  const input: Record<string, unknown> = {
    ...request,
    InstanceId: instanceId,
    ClientToken: clientToken,
  };
  const scheduled = request.ScheduledTime;
  if (typeof scheduled === "string" || typeof scheduled === "number") {
    input.ScheduledTime = new Date(scheduled);
  }
  return input as unknown as StartTaskContactCommandInput & { ClientToken: string };
}

/**
 * Settles one pending audit row left by an interrupted call (the process died or lost the answer
 * between writing the row and completing it).
 * - `task.start` with instance, ClientToken and request: StartTaskContact is sent again with the
 *   recorded request and the SAME ClientToken, so Connect returns the task the interrupted call
 *   created, or creates it now, exactly once. The row becomes success (ContactId) or failure.
 * - anything else: nothing can be replayed, the row becomes failure "INTERRUPTED".
 */
export async function reconcilePendingEvent(
  db: Database,
  id: string,
  options: ReconcileOptions,
): Promise<ReconcileResult> {
  const now = options.now ?? new Date();
  const row = await findAuditEvent(db, id, options.scope);
  if (!row) throw new ReconcileRefusal("NOT_FOUND", "No such audit entry.");
  if (row.outcome !== "pending") {
    throw new ReconcileRefusal("CONFLICT", `This entry is already completed (${row.outcome}).`);
  }
  if (now.getTime() - row.occurredAt.getTime() < reconcileAfterMs()) {
    throw new ReconcileRefusal(
      "CONFLICT",
      "This entry is less than 2 minutes old; its call may still be running. Try again later.",
    );
  }

  const base = { eventId: row.id, action: row.action, clientToken: row.clientToken };
  const request = row.request;
  const isReplayable =
    row.action === TASK_START_ACTION &&
    row.instanceId !== null &&
    row.clientToken !== null &&
    request !== null &&
    typeof request === "object" &&
    !Array.isArray(request);

  let result: ReconcileResult;
  if (!isReplayable) {
    result = {
      ...base,
      resolution: "interrupted",
      outcome: "failure",
      contactId: null,
      errorName: INTERRUPTED,
      errorMessage:
        "The call was interrupted before its outcome was recorded. Nothing was replayed: this " +
        "entry has no recorded Amazon Connect request to send again. Check its target by hand.",
      awsRequestId: null,
      attempts: null,
      message: "Marked as interrupted (failure); nothing was sent to Amazon Connect.",
    };
  } else if (containsRedacted(request)) {
    // Sending "[redacted]" in place of the real values would create a different task.
    result = {
      ...base,
      resolution: "interrupted",
      outcome: "failure",
      contactId: null,
      errorName: INTERRUPTED,
      errorMessage:
        "The call was interrupted and its recorded request has redacted values, so it cannot be " +
        `replayed exactly. Look for a task with ClientToken ${row.clientToken} in Amazon Connect.`,
      awsRequestId: null,
      attempts: null,
      message: "Marked as interrupted (failure): the recorded request cannot be replayed exactly.",
    };
  } else {
    const startTask = options.startTask ?? startTaskContact;
    const input = replayInput(
      request as Record<string, unknown>,
      row.instanceId!,
      row.clientToken!,
    );
    try {
      const started = await startTask(input);
      result = {
        ...base,
        clientToken: input.ClientToken,
        resolution: "replayed",
        outcome: "success",
        contactId: started.contactId,
        awsRequestId: started.requestId,
        attempts: started.attempts,
        message: `Replayed with the same ClientToken: task ${started.contactId}.`,
      };
    } catch (error) {
      if (!(error instanceof ConnectError) || !CONCLUSIVE.has(error.code)) throw error;
      result = {
        ...base,
        resolution: "replayed",
        outcome: "failure",
        contactId: null,
        errorName: error.awsName,
        errorMessage: error.message,
        awsRequestId: error.requestId ?? null,
        attempts: error.attempts ?? null,
        message: `Replayed with the same ClientToken; Amazon Connect refused it: ${error.message}`,
      };
    }
  }

  const detail = {
    ...(row.detail && typeof row.detail === "object" && !Array.isArray(row.detail)
      ? row.detail
      : row.detail === null
        ? {}
        : { previous: row.detail }),
    reconciled: { by: options.reconciledBy, at: now.toISOString(), resolution: result.resolution },
  };
  // Only a row that is still pending is completed: if two people reconcile at once, the replays
  // return the same task (same ClientToken) and the first to finish writes the row.
  const updated = await db
    .update(auditEvent)
    .set({
      outcome: result.outcome,
      completedAt: now,
      contactId: result.contactId,
      detail: redact(detail),
      errorName: result.outcome === "failure" ? result.errorName : null,
      errorMessage: result.outcome === "failure" ? result.errorMessage : null,
      awsRequestId: result.awsRequestId,
      attempts: result.attempts,
    })
    .where(and(eq(auditEvent.id, row.id), eq(auditEvent.outcome, "pending")))
    .returning({ id: auditEvent.id });
  if (updated.length === 0) {
    throw new ReconcileRefusal("CONFLICT", "Someone else completed this entry meanwhile.");
  }
  return result;
}
