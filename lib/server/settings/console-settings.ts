import "server-only";

/**
 * What the settings page may show about the console's own storage and sign-in limits. Built from
 * the validated environment; a database URL is reduced to its host and database name here, so its
 * user name and password cannot reach a page by mistake.
 */
import path from "node:path";

import type { ServerEnv } from "@/lib/env";

export type DataStore =
  { kind: "embedded"; folder: string } | { kind: "postgres"; host: string; database: string };

export interface SignInProtection {
  /** The header trusted for the client IP; null means limits apply per account only. */
  trustedIpHeader: string | null;
  maxFailures: number;
  windowSeconds: number;
}

export function describeDataStore(
  env: Pick<ServerEnv, "DATABASE_URL" | "DATA_DIR">,
  cwd = process.cwd(),
): DataStore {
  if (!env.DATABASE_URL) {
    // The embedded server's cluster, as lib/server/db/index.ts starts it (db-server/embedded.ts).
    return { kind: "embedded", folder: path.resolve(cwd, env.DATA_DIR, "postgres") };
  }
  const url = new URL(env.DATABASE_URL);
  // libpq also accepts the host (e.g. a Unix socket folder) as a query parameter.
  const socket = url.searchParams.get("host");
  const host = url.hostname
    ? `${url.hostname}${url.port ? `:${url.port}` : ""}`
    : socket
      ? `local socket ${socket}`
      : "localhost";
  const database = decodeURIComponent(url.pathname.replace(/^\//, "")) || "(server default)";
  return { kind: "postgres", host, database };
}

export function describeSignInProtection(
  env: Pick<ServerEnv, "TRUSTED_IP_HEADER" | "SIGN_IN_MAX_FAILURES" | "SIGN_IN_WINDOW_SECONDS">,
): SignInProtection {
  return {
    trustedIpHeader: env.TRUSTED_IP_HEADER ?? null,
    maxFailures: env.SIGN_IN_MAX_FAILURES,
    windowSeconds: env.SIGN_IN_WINDOW_SECONDS,
  };
}
