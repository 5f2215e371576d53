import "server-only";

/**
 * A task started by a job rather than a person (a bulk row, a held task's release): the
 * start-task service at background priority, audited as any start (a pending row before Connect
 * is asked, completed with the outcome), with the job's own detail naming where the task came
 * from. The job decides what an outcome means for its own rows; this says whether trying again
 * later could succeed.
 */
import { TASK_ACTIONS } from "@/lib/audit/trail";
import { AppError } from "@/lib/errors";
import { beginAuditAttempt, completeAuditAttempt } from "@/lib/server/audit/store";
import { ConnectError } from "@/lib/server/connect/errors";
import type { Database } from "@/lib/server/db";
import type { TaskValues } from "@/lib/task/schema";

import { type StartRequester, type StartedTask, startTask } from "./start-task";

export type BackgroundStart =
  | { ok: true; started: StartedTask; auditId: string | null }
  | {
      ok: false;
      error: AppError;
      auditId: string | null;
      connectError: ConnectError | null;
      /** Connect was busy or did not answer: the same token again may still succeed. */
      isRetryable: boolean;
      /** The refusal with its field messages, as one line for the job's results. */
      reason: string;
    };

function reasonOf(error: AppError): string {
  const fields = Object.entries(error.fieldErrors ?? {}).map(
    ([field, messages]) => `${field}: ${messages.join(" ")}`,
  );
  return [error.message, ...fields].join(" ");
}

export async function startInBackground(
  db: Database,
  who: StartRequester,
  values: TaskValues,
  detail: Record<string, unknown>,
): Promise<BackgroundStart> {
  let auditId: string | null = null;
  try {
    const started = await startTask(db, who, values, {
      priority: "background",
      beginAttempt: async (attempt) => {
        auditId = await beginAuditAttempt(db, {
          action: TASK_ACTIONS.start,
          actor: who.actor,
          ...attempt,
        });
        return auditId;
      },
    });
    if (auditId) {
      await completeAuditAttempt(db, auditId, {
        outcome: "success",
        contactId: started.contactId,
        awsRequestId: started.requestId,
        attempts: started.attempts,
        detail: started.answeredFromAuditEvent
          ? { ...detail, answeredFromAuditEvent: started.answeredFromAuditEvent }
          : detail,
      });
    }
    return { ok: true, started, auditId };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const connectError = error.cause instanceof ConnectError ? error.cause : null;
    if (auditId) {
      await completeAuditAttempt(db, auditId, {
        outcome: connectError?.isOutcomeUnknown ? "unknown" : "failure",
        errorName: connectError?.awsName ?? error.code,
        errorMessage: error.message,
        awsRequestId: connectError?.requestId ?? null,
        attempts: connectError?.attempts ?? null,
        detail,
      });
    }
    return {
      ok: false,
      error,
      auditId,
      connectError,
      isRetryable: Boolean(
        connectError && (connectError.isOutcomeUnknown || connectError.code === "THROTTLED"),
      ),
      reason: reasonOf(error),
    };
  }
}
