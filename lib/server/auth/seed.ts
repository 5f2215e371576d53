import "server-only";

import { and, count, eq, inArray } from "drizzle-orm";
import type { Logger } from "pino";

import { DEMO_ACCOUNT_LIST } from "@/lib/demo-accounts";
import type { Role } from "@/lib/permissions";
import { recordAuditEvent } from "@/lib/server/audit/store";
import type { Database } from "@/lib/server/db";
import { account as accountTable, user as userTable } from "@/lib/server/db/schema";
import { MIN_PASSWORD_LENGTH } from "@/lib/users/limits";

import type { ConsoleAuth } from "./auth";

const SYSTEM = { id: null, email: "system", role: null };

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

/**
 * ADMIN_EMAIL / ADMIN_PASSWORD: the account is created as an administrator when no account has
 * that email, whatever other administrators exist (a demo or earlier admin must not silently
 * stand in for the operator's). An existing account is never changed. Every branch logs one line
 * saying what it did.
 */
export async function ensureAdminEmail(
  auth: ConsoleAuth,
  db: Database,
  admin: { email?: string | undefined; password?: string | undefined; name: string },
  logger: Logger,
): Promise<void> {
  if (!admin.email) {
    const [row] = await db
      .select({ admins: count() })
      .from(userTable)
      .where(eq(userTable.role, "admin"));
    const admins = row?.admins ?? 0;
    if (admins === 0) {
      logger.warn(
        { adminEmail: "unset", administrators: 0 },
        "No administrator exists yet: set ADMIN_EMAIL and ADMIN_PASSWORD and restart to create one.",
      );
    } else {
      logger.info(
        { adminEmail: "unset", administrators: admins },
        `ADMIN_EMAIL is not set; ${admins} administrator account(s) exist.`,
      );
    }
    return;
  }
  const email = admin.email.toLowerCase();
  const [existing] = await db
    .select({ role: userTable.role })
    .from(userTable)
    .where(eq(userTable.email, email));
  if (existing) {
    if (existing.role === "admin") {
      logger.info({ adminEmail: "exists", email }, `ADMIN_EMAIL ${email} exists; left unchanged.`);
    } else {
      logger.warn(
        { adminEmail: "exists", email, role: existing.role },
        `ADMIN_EMAIL ${email} exists with the role ${existing.role ?? "none"}, not admin; left unchanged (an administrator can change its role under Users).`,
      );
    }
    return;
  }
  if (!admin.password) {
    logger.warn(
      { adminEmail: "not_created", email },
      `ADMIN_EMAIL ${email} has no account and ADMIN_PASSWORD is not set: no administrator was created.`,
    );
    return;
  }
  await createIfMissing(auth, db, {
    email,
    password: admin.password,
    name: admin.name,
    role: "admin",
  });
  logger.info(
    { adminEmail: "created", email },
    `Created the administrator ${email} (ADMIN_EMAIL).`,
  );
}

export async function seedDemoUsers(
  auth: ConsoleAuth,
  db: Database,
  logger: Logger,
): Promise<void> {
  for (const account of DEMO_ACCOUNT_LIST) await createIfMissing(auth, db, account);
  // The passwords are published (README.md) but still never written to the log.
  logger.info(
    { demoUsers: DEMO_ACCOUNT_LIST.map((a) => a.email) },
    `Demo users, one per role (passwords in README.md): ${DEMO_ACCOUNT_LIST.map((a) => a.email).join(", ")}`,
  );
}

/** Demo accounts that would still let anyone in: present, not disabled, published password. */
export async function findOpenDemoAccounts(
  auth: ConsoleAuth,
  db: Database,
  now = new Date(),
): Promise<string[]> {
  const rows = await db
    .select({
      email: userTable.email,
      banned: userTable.banned,
      banExpires: userTable.banExpires,
      hash: accountTable.password,
    })
    .from(userTable)
    .innerJoin(
      accountTable,
      and(eq(accountTable.userId, userTable.id), eq(accountTable.providerId, "credential")),
    )
    .where(
      inArray(
        userTable.email,
        DEMO_ACCOUNT_LIST.map((demo) => demo.email),
      ),
    );
  // Better Auth's own verification, so whatever hash it chose is read the way it signs in.
  const { password } = await auth.$context;
  const open: string[] = [];
  for (const demo of DEMO_ACCOUNT_LIST) {
    const row = rows.find((candidate) => candidate.email === demo.email);
    if (!row?.hash) continue;
    // A ban counts until it lapses (Better Auth lifts an expired one at the next sign-in).
    const isBanned = row.banned === true && (!row.banExpires || row.banExpires > now);
    if (isBanned) continue;
    if (await password.verify({ hash: row.hash, password: demo.password })) open.push(demo.email);
  }
  return open;
}

export class DemoAccountsError extends Error {
  override name = "DemoAccountsError";
  constructor(readonly emails: string[]) {
    super(
      `Refusing to start: the demo accounts ${emails.join(", ")} exist in this database with the ` +
        "passwords published in README.md, and DEMO_USERS is off. This is demo data: for " +
        "production, point DATA_DIR or DATABASE_URL at another database, or delete the demo " +
        "data (npm run demo keeps its own in .data/demo). To keep this database, start it once " +
        "with DEMO_USERS=1 and disable those accounts under Users.",
    );
  }
}

/** Outside demo mode, a database where the published demo passwords still work is refused. */
export async function refuseOpenDemoAccounts(auth: ConsoleAuth, db: Database): Promise<void> {
  const open = await findOpenDemoAccounts(auth, db);
  if (open.length > 0) throw new DemoAccountsError(open);
}
