import "server-only";

import { type z } from "zod";

import type { ActionFailure, ActionFailureCode, ActionResult } from "@/lib/action-result";
import { type Permission, hasPermission } from "@/lib/permissions";
import {
  type AuditActor,
  beginAuditAttempt,
  completeAuditAttempt,
  recordAuditEvent,
} from "@/lib/server/audit/store";
import { type SessionUser, getSessionUser, requestActor } from "@/lib/server/auth/session";
import { ConnectError } from "@/lib/server/connect/errors";
import { type Database, getDb } from "@/lib/server/db";
import { log } from "@/lib/server/log";

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
}

interface AuditDescription {
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
   * "none": reads, which leave no record except when denied.
   */
  audit: "attempt" | "none";
  describe?: (input: z.output<S>) => AuditDescription;
  summarize?: (data: T) => AuditSummary;
  run: (context: ActionContext<z.output<S>>) => Promise<T>;
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
  const perform = async (raw: unknown, caller: { id?: string }): Promise<ActionResult<T>> => {
    const db = await getDb();
    const user = await getSessionUser();
    caller.id = user?.id;
    const actor = await requestActor(user);
    if (!user || !hasPermission(user.role, spec.permission)) {
      const code = user ? "FORBIDDEN" : "UNAUTHENTICATED";
      await recordAuditEvent(db, { action: spec.name, outcome: "denied", actor, errorName: code });
      return failure(code, user ? "Your role does not allow this." : "Sign in to continue.", {
        requiredPermission: spec.permission,
      });
    }

    const parsed = spec.input.safeParse(normaliseInput(raw));
    if (!parsed.success) {
      return failure("INVALID_INPUT", "Some fields need attention.", {
        fieldErrors: fieldErrorsOf(parsed.error),
      });
    }
    const input = parsed.data;

    const auditId =
      spec.audit === "attempt"
        ? await beginAuditAttempt(db, { action: spec.name, actor, ...spec.describe?.(input) })
        : null;
    try {
      const data = await spec.run({ user, actor, input, db });
      if (auditId)
        await completeAuditAttempt(db, auditId, { outcome: "success", ...spec.summarize?.(data) });
      return { ok: true, data };
    } catch (error) {
      if (auditId) {
        const err = error instanceof Error ? error : new Error(String(error));
        const connectError =
          error instanceof ConnectError
            ? error
            : error instanceof ActionError
              ? error.connectError
              : undefined;
        await completeAuditAttempt(db, auditId, {
          outcome: "failure",
          errorName:
            connectError?.awsName ?? (error instanceof ActionError ? error.code : err.name),
          errorMessage: connectError?.message ?? err.message,
          awsRequestId: connectError?.requestId ?? null,
          attempts: connectError?.attempts ?? null,
        });
      }
      if (error instanceof ActionError)
        return failure(error.code, error.message, { fieldErrors: error.fieldErrors });
      if (error instanceof ConnectError) return failure(`CONNECT_${error.code}`, error.message);
      throw error;
    }
  };

  return async function action(raw: unknown): Promise<ActionResult<T>> {
    const startedAt = performance.now();
    const caller: { id?: string } = {};
    const line = () => ({
      action: spec.name,
      userId: caller.id ?? null,
      durationMs: Math.round(performance.now() - startedAt),
    });
    try {
      const result = await perform(raw, caller);
      if (result.ok) actionLog.info({ ...line(), outcome: "success" }, "action");
      else {
        const outcome = outcomeOf(result.code);
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

function outcomeOf(code: ActionFailureCode): "denied" | "invalid" | "failure" {
  if (code === "UNAUTHENTICATED" || code === "FORBIDDEN") return "denied";
  return code === "INVALID_INPUT" ? "invalid" : "failure";
}
