import "server-only";

import { createHash } from "node:crypto";

import { type DestinationStream, type LevelWithSilent, type Logger, pino } from "pino";

import { logLevel } from "@/lib/env";

/**
 * The console's structured log (SECURITY.md promise 13): one JSON object per line on stdout, for
 * whatever collects the process's output. JSON keeps user text harmless: a newline in a task name
 * is written as `\n` inside a string, so no one can start a line of their own.
 *
 * What is logged is chosen at each call (ids, names, codes, durations; never a request body or
 * a form's input). Redaction is the second line: a secret that slips into a logged object under
 * one of these keys, up to four levels deep, is replaced before the line is written.
 */
const SECRET_KEYS = [
  // Accounts and sessions
  "password",
  "newPassword",
  "currentPassword",
  "token",
  "sessionToken",
  "sessionId",
  "accessToken",
  "refreshToken",
  "idToken",
  "secret",
  "apiKey",
  "cookie",
  "Cookie",
  "set-cookie",
  "authorization",
  "Authorization",
  "proxy-authorization",
  // AWS credentials (the SDK's names, the environment's, and the signed request's header)
  "credentials",
  "accessKeyId",
  "secretAccessKey",
  "x-amz-security-token",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  // Configuration that is or contains a secret (a database URL may carry its password)
  "BETTER_AUTH_SECRET",
  "ADMIN_PASSWORD",
  "DATABASE_URL",
  "databaseUrl",
  "connectionString",
];
// ClientToken is deliberately absent: it is an idempotency key, not a secret, and the audit
// trail already shows it; a log line that names it can be matched to that record.

/** Redaction paths have no "any depth" wildcard, so each key is listed at depths 0-4. */
const DEPTHS = ["", "*.", "*.*.", "*.*.*.", "*.*.*.*."];
export const REDACTED_PATHS = SECRET_KEYS.flatMap((key) =>
  DEPTHS.map((prefix) =>
    /^[A-Za-z_$][\w$]*$/.test(key)
      ? `${prefix}${key}`
      : `${prefix.replace(/\.$/, "")}[${JSON.stringify(key)}]`,
  ),
);
export const REDACTED = "[redacted]";

/** A logger with the console's settings, writing to `destination` (stdout by default). */
export function createLogger(
  options: { level: LevelWithSilent },
  destination: DestinationStream = pino.destination({ dest: 1, sync: true }),
): Logger {
  return pino(
    {
      level: options.level,
      redact: { paths: REDACTED_PATHS, censor: REDACTED },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/**
 * The process's logger. Modules take a child: `const connectLog = log.child({ module: "connect" })`.
 * Tests run with LOG_LEVEL=silent (vitest.config.ts).
 */
export const log = createLogger({ level: logLevel() });

/**
 * A stable short digest, to follow one account across lines (sign-in failures, lockouts) without
 * writing its email address into the log.
 */
export function fingerprint(value: string): string {
  return createHash("sha256").update(value.trim().toLowerCase()).digest("hex").slice(0, 16);
}
