/**
 * The one wrapper every server action goes through: authorise (lib/server/auth/authorise.ts),
 * parse, run, audit, return a typed result, one timed log line (lib/server/timed-log.ts). An
 * expected failure thrown from `run` (an AppError, or a ConnectError from the adapter) becomes a
 * returned value in the vocabulary of lib/errors.ts; anything else is unexpected and rethrown.
 */
import "server-only";

import { type z } from "zod";

import { type ActionResult, AppError, logOutcomeOf, toFailure } from "@/lib/errors";
import type { Permission } from "@/lib/permissions";
import { afterResponse } from "@/lib/server/after-response";
import {
  type AttemptResult,
  type AuditActor,
  beginAuditAttempt,
  completeAuditAttempt,
} from "@/lib/server/audit/store";
import { authorise } from "@/lib/server/auth/authorise";
import type { SessionUser } from "@/lib/server/auth/session";
import { ConnectError, expectedErrorOf } from "@/lib/server/connect/errors";
import type { Database } from "@/lib/server/db";
import { describeUnexpected, log } from "@/lib/server/log";
import { type MarkPhase, startPhaseClock } from "@/lib/server/phases";
import { type CallRecord, withTimedLog } from "@/lib/server/timed-log";
import { UNSTORABLE_TEXT_MESSAGE, unstorableTextPath } from "@/lib/storable-text";

const actionLog = log.child({ module: "action" });

export interface ActionContext<I> {
  user: SessionUser;
  actor: AuditActor;
  input: I;
  db: Database;
  /** This call's own audit row (audit "attempt"), so `run` can tell it from earlier attempts. */
  auditId: string | null;
  /**
   * Audit "deferred-attempt": writes the pending row (`describe`'s fields and these) once `run`
   * knows what it will send; returns its id. Once per call.
   */
  beginAttempt: (description: AuditDescription) => Promise<string>;
  /** Ends a phase of this call's timing line (logged at debug level). */
  mark: MarkPhase;
}

export interface AuditDescription {
  targetId?: string | null;
  instanceId?: string | null;
  clientToken?: string | null;
  request?: unknown;
}

interface AuditSummary {
  targetId?: string | null;
  contactId?: string | null;
  detail?: unknown;
  awsRequestId?: string | null;
  attempts?: number | null;
}

export interface ActionSpec<S extends z.ZodType, T> {
  /** Audit action name, e.g. "user.create". */
  name: string;
  permission: Permission;
  input: S;
  /**
   * "attempt": a pending record before `run`, completed after (Connect mutations, user changes);
   * "deferred-attempt": the same, but `run` begins the record through `beginAttempt` once it
   * knows what it will send (the start-task service reads the template first); a refusal before
   * that is recorded as a failure with `describe`'s fields: nothing was sent.
   * "none": reads, which leave no record except when denied.
   */
  audit: "attempt" | "deferred-attempt" | "none";
  describe?: (input: z.output<S>) => AuditDescription;
  summarize?: (data: T) => AuditSummary;
  run: (context: ActionContext<z.output<S>>) => Promise<T>;
  /**
   * Clean-ups once `run` succeeded (forget the draft...). They run after the success is written
   * (in a request, both once the response is sent: lib/server/after-response.ts), so nothing they
   * do can lose it: an error here is logged and changes neither the result nor the audit row.
   */
  afterSuccess?: (context: ActionContext<z.output<S>>, data: T) => Promise<void>;
}

export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}

/** Form posts arrive as FormData; rich forms send plain objects. Both parse with the same schema. */
function normaliseInput(raw: unknown): unknown {
  if (raw instanceof FormData) {
    const entries = [...raw.entries()].filter(([key]) => !key.startsWith("$ACTION"));
    return Object.fromEntries(
      entries.map(([key, value]) => [key, typeof value === "string" ? value : value.name]),
    );
  }
  return raw;
}

/** What the exported action takes: its schema's input (a form post's FormData is parsed too). */
export type ActionInput<A> = A extends (input: infer I) => Promise<unknown> ? I : never;

const invalid = (fieldErrors: Record<string, string[]>) =>
  toFailure(new AppError("INVALID_INPUT", { fieldErrors }));

/**
 * Nothing runs for an anonymous caller or one without the permission, and both are recorded as
 * denied. The returned function takes the schema's input, so callers are type-checked; at run
 * time any value is parsed, since anyone can post anything to an action.
 */
export function defineAction<S extends z.ZodType, T>(
  spec: ActionSpec<S, T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  const perform = async (call: CallRecord, raw: unknown): Promise<ActionResult<T>> => {
    const access = await authorise(spec.permission, { action: spec.name });
    call.userId = access.user?.id;
    call.mark("session");
    if (!access.ok) return toFailure(access.error);
    const { user, actor, db } = access;

    const normalised = normaliseInput(raw);
    const unstorable = unstorableTextPath(normalised);
    if (unstorable !== null) return invalid({ [unstorable || "_form"]: [UNSTORABLE_TEXT_MESSAGE] });
    const parsed = spec.input.safeParse(normalised);
    if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
    const input = parsed.data;
    const { mark } = call;
    mark("parse");

    const context: ActionContext<z.output<S>> = {
      user,
      actor,
      input,
      db,
      auditId: null,
      beginAttempt: async (description) => {
        if (spec.audit === "none") throw new Error(`${spec.name} does not record attempts`);
        if (context.auditId) throw new Error(`${spec.name} began its attempt twice`);
        context.auditId = await beginAuditAttempt(db, {
          action: spec.name,
          actor,
          ...spec.describe?.(input),
          ...description,
        });
        mark("audit begin");
        return context.auditId;
      },
      mark,
    };
    if (spec.audit === "attempt") await context.beginAttempt({});
    let data: T;
    try {
      data = await spec.run(context);
      mark("run");
    } catch (error) {
      mark("run");
      const { auditId } = context;
      if (auditId) await completeAuditAttempt(db, auditId, attemptFailure(error));
      else if (spec.audit === "deferred-attempt") {
        const refused = await context.beginAttempt({});
        await completeAuditAttempt(db, refused, { ...attemptFailure(error), outcome: "failure" });
      }
      const expected = expectedErrorOf(error);
      if (!expected) throw error;
      // Refused before its row was begun: nothing was sent, so the outcome is known.
      const isRefusedEarly = spec.audit === "deferred-attempt" && !auditId;
      return toFailure(expected, { isOutcomeUnknown: !isRefusedEarly && outcomeIsUnknown(error) });
    }
    // The caller has its answer once `run` has it. The row's completion and the clean-ups are
    // written after the response is sent: the row was begun before Connect was asked, and one
    // the process never completes is settled by reconcile, like a call the process died in.
    await afterResponse(() => settleSuccess(context, data));
    return { ok: true, data };
  };

  /**
   * The success first: a clean-up that fails afterwards must never lose the ContactId. Nothing
   * here reaches the caller (it may already have its response): failures are logged.
   */
  const settleSuccess = async (context: ActionContext<z.output<S>>, data: T) => {
    const { auditId, db } = context;
    // Its own timing line: the call's was written with the response.
    const { mark, phases } = startPhaseClock();
    try {
      if (auditId) {
        const isCompleted = await completeAuditAttempt(db, auditId, {
          outcome: "success",
          ...spec.summarize?.(data),
        });
        if (!isCompleted)
          actionLog.warn(
            { action: spec.name, auditId },
            "audit row was settled before its call ended",
          );
        mark("audit complete");
      }
    } catch (error) {
      // Left pending: reconcile asks Connect about it once its call's deadline has passed.
      actionLog.error({ action: spec.name, auditId, err: error }, "completing the audit row failed");
      return;
    }
    if (spec.afterSuccess) {
      try {
        await spec.afterSuccess(context, data);
      } catch (error) {
        actionLog.error({ action: spec.name, err: error }, "clean-up after success failed");
      }
      mark("after success");
    }
    if (actionLog.isLevelEnabled("debug"))
      actionLog.debug({ action: spec.name, phases: phases() }, "action after response");
  };
  return withTimedLog("action", spec.name, perform, lineOf);
}

function lineOf(result: ActionResult<unknown>) {
  if (result.ok) return { outcome: "success" as const };
  return {
    outcome: logOutcomeOf(result.code, result.isOutcomeUnknown),
    fields: { errorCode: result.code },
  };
}

function connectErrorOf(error: unknown): ConnectError | undefined {
  if (error instanceof ConnectError) return error;
  return error instanceof AppError && error.cause instanceof ConnectError ? error.cause : undefined;
}

/**
 * Whether a failed `run` may still have changed something. A Connect failure says so itself
 * (ConnectError.isOutcomeUnknown); an AppError is an expected refusal; any other error is
 * unexpected, and the wrapper cannot tell whether the change was made.
 */
function outcomeIsUnknown(error: unknown): boolean {
  const connectError = connectErrorOf(error);
  if (connectError) return connectError.isOutcomeUnknown;
  return !(error instanceof AppError);
}

/**
 * The audit row of a failed `run`. An unexpected error is named by its class and code only: its
 * message may quote a query's values (customers' text, tokens).
 */
function attemptFailure(error: unknown): AttemptResult {
  const connectError = connectErrorOf(error);
  const outcome = outcomeIsUnknown(error) ? "unknown" : "failure";
  if (connectError) {
    return {
      outcome,
      errorName: connectError.awsName,
      errorMessage: connectError.message,
      awsRequestId: connectError.requestId ?? null,
      attempts: connectError.attempts ?? null,
    };
  }
  if (error instanceof AppError)
    return { outcome, errorName: error.code, errorMessage: error.message };
  const unexpected = describeUnexpected(error);
  return { outcome, errorName: unexpected.name, errorMessage: unexpected.message };
}
