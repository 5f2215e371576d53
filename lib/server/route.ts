import "server-only";

import { type z } from "zod";

import { type Permission, hasPermission } from "@/lib/permissions";
import { type AuditActor, recordAuditEvent } from "@/lib/server/audit/store";
import { type SessionUser, getSessionUser, requestActor } from "@/lib/server/auth/session";
import { ConnectError } from "@/lib/server/connect/errors";
import { type Database, getDb } from "@/lib/server/db";
import { log } from "@/lib/server/log";
import { UNSTORABLE_TEXT_MESSAGE, unstorableTextPath } from "@/lib/storable-text";

import { fieldErrorsOf } from "./action";

const routeLog = log.child({ module: "route" });

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
  run: (context: RouteContext<z.output<S>>) => Promise<Response>;
}

const json = (status: number, body: unknown) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/**
 * The route-handler twin of defineAction: authenticate, authorise, parse the query, run. Reads
 * only; denied calls are recorded. Connect failures become a 502/503/429 with the coded error.
 * One log line per call, as for actions: name, outcome, status, duration, user id, error code.
 */
export function defineRoute<S extends z.ZodType>(spec: RouteSpec<S>) {
  const perform = async (request: Request, caller: { id?: string }): Promise<Response> => {
    const db = await getDb();
    const user = await getSessionUser();
    caller.id = user?.id;
    const actor = await requestActor(user);
    if (!user || !hasPermission(user.role, spec.permission)) {
      const code = user ? "FORBIDDEN" : "UNAUTHENTICATED";
      await recordAuditEvent(db, { action: spec.name, outcome: "denied", actor, errorName: code });
      return json(user ? 403 : 401, {
        ok: false,
        code,
        formError: user ? "Your role does not allow this." : "Sign in to continue.",
        requiredPermission: spec.permission,
      });
    }
    const params = Object.fromEntries(new URL(request.url).searchParams.entries());
    const unstorable = unstorableTextPath(params);
    if (unstorable !== null) {
      return json(400, {
        ok: false,
        code: "INVALID_INPUT",
        formError: "Invalid query.",
        fieldErrors: { [unstorable || "_form"]: [UNSTORABLE_TEXT_MESSAGE] },
      });
    }
    const parsed = spec.query.safeParse(params);
    if (!parsed.success) {
      return json(400, {
        ok: false,
        code: "INVALID_INPUT",
        formError: "Invalid query.",
        fieldErrors: fieldErrorsOf(parsed.error),
      });
    }
    try {
      return await spec.run({ request, user, actor, query: parsed.data, db });
    } catch (error) {
      if (error instanceof ConnectError) {
        const status = error.code === "THROTTLED" ? 429 : error.code === "NOT_FOUND" ? 404 : 502;
        return json(status, { ok: false, code: `CONNECT_${error.code}`, formError: error.message });
      }
      throw error;
    }
  };

  return async function handler(request: Request): Promise<Response> {
    const startedAt = performance.now();
    const caller: { id?: string } = {};
    const line = () => ({
      route: spec.name,
      userId: caller.id ?? null,
      durationMs: Math.round(performance.now() - startedAt),
    });
    try {
      const response = await perform(request, caller);
      const { status } = response;
      if (status < 400) routeLog.info({ ...line(), outcome: "success", status }, "route");
      else {
        const outcome =
          status === 400 ? "invalid" : status === 401 || status === 403 ? "denied" : "failure";
        const fields = { ...line(), outcome, status, errorCode: await errorCodeOf(response) };
        if (outcome === "invalid") routeLog.info(fields, "route");
        else routeLog.warn(fields, "route");
      }
      return response;
    } catch (error) {
      routeLog.error({ ...line(), outcome: "error", err: error }, "route");
      throw error;
    }
  };
}

/** The coded error of a JSON failure response, read from a clone so the body stays unread. */
async function errorCodeOf(response: Response): Promise<string | null> {
  if (!response.headers.get("content-type")?.includes("json")) return null;
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => null);
  const code = (body as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : null;
}
