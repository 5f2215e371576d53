import "server-only";

import { headers } from "next/headers";

import { getAuth } from "@/lib/server/auth";
import type { SessionUser } from "@/lib/server/auth/session";
import type { Database } from "@/lib/server/db";

import type { AdminContext } from "./manage";

/** The acting administrator's context for a server action: their own headers carry the session. */
export async function adminContext(user: SessionUser, db: Database): Promise<AdminContext> {
  return { auth: await getAuth(), db, headers: await headers(), actorId: user.id };
}
