/**
 * The one door of every request that needs a session: server actions (lib/server/action.ts),
 * route handlers (lib/server/route.ts) and pages (requirePageUser). Each asks `authorise` with
 * its permission and gets the user, or the refusal with the vocabulary's code (UNAUTHENTICATED
 * or FORBIDDEN, lib/errors.ts) after the refusal was written to the audit trail, the same way for
 * all three: outcome "denied", the code as error name, the permission needed in the detail
 * (denials are folded per client and minute, see recordAuditEvent).
 */
import "server-only";

import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";

import { AppError } from "@/lib/errors";
import { type Permission, hasPermission } from "@/lib/permissions";
import { type AuditActor, recordAuditEvent } from "@/lib/server/audit/store";
import { type Database, getDb } from "@/lib/server/db";

import { type SessionUser, getSessionUser, requestActor } from "./session";

export interface Authorised {
  ok: true;
  user: SessionUser;
  actor: AuditActor;
  db: Database;
}

export interface Refused {
  ok: false;
  /** The signed-in user who lacks the permission; null for a caller without a session. */
  user: SessionUser | null;
  error: AppError;
}

export interface DenialRecord {
  /** The audit action the denial is recorded under ("user.create", "page.view"...). */
  action: string;
  targetId?: string | null;
  /** False for pages: see requirePageUser. */
  isAnonymousRecorded?: boolean;
}

/** The caller of this request, if signed in with `permission` (any signed-in user for null). */
export async function authorise(
  permission: Permission | null,
  denial: DenialRecord,
): Promise<Authorised | Refused> {
  const db = await getDb();
  const user = await getSessionUser();
  const actor = await requestActor(user);
  if (user && (permission === null || hasPermission(user.role, permission)))
    return { ok: true, user, actor, db };
  const code = user ? "FORBIDDEN" : "UNAUTHENTICATED";
  if (user || denial.isAnonymousRecorded !== false) {
    await recordAuditEvent(db, {
      action: denial.action,
      outcome: "denied",
      actor,
      targetId: denial.targetId ?? null,
      errorName: code,
      ...(permission ? { detail: { requiredPermission: permission } } : {}),
    });
  }
  return {
    ok: false,
    user,
    error: new AppError(code, permission ? { requiredPermission: permission } : {}),
  };
}

/**
 * For pages: the signed-in user with the permission, or a redirect to sign-in / the 403 page.
 * A page opened without a session is not recorded: it is a visit to the sign-in page, and a
 * session that ran out would otherwise write a row for every page still open.
 */
export async function requirePageUser(permission?: Permission): Promise<SessionUser> {
  const path = (await headers()).get("x-console-path");
  const access = await authorise(permission ?? null, {
    action: "page.view",
    targetId: path,
    isAnonymousRecorded: false,
  });
  if (access.ok) return access.user;
  if (!access.user) redirect("/sign-in");
  forbidden();
}
