/**
 * Start-up and its accounts: demo data must never pass for production, and ADMIN_EMAIL is the
 * operator's account whatever else exists. Each start-up step's log line is read back.
 */
import { eq } from "drizzle-orm";
import type { Logger } from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { DEMO_ACCOUNT_LIST } from "@/lib/demo-accounts";
import { parseServerEnv } from "@/lib/env";
import type { OpenDatabase } from "@/lib/server/db/open";
import { account, user } from "@/lib/server/db/schema";
import { stopJobEngine } from "@/lib/server/jobs/engine";
import { createLogger } from "@/lib/server/log";
import { startConsole } from "@/lib/server/startup";
import { createTestAuth, createTestUser } from "@/test-support/auth";
import {
  DATABASE_BACKENDS,
  type TestDatabase,
  openTestDatabase,
} from "@/test-support/test-database";

import type { ConsoleAuth } from "./auth";
import { DemoAccountsError, ensureAdminEmail, findOpenDemoAccounts } from "./seed";

const ENV = vi.hoisted(() => {
  const env = {
    CONNECT_INSTANCE_ID: "seed-instance",
    BETTER_AUTH_SECRET: "seed-test-secret-3d7f1b9e5a2c8460",
    // No workers: the job engine has its own tests (lib/server/jobs/engine.test.ts).
    JOB_WORKERS: "0",
  };
  // The Connect settings line reads the process environment.
  Object.assign(process.env, env);
  return env;
});
const envWith = (extra: Record<string, string>) => () => parseServerEnv({ ...ENV, ...extra });
const DEMO_EMAILS = DEMO_ACCOUNT_LIST.map((demo) => demo.email);
const OPERATOR = { email: "Ops@Seed.example", password: "operator-password-1", name: "Ops" };

function captured(): { lines: () => Record<string, unknown>[]; logger: Logger } {
  const raw: string[] = [];
  return {
    lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>),
    logger: createLogger({ level: "info" }, { write: (line) => raw.push(line) }),
  };
}

describe.each(DATABASE_BACKENDS)("console start-up accounts on %s", (backend) => {
  let database: TestDatabase;
  let auth: ConsoleAuth;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    auth = createTestAuth(database.db);
    // The holders lib/server/db and lib/server/auth fill on first use in a real process.
    const holder = globalThis as unknown as {
      __consoleDb?: Promise<OpenDatabase>;
      __consoleAuth?: Promise<ConsoleAuth>;
    };
    holder.__consoleDb = Promise.resolve(database);
    holder.__consoleAuth = Promise.resolve(auth);
  });
  afterAll(async () => {
    // Start-up queues the held-task release, which opens the job engine on this database.
    await stopJobEngine(2_000);
    await database?.close();
  });

  const roleOf = async (email: string) => {
    const [row] = await database.db
      .select({ role: user.role })
      .from(user)
      .where(eq(user.email, email.toLowerCase()));
    return row?.role ?? null;
  };

  it("on an empty database says how to create the first administrator, and that a password is missing", async () => {
    const { lines, logger } = captured();
    await ensureAdminEmail(auth, database.db, { name: "Administrator" }, logger);
    await ensureAdminEmail(auth, database.db, { email: OPERATOR.email, name: "Ops" }, logger);
    expect(lines()).toEqual([
      expect.objectContaining({
        level: 40,
        adminEmail: "unset",
        administrators: 0,
        msg: "No administrator exists yet: set ADMIN_EMAIL and ADMIN_PASSWORD and restart to create one.",
      }),
      expect.objectContaining({
        level: 40,
        adminEmail: "not_created",
        msg: "ADMIN_EMAIL ops@seed.example has no account and ADMIN_PASSWORD is not set: no administrator was created.",
      }),
    ]);
    expect(await roleOf(OPERATOR.email)).toBeNull();
  });

  it("seeds the demo accounts in demo mode and starts", async () => {
    const { lines, logger } = captured();
    await startConsole(logger, envWith({ DEMO_USERS: "1" }));
    expect(await findOpenDemoAccounts(auth, database.db)).toEqual(DEMO_EMAILS);
    const demoLine = lines().find((line) => line.demoUsers);
    expect(demoLine).toMatchObject({ level: 30, demoUsers: DEMO_EMAILS });
    expect(demoLine?.msg).toMatch(/^Demo users, one per role/);
    expect(lines().some((line) => line.level === 60)).toBe(false);
    expect(lines().map((line) => line.msg)).toContain(
      "JOB_WORKERS=0: this process runs no background jobs (npm run worker does)",
    );
  });

  it("refuses to start without demo mode while demo accounts keep their published passwords, naming them", async () => {
    const { lines, logger } = captured();
    const start = startConsole(logger, envWith({ DEMO_USERS: "0" }));
    await expect(start).rejects.toBeInstanceOf(DemoAccountsError);
    await expect(start).rejects.toThrow(
      /admin@demo\.example, supervisor@demo\.example, lead@demo\.example, support@demo\.example/,
    );
    const fatal = lines().find((line) => line.level === 60);
    expect(fatal).toMatchObject({ demoAccounts: DEMO_EMAILS });
    // The line alone says what is wrong and what to do.
    expect(fatal?.msg).toMatch(
      /^console start failed: Refusing to start: the demo accounts admin@demo/,
    );
    expect(fatal?.msg).toMatch(/DATA_DIR or DATABASE_URL/);
    expect(fatal?.msg).toMatch(/delete the demo data/);
  });

  it("starts once each demo account's password was changed or the account is disabled", async () => {
    const { password } = await auth.$context;
    const idOf = async (email: string) =>
      (await database.db.select({ id: user.id }).from(user).where(eq(user.email, email)))[0]!.id;
    for (const email of ["admin@demo.example", "supervisor@demo.example"]) {
      await database.db
        .update(account)
        .set({ password: await password.hash("a-new-private-password") })
        .where(eq(account.userId, await idOf(email)));
    }
    await database.db.update(user).set({ banned: true }).where(eq(user.email, "lead@demo.example"));
    // A ban that has lapsed no longer protects anything.
    await database.db
      .update(user)
      .set({ banned: true, banExpires: new Date(Date.now() - 60_000) })
      .where(eq(user.email, "support@demo.example"));
    expect(await findOpenDemoAccounts(auth, database.db)).toEqual(["support@demo.example"]);
    await expect(startConsole(captured().logger, envWith({}))).rejects.toThrow(
      /the demo accounts support@demo\.example exist/,
    );

    await database.db
      .update(user)
      .set({ banExpires: null })
      .where(eq(user.email, "support@demo.example"));
    const { lines, logger } = captured();
    await startConsole(logger, envWith({}));
    expect(lines().some((line) => line.level === 60)).toBe(false);
  });

  it("creates the ADMIN_EMAIL administrator beside an existing one, then leaves it alone", async () => {
    expect(await roleOf("admin@demo.example")).toBe("admin");
    const first = captured();
    await startConsole(
      first.logger,
      envWith({ ADMIN_EMAIL: OPERATOR.email, ADMIN_PASSWORD: OPERATOR.password }),
    );
    expect(await roleOf(OPERATOR.email)).toBe("admin");
    expect(first.lines()).toContainEqual(
      expect.objectContaining({
        level: 30,
        adminEmail: "created",
        email: "ops@seed.example",
        msg: "Created the administrator ops@seed.example (ADMIN_EMAIL).",
      }),
    );

    const second = captured();
    await ensureAdminEmail(
      auth,
      database.db,
      { ...OPERATOR, password: "changed-1234567" },
      second.logger,
    );
    expect(second.lines()).toEqual([
      expect.objectContaining({
        level: 30,
        adminEmail: "exists",
        msg: "ADMIN_EMAIL ops@seed.example exists; left unchanged.",
      }),
    ]);
    // Left unchanged: the first password still signs in.
    const signedIn = await auth.api.signInEmail({
      body: { email: OPERATOR.email, password: OPERATOR.password },
    });
    expect(signedIn.user.email).toBe("ops@seed.example");
  });

  it("says the role of an existing ADMIN_EMAIL account that is not an administrator, and keeps it", async () => {
    const lead = await createTestUser(auth, "team-lead@seed.example", "lead");
    const { lines, logger } = captured();
    await ensureAdminEmail(
      auth,
      database.db,
      { email: lead.email, password: "x".repeat(12), name: "L" },
      logger,
    );
    expect(lines()).toEqual([
      expect.objectContaining({ level: 40, adminEmail: "exists", role: "lead" }),
    ]);
    expect(lines()[0]?.msg).toMatch(
      /^ADMIN_EMAIL team-lead@seed\.example exists with the role lead, not admin; left unchanged/,
    );
    expect(await roleOf(lead.email)).toBe("lead");
  });

  it("without ADMIN_EMAIL, says how many administrators exist", async () => {
    const { lines, logger } = captured();
    await ensureAdminEmail(auth, database.db, { name: "Administrator" }, logger);
    expect(lines()).toEqual([
      expect.objectContaining({
        level: 30,
        adminEmail: "unset",
        administrators: 2,
        msg: "ADMIN_EMAIL is not set; 2 administrator account(s) exist.",
      }),
    ]);
  });
});
