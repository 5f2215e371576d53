import "server-only";

import { headers } from "next/headers";

import { serverEnv } from "@/lib/env";
import { type Role, isRole } from "@/lib/permissions";
import type { AuditActor } from "@/lib/server/audit/store";
import { getDb } from "@/lib/server/db";

import { getAuth } from "./index";
import { readSession } from "./session-read";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionId: string;
}

/**
 * The signed-in user of this request, read from the database every time (no cookie cache), so a
 * revoked session, a ban or a role change counts at the next request. A user whose role is not
 * one of ours counts as signed out. The common case skips Better Auth's endpoint pipeline
 * (session-read.ts); every other goes through its getSession.
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  const [auth, db] = await Promise.all([getAuth(), getDb()]);
  const result = await readSession(auth, db, await headers());
  if (!result) return null;
  const { user, session } = result;
  if (user.banned || !isRole(user.role)) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    sessionId: session.id,
  };
}

/** The request's actor for the audit trail (the IP only from the trusted header). */
export async function requestActor(user: SessionUser | null): Promise<AuditActor> {
  const requestHeaders = await headers();
  const ipHeader = serverEnv().TRUSTED_IP_HEADER;
  return {
    id: user?.id ?? null,
    email: user?.email ?? null,
    role: user?.role ?? null,
    ipAddress: ipHeader ? (requestHeaders.get(ipHeader)?.split(",").at(-1)?.trim() ?? null) : null,
    userAgent: requestHeaders.get("user-agent"),
  };
}
