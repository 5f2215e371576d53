import "server-only";

import { eq } from "drizzle-orm";

import { ROLES, type Role } from "@/lib/permissions";
import { MIN_PASSWORD_LENGTH } from "@/lib/schemas/users";
import { recordAuditEvent } from "@/lib/server/audit/store";
import type { Database } from "@/lib/server/db";
import { user as userTable } from "@/lib/server/db/schema";

import type { ConsoleAuth } from "./auth";

const SYSTEM = { id: null, email: "system", role: null };

/** Demo accounts: published on purpose, created only when DEMO_USERS is on. */
export const DEMO_ACCOUNTS: { role: Role; email: string; password: string; name: string }[] =
  ROLES.map((role) => ({
    role,
    email: `${role}@demo.example`,
    password: `${role}-demo-password`,
    name: `Demo ${role}`,
  }));

async function createIfMissing(
  auth: ConsoleAuth,
  db: Database,
  account: { email: string; password: string; name: string; role: Role },
): Promise<boolean> {
  if (account.password.length < MIN_PASSWORD_LENGTH) {
    // Better Auth's createUser does not apply minPasswordLength itself.
    throw new Error(
      `The password for ${account.email} must be at least ${MIN_PASSWORD_LENGTH} characters.`,
    );
  }
  const existing = await db
    .select({ id: userTable.id })
    .from(userTable)
    .where(eq(userTable.email, account.email.toLowerCase()));
  if (existing.length > 0) return false;
  // Called without request headers: Better Auth's server-only path, no admin session needed.
  const created = await auth.api.createUser({
    body: {
      email: account.email,
      password: account.password,
      name: account.name,
      role: account.role,
    },
  });
  await recordAuditEvent(db, {
    action: "user.create",
    outcome: "success",
    actor: SYSTEM,
    targetId: created.user.id,
    detail: { email: account.email, role: account.role, source: "startup" },
  });
  return true;
}

/** The first administrator, from ADMIN_EMAIL / ADMIN_PASSWORD, when no administrator exists yet. */
export async function ensureFirstAdmin(
  auth: ConsoleAuth,
  db: Database,
  admin: { email?: string | undefined; password?: string | undefined; name: string },
  log: (line: string) => void,
): Promise<void> {
  const admins = await db
    .select({ id: userTable.id })
    .from(userTable)
    .where(eq(userTable.role, "admin"))
    .limit(1);
  if (admins.length > 0) return;
  if (!admin.email || !admin.password) {
    log(
      "No administrator exists yet: set ADMIN_EMAIL and ADMIN_PASSWORD and restart to create one.",
    );
    return;
  }
  if (
    await createIfMissing(auth, db, {
      email: admin.email,
      password: admin.password,
      name: admin.name,
      role: "admin",
    })
  ) {
    log(`Created the first administrator: ${admin.email}`);
  }
}

export async function seedDemoUsers(
  auth: ConsoleAuth,
  db: Database,
  log: (line: string) => void,
): Promise<void> {
  for (const account of DEMO_ACCOUNTS) await createIfMissing(auth, db, account);
  // The passwords are published (README.md) but still never written to the log.
  log(
    `Demo users, one per role (passwords in README.md): ${DEMO_ACCOUNTS.map((a) => a.email).join(", ")}`,
  );
}
