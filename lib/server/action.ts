import "server-only";

import { type z } from "zod";

import type { ActionFailure, ActionFailureCode, ActionResult } from "@/lib/action-result";
import { type Permission, hasPermission } from "@/lib/permissions";
import {
  type AttemptResult,
  type AuditActor,
  beginAuditAttempt,
  completeAuditAttempt,
  recordAuditEvent,
} from "@/lib/server/audit/store";
import { type SessionUser, getSessionUser, requestActor } from "@/lib/server/auth/session";
import { ConnectError } from "@/lib/server/connect/errors";
import { type Database, getDb } from "@/lib/server/db";
import { describeUnexpected, log } from "@/lib/server/log";
import { type MarkPhase, startPhaseClock } from "@/lib/server/phases";
import { UNSTORABLE_TEXT_MESSAGE, unstorableTextPath } from "@/lib/storable-text";

const actionLog = log.child({ module: "action" });

/** An expected failure thrown from inside `run`; the wrapper turns it into a returned value. */
export class ActionError extends Error {
  override name = "ActionError";
  constructor(
    readonly code: ActionFailureCode,
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
    /** The Connect failure behind it, so the audit record keeps AWS's name and request id. */
    readonly connectError?: ConnectError,
  ) {
    super(message);
  }
}

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
   * Clean-ups once `run` succeeded (forget the draft...). They run after the success is written,
   * so nothing they do can lose it: an error here is logged and changes neither the result nor
   * the audit row.
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

function failure(
  code: ActionFailureCode,
  formError: string,
  extra: Partial<ActionFailure> = {},
): ActionFailure {
  return { ok: false, code, formError, fieldErrors: {}, ...extra };
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

/**
 * The one wrapper every server action goes through: authenticate, authorise, parse, run, audit,
 * return a typed result. Nothing runs for an anonymous caller or one without the permission,
 * and both are recorded as denied. Each call writes one log line: name, outcome, duration, user
 * id and error code, never the input (it may hold passwords and customers' text).
 */
export function defineAction<S extends z.ZodType, T>(spec: ActionSpec<S, T>) {
  const perform = async (
    raw: unknown,
    caller: { id?: string },
    mark: MarkPhase,
  ): Promise<ActionResult<T>> => {
    const db = await getDb();
    const user = await getSessionUser();
    caller.id = user?.id;
    const actor = await requestActor(user);
    mark("session");
    if (!user || !hasPermission(user.role, spec.permission)) {
      const code = user ? "FORBIDDEN" : "UNAUTHENTICATED";
      await recordAuditEvent(db, { action: spec.name, outcome: "denied", actor, errorName: code });
      return failure(code, user ? "Your role does not allow this." : "Sign in to continue.", {
        requiredPermission: spec.permission,
      });
    }

    const normalised = normaliseInput(raw);
    const unstorable = unstorableTextPath(normalised);
    if (unstorable !== null) {
      return failure("INVALID_INPUT", "Some fields need attention.", {
        fieldErrors: { [unstorable || "_form"]: [UNSTORABLE_TEXT_MESSAGE] },
      });
    }
    const parsed = spec.input.safeParse(normalised);
    if (!parsed.success) {
      return failure("INVALID_INPUT", "Some fields need attention.", {
        fieldErrors: fieldErrorsOf(parsed.error),
      });
    }
    const input = parsed.data;
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
      // Refused before its row was begun: nothing was sent, so the outcome is known.
      const isRefusedEarly = spec.audit === "deferred-attempt" && !auditId;
      const isOutcomeUnknown = !isRefusedEarly && outcomeIsUnknown(error);
      const extra = isOutcomeUnknown ? { isOutcomeUnknown } : {};
      if (error instanceof ActionError)
        return failure(error.code, error.message, { fieldErrors: error.fieldErrors, ...extra });
      if (error instanceof ConnectError)
        return failure(`CONNECT_${error.code}`, error.message, extra);
      throw error;
    }
    // The success first: a clean-up that fails afterwards must never lose the ContactId.
    const { auditId } = context;
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
    if (spec.afterSuccess) {
      try {
        await spec.afterSuccess(context, data);
      } catch (error) {
        actionLog.error({ action: spec.name, err: error }, "clean-up after success failed");
      }
      mark("after success");
    }
    return { ok: true, data };
  };
  return async function action(raw: unknown): Promise<ActionResult<T>> {
    const startedAt = performance.now();
    const caller: { id?: string } = {};
    const clock = startPhaseClock();
    const line = () => ({
      action: spec.name,
      userId: caller.id ?? null,
      durationMs: Math.round(performance.now() - startedAt),
    });
    try {
      const result = await perform(raw, caller, clock.mark);
      if (actionLog.isLevelEnabled("debug"))
        actionLog.debug({ action: spec.name, phases: clock.phases() }, "action phases");
      if (result.ok) actionLog.info({ ...line(), outcome: "success" }, "action");
      else {
        const outcome = outcomeOf(result);
        const fields = { ...line(), outcome, errorCode: result.code };
        if (outcome === "invalid") actionLog.info(fields, "action");
        else actionLog.warn(fields, "action");
      }
      return result;
    } catch (error) {
      actionLog.error({ ...line(), outcome: "error", err: error }, "action");
      throw error;
    }
  };
}

function connectErrorOf(error: unknown): ConnectError | undefined {
  if (error instanceof ConnectError) return error;
  return error instanceof ActionError ? error.connectError : undefined;
}

/**
 * Whether a failed `run` may still have changed something. A Connect failure says so itself
 * (ConnectError.isOutcomeUnknown); an ActionError is an expected refusal; any other error is
 * unexpected, and the wrapper cannot tell whether the change was made.
 */
function outcomeIsUnknown(error: unknown): boolean {
  const connectError = connectErrorOf(error);
  if (connectError) return connectError.isOutcomeUnknown;
  return !(error instanceof ActionError);
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
  if (error instanceof ActionError)
    return { outcome, errorName: error.code, errorMessage: error.message };
  const unexpected = describeUnexpected(error);
  return { outcome, errorName: unexpected.name, errorMessage: unexpected.message };
}

function outcomeOf(result: ActionFailure): "denied" | "invalid" | "failure" | "unknown" {
  if (result.code === "UNAUTHENTICATED" || result.code === "FORBIDDEN") return "denied";
  if (result.code === "INVALID_INPUT") return "invalid";
  return result.isOutcomeUnknown ? "unknown" : "failure";
}
