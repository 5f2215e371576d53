import "server-only";

import { sql } from "drizzle-orm";
import type { Logger } from "pino";

import { type ServerEnv, serverEnv } from "@/lib/env";
import { getAuth } from "@/lib/server/auth";
import {
  DemoAccountsError,
  ensureAdminEmail,
  refuseOpenDemoAccounts,
  seedDemoUsers,
} from "@/lib/server/auth/seed";
import { resumeRunningBulkJobs } from "@/lib/server/bulk/jobs";
import { connectSettings } from "@/lib/server/connect/client";
import { openConsoleDatabase } from "@/lib/server/db";
import { getJobEngine, startJobWorkers } from "@/lib/server/jobs/engine";
import { log } from "@/lib/server/log";
import { queueRelease } from "@/lib/server/tasks/release";
import { queueTopUp } from "@/lib/server/tasks/series-topup";

/**
 * Runs once when a console process starts: open the database (applying migrations), then, in demo
 * mode, create one user per role, or else refuse a database whose demo accounts still open with
 * their published passwords; then the ADMIN_EMAIL account; then this process's background job
 * workers (lib/server/jobs/engine.ts), unless JOB_WORKERS=0. Says what it runs against (database
 * kind, migrations, Connect mode and Region), never with what credentials.
 */
export async function startConsole(
  logger: Logger = log.child({ module: "startup" }),
  readEnv: () => ServerEnv = serverEnv,
): Promise<void> {
  try {
    const env = readEnv();
    const { db, kind } = await openConsoleDatabase();
    // Both drivers (node-postgres, PGlite) return raw rows under `rows`.
    const { rows } = (await db.execute<{ applied: number }>(
      sql`select count(*)::int as applied from drizzle.__drizzle_migrations`,
    )) as { rows: { applied: number }[] };
    logger.info({ database: kind, migrations: rows[0]?.applied ?? 0 }, "database ready");
    logger.info(
      { ...connectSettings(), instances: env.CONNECT_INSTANCE_ID },
      "Amazon Connect settings",
    );

    const auth = await getAuth();
    if (env.DEMO_USERS) await seedDemoUsers(auth, db, logger);
    else await refuseOpenDemoAccounts(auth, db);
    await ensureAdminEmail(
      auth,
      db,
      { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD, name: env.ADMIN_NAME },
      logger,
    );
    if (env.JOB_WORKERS > 0) await startJobWorkers();
    else logger.info("JOB_WORKERS=0: this process runs no background jobs (npm run worker does)");
    // Jobs that were running when the console last stopped go on (any process's workers take them).
    const resumed = await resumeRunningBulkJobs(db);
    if (resumed > 0) logger.info({ resumedBulkJobs: resumed }, "bulk jobs resumed");
    // The held tasks' release job, waiting in the engine's table (a no-op when one already is).
    const engine = await getJobEngine();
    await queueRelease(engine);
    // And the series' top-up (a no-op when one already waits).
    await queueTopUp(engine);
    if (!env.TRUSTED_IP_HEADER) {
      logger.warn(
        "TRUSTED_IP_HEADER is not set: sign-in attempts are limited per account only, not per client IP.",
      );
    }
  } catch (error) {
    // The reason is in the message itself, for whoever reads only that.
    const reason = error instanceof Error ? error.message : String(error);
    logger.fatal(
      {
        err: error,
        ...(error instanceof DemoAccountsError ? { demoAccounts: error.emails } : {}),
      },
      `console start failed: ${reason}`,
    );
    throw error;
  }
}
