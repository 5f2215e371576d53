import "server-only";

import { serverEnv } from "@/lib/env";
import { getAuth } from "@/lib/server/auth";
import { ensureFirstAdmin, seedDemoUsers } from "@/lib/server/auth/seed";
import { getDb } from "@/lib/server/db";

/**
 * Runs once when a console process starts: open the database (applying migrations), then create
 * the first administrator and, in demo mode, one user per role.
 */
export async function startConsole(log: (line: string) => void = console.log): Promise<void> {
  const env = serverEnv();
  const db = await getDb();
  const auth = await getAuth();
  if (env.DEMO_USERS) await seedDemoUsers(auth, db, log);
  await ensureFirstAdmin(
    auth,
    db,
    { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD, name: env.ADMIN_NAME },
    log,
  );
  if (!env.TRUSTED_IP_HEADER) {
    log(
      "TRUSTED_IP_HEADER is not set: sign-in attempts are limited per account only, not per client IP.",
    );
  }
}
