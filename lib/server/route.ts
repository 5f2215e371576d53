/**
 * The route-handler twin of defineAction: authorise (lib/server/auth/authorise.ts), parse the
 * query, run, one timed log line (lib/server/timed-log.ts). Reads only; denied calls are
 * recorded. An expected failure (an AppError, or a ConnectError from the adapter) is answered
 * with the action's failure body and the HTTP status the vocabulary gives its code
 * (lib/errors.ts); the status is decided nowhere else.
 */
import "server-only";

import { type z } from "zod";

import { AppError, type ErrorCode, ERRORS, logOutcomeOf, toFailure } from "@/lib/errors";
import type { Permission } from "@/lib/permissions";
import type { AuditActor } from "@/lib/server/audit/store";
import { authorise } from "@/lib/server/auth/authorise";
import type { SessionUser } from "@/lib/server/auth/session";
import { expectedErrorOf } from "@/lib/server/connect/errors";
import type { Database } from "@/lib/server/db";
import { type CallRecord, type LogLine, withTimedLog } from "@/lib/server/timed-log";
import { UNSTORABLE_TEXT_MESSAGE, unstorableTextPath } from "@/lib/storable-text";

import { fieldErrorsOf } from "./action";

export interface RouteContext<Q> {
  request: Request;
  user: SessionUser;
  actor: AuditActor;
  query: Q;
  db: Database;
}

export interface RouteSpec<S extends z.ZodType> {
  /** Audit action name for denied calls, e.g. "audit.export". */
  name: string;
  permission: Permission;
  /** Schema for the URL's search parameters (each read as a string). */
  query: S;
  /** Answers the request; an expected failure is thrown as an AppError, never answered here. */
  run: (context: RouteContext<z.output<S>>) => Promise<Response>;
}

/** The code of each failure response the wrapper made, for its log line. */
const codeOfResponse = new WeakMap<Response, ErrorCode>();

function failureResponse(error: AppError): Response {
  const response = Response.json(toFailure(error), {
    status: ERRORS[error.code].status,
    headers: { "Cache-Control": "no-store" },
  });
  codeOfResponse.set(response, error.code);
  return response;
}

const invalidQuery = (fieldErrors: Record<string, string[]>) =>
  failureResponse(new AppError("INVALID_INPUT", { message: "Invalid query.", fieldErrors }));

export function defineRoute<S extends z.ZodType>(spec: RouteSpec<S>) {
  const perform = async (call: CallRecord, request: Request): Promise<Response> => {
    const access = await authorise(spec.permission, { action: spec.name });
    call.userId = access.user?.id;
    if (!access.ok) return failureResponse(access.error);
    const { user, actor, db } = access;
    const params = Object.fromEntries(new URL(request.url).searchParams.entries());
    const unstorable = unstorableTextPath(params);
    if (unstorable !== null)
      return invalidQuery({ [unstorable || "_form"]: [UNSTORABLE_TEXT_MESSAGE] });
    const parsed = spec.query.safeParse(params);
    if (!parsed.success) return invalidQuery(fieldErrorsOf(parsed.error));
    try {
      return await spec.run({ request, user, actor, query: parsed.data, db });
    } catch (error) {
      const expected = expectedErrorOf(error);
      if (!expected) throw error;
      return failureResponse(expected);
    }
  };
  return withTimedLog("route", spec.name, perform, lineOf);
}

function lineOf(response: Response): LogLine {
  const { status } = response;
  if (status < 400) return { outcome: "success", fields: { status } };
  const code = codeOfResponse.get(response);
  return {
    // A failure `run` answered itself instead of throwing it has no code of ours.
    outcome: code ? logOutcomeOf(code) : "failure",
    fields: { status, errorCode: code ?? null },
  };
}
