/**
 * What `npm run demo` runs with, apart from its side effects (scripts/demo.ts), so it can be
 * tested. The demo keeps all of its data (console database, session secret, local Connect
 * state) in its own folder, never in production's default DATA_DIR: a production start on that
 * default must not find demo accounts with published passwords.
 */
import path from "node:path";

import { DEMO_IDS } from "../connect-local/seed/demo";
import { DEFAULT_DATA_DIR } from "../lib/env";

export const DEMO_DATA_DIR = path.join(DEFAULT_DATA_DIR, "demo");

export interface DemoPaths {
  /** The console's DATA_DIR in the demo (the embedded PostgreSQL in its postgres/ folder). */
  dataDir: string;
  authSecretFile: string;
  connectDataDir: string;
}

/** DEMO_DATA_DIR moves the whole demo; production's DATA_DIR is never read. */
export function demoPaths(env: Record<string, string | undefined>): DemoPaths {
  const dataDir = env.DEMO_DATA_DIR || DEMO_DATA_DIR;
  return {
    dataDir,
    authSecretFile: path.join(dataDir, "auth-secret"),
    connectDataDir: env.CONNECT_LOCAL_DATA_DIR || path.join(dataDir, "connect-local"),
  };
}

/** The variables the demo's console process gets on top of the caller's environment. */
export function demoConsoleEnv(
  env: Record<string, string | undefined>,
  settings: { connectUrl: string; authSecret: string; host: string; port: number },
): Record<string, string> {
  return {
    CONNECT_ENDPOINT: settings.connectUrl,
    CONNECT_INSTANCE_ID:
      env.CONNECT_INSTANCE_ID ?? [DEMO_IDS.instanceId, DEMO_IDS.secondInstanceId].join(","),
    AWS_REGION: env.AWS_REGION ?? "us-east-1",
    DATA_DIR: demoPaths(env).dataDir,
    // Set, so that a DATABASE_URL from the shell or .env.local (which Next reads only for
    // variables not already set) can never receive the demo accounts. Empty means the embedded
    // PostgreSQL server in DATA_DIR/postgres, which the console starts.
    DATABASE_URL: "",
    BETTER_AUTH_SECRET: settings.authSecret,
    APP_URL: env.APP_URL ?? `http://${settings.host}:${settings.port}`,
    // One user per role with published passwords (README.md; never logged).
    DEMO_USERS: env.DEMO_USERS ?? "1",
  };
}
