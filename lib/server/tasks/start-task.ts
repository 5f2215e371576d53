import "server-only";

/**
 * Starting one task (StartTaskContact), as every entry point runs it: the composer's action
 * today, a bulk import or a scheduled release next. Shaped like reschedule and cancel
 * (manage.ts): it takes parsed values and who asks, decides, calls the adapter once, and answers
 * in the console's own terms; it needs no Next request, so a job can call it.
 *
 * In order, each step only once: the role may schedule, the instance is configured, the template
 * (read from Connect) fits the values (lib/task/template-rules.ts), the request is mapped once
 * and recorded (the caller's `beginAttempt`) while the record of earlier attempts with this
 * ClientToken is asked (start-attempts.ts), then Connect; its refusals are put at the fields
 * they concern (connect-error-fields.ts).
 */
import {
  isConfiguredInstance,
  scheduleHorizonSeconds,
  scheduleMaxSeconds,
  serverEnv,
} from "@/lib/env";
import { AppError, connectCode } from "@/lib/errors";
import { type Role, hasPermission } from "@/lib/permissions";
import { redact } from "@/lib/server/audit/redact";
import type { AuditActor } from "@/lib/server/audit/store";
import { now } from "@/lib/server/clock";
import { getTaskTemplate } from "@/lib/server/connect/catalog";
import { ConnectError } from "@/lib/server/connect/errors";
import type { CallPriority } from "@/lib/server/connect/rate-budget";
import { startTaskContact, takeStartBudget } from "@/lib/server/connect/tasks";
import type { Database } from "@/lib/server/db";
import { log } from "@/lib/server/log";
import type { MarkPhase } from "@/lib/server/phases";
import { toStartTaskContactInput } from "@/lib/task/request";
import { type TaskValues, createTaskSchema } from "@/lib/task/schema";
import {
  TEMPLATE_MESSAGES,
  hasOwnFlow,
  templateFieldErrors,
  templateProblems,
} from "@/lib/task/template-rules";

import { connectErrorFields } from "./connect-error-fields";
import {
  type TokenHistory,
  type TokenKey,
  canonicalJson,
  historyOf,
  isTokenPossiblyForgotten,
  settleUnknownStarts,
  tokenAttempts,
} from "./start-attempts";

export const startLog = log.child({ module: "task.start" });

/**
 * The task schema with the console's clock and the configured horizon: what `values` passed.
 * With `canHold`, schedules up to SCHEDULE_MAX_DAYS pass (the composer: beyond the horizon the
 * task is held); without, only what Connect takes now (a bulk file's rows).
 */
export function serverTaskSchema({ canHold = false }: { canHold?: boolean } = {}) {
  return createTaskSchema({
    now,
    scheduleHorizonSeconds: scheduleHorizonSeconds(),
    ...(canHold ? { scheduleMaxSeconds: scheduleMaxSeconds() } : {}),
  });
}

export type StartTaskRequest = ReturnType<typeof toStartTaskContactInput>;

/** Who asks: the role decides what is allowed, the actor is who the record names. */
export interface StartRequester {
  actor: AuditActor;
  role: Role;
}

export interface StartTaskOptions {
  /**
   * Writes this attempt's pending audit row once its request is known, before Connect is asked,
   * and returns the row's id (the action wrapper's `beginAttempt`; a job, beginAuditAttempt).
   * Not called when the start is refused before anything is sent. The caller completes the row.
   */
  beginAttempt: (attempt: {
    instanceId: string;
    clientToken: string;
    request: StartTaskRequest;
  }) => Promise<string>;
  /** Ends a phase of the caller's timing line. */
  mark?: MarkPhase;
  /**
   * The Connect budget's priority of the start call: "interactive" (default, a person waits) or
   * "background" (a bulk job's rows, which leave the interactive reserve alone).
   */
  priority?: CallPriority;
}

export interface StartedTask {
  contactId: string;
  clientToken: string;
  /** AWS's request id and the SDK's attempts; null and 0 when answered from the record. */
  requestId: string | null;
  attempts: number | null;
  /** The earlier attempt whose task this is, when the record already knew the token. */
  answeredFromAuditEvent: string | null;
}

export const UNKNOWN_OUTCOME_MESSAGE =
  "Outcome unknown: Amazon Connect did not confirm whether the task was created.";

/** A Connect failure in the console's terms: its message, at the field it concerns. */
function asAppError(error: unknown, values: TaskValues): never {
  if (!(error instanceof ConnectError)) throw error;
  if (error.isOutcomeUnknown) {
    // The draft and its token stay as they are: the retry is how the outcome is learnt.
    throw new AppError(connectCode(error.code), { message: UNKNOWN_OUTCOME_MESSAGE, cause: error });
  }
  const fieldErrors = connectErrorFields(error, values, serverEnv().MAX_LINKED_TASKS);
  // Busy, whether Connect or the console's own pacing said so: the vocabulary's one text.
  const message = error.code === "THROTTLED" ? {} : { message: error.message };
  throw new AppError(connectCode(error.code), { ...message, fieldErrors, cause: error });
}

/** What the requester and the configuration allow, before anything is read or sent. */
export function checkAllowed(who: StartRequester, values: TaskValues): void {
  if (values.scheduleMode === "later" && !hasPermission(who.role, "task.schedule")) {
    throw new AppError("FORBIDDEN", {
      message: "Your role cannot schedule tasks; start it now instead.",
      fieldErrors: { scheduleMode: ["Your role cannot schedule tasks."] },
    });
  }
  if (!isConfiguredInstance(values.instanceId)) {
    throw new AppError("INVALID_INPUT", {
      message: "Choose one of the configured instances.",
      fieldErrors: { instanceId: ["This instance is not configured in the console."] },
    });
  }
}

/**
 * The request, mapped once. With a template, its rules are checked against the template as
 * Connect describes it now, and its own flow decides whether a flow or quick connect is sent.
 */
async function buildRequest(values: TaskValues): Promise<StartTaskRequest> {
  if (values.routingKind !== "template") return toStartTaskContactInput(values);
  let template;
  try {
    template = await getTaskTemplate(values.instanceId, values.taskTemplateId);
  } catch (error) {
    asAppError(error, values);
  }
  const problems = templateProblems(values, template);
  if (problems.length > 0)
    throw new AppError("INVALID_INPUT", {
      message: TEMPLATE_MESSAGES.form,
      fieldErrors: templateFieldErrors(problems),
    });
  return toStartTaskContactInput(values, { templateHasFlow: hasOwnFlow(template) });
}

/**
 * What the record already knows about this ClientToken, before Connect is asked: a task it
 * created (answered as is, when the request is the same), or an attempt with an unknown outcome
 * older than the window in which Connect is assumed to remember the token (refused: sending it
 * again could create a second task).
 */
function answerFromRecord(
  history: TokenHistory,
  request: StartTaskRequest,
): { contactId: string; auditId: string } | null {
  if (history.success) {
    const recorded = JSON.parse(JSON.stringify(redact(request))) as unknown;
    if (canonicalJson(history.success.request) === canonicalJson(recorded)) return history.success;
  }
  const windowMinutes = serverEnv().CONNECT_IDEMPOTENCY_WINDOW_MINUTES;
  if (
    !history.success &&
    history.oldestUnsettledAt &&
    isTokenPossiblyForgotten(history.oldestUnsettledAt)
  ) {
    throw new AppError("CONFLICT", {
      message:
        `This task was first sent more than ${windowMinutes} minutes ago and Amazon Connect never ` +
        "confirmed whether it created it. Look for it in Amazon Connect by its name; if it is not " +
        "there, start a new task (Advanced, New task).",
      fieldErrors: {
        clientToken: [
          "Amazon Connect may no longer remember this client token: sending it again could create a second task.",
        ],
      },
    });
  }
  return null;
}

/**
 * Earlier attempts with an unknown outcome were this task: Connect answers a repeated token with
 * the task it made the first time. Only asked when the record showed such attempts (the common
 * first try skips the write); a failure here cannot undo the start, so it is logged.
 */
async function settleEarlierAttempts(
  db: Database,
  key: TokenKey,
  settledBy: { auditId: string; contactId: string },
): Promise<void> {
  try {
    const settled = await settleUnknownStarts(db, key, settledBy);
    if (settled > 0)
      startLog.info({ auditId: settledBy.auditId, settled }, "earlier unknown attempts settled");
  } catch (error) {
    startLog.error({ auditId: settledBy.auditId, err: error }, "settling earlier attempts failed");
  }
}

/**
 * Starts the task the values describe, or throws an AppError that says why not (at the
 * field it concerns). Asking again with the same ClientToken never makes a second task.
 */
export async function startTask(
  db: Database,
  who: StartRequester,
  values: TaskValues,
  options: StartTaskOptions,
): Promise<StartedTask> {
  const mark = options.mark ?? (() => {});
  checkAllowed(who, values);
  const request = await buildRequest(values);
  mark("checks");

  const key = { instanceId: values.instanceId, clientToken: values.clientToken };
  // None needs another (the history leaves this call's own row out, whichever is first), so on
  // a PostgreSQL server they run side by side: the audit row, the token's history and Connect's
  // budget cost one round trip before Connect is asked. The budget's token is spent even when
  // the record answers (a retry of a task already made): one token, for a rare case.
  const budget = takeStartBudget(options.priority);
  const [auditId, attempts] = await Promise.all([
    options.beginAttempt({ ...key, request }),
    tokenAttempts(db, key),
  ]);
  const history = historyOf(attempts, auditId);
  const known = answerFromRecord(history, request);
  mark("token history");

  let started: StartedTask;
  if (known) {
    started = {
      contactId: known.contactId,
      clientToken: values.clientToken,
      requestId: null,
      attempts: 0,
      answeredFromAuditEvent: known.auditId,
    };
  } else {
    try {
      const answer = await startTaskContact(request, { priority: options.priority, budget });
      started = { ...answer, clientToken: values.clientToken, answeredFromAuditEvent: null };
    } catch (error) {
      asAppError(error, values);
    }
    mark("connect");
  }
  if (history.oldestUnsettledAt) {
    await settleEarlierAttempts(db, key, { auditId, contactId: started.contactId });
    mark("settle");
  }
  return started;
}
