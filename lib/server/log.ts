import "server-only";

/**
 * The console's structured log (README.md, Security: the logs promise): one JSON object per line on
 * stdout, for whatever collects the process's output. JSON keeps user text harmless: a newline in a
 * task name is written as `\n` inside a string, so no one can start a line of their own.
 *
 * What is logged is chosen at each call (ids, names, codes, durations; never a request body or
 * a form's input). Redaction is the second line: a secret that slips into a logged object under
 * one of these keys, up to four levels deep, is replaced before the line is written.
 */
import { createHash } from "node:crypto";

import { type DestinationStream, type LevelWithSilent, type Logger, pino } from "pino";

import { logLevel } from "@/lib/env";

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

const SECRET_KEY_SET = new Set(SECRET_KEYS);
/** How deep a logged object is searched for secret keys: its own keys are depth 0. */
const REDACT_DEPTH = 4;

export const REDACTED = "[redacted]";

/** Objects written as they are, not as their keys: a date, a buffer, a URL, a typed array. */
const isOpaque = (value: object) =>
  typeof (value as { toJSON?: unknown }).toJSON === "function" || ArrayBuffer.isView(value);

/**
 * `value` with the value of every secret key (SECRET_KEYS) at depths 0-4 censored. Copy on write:
 * the caller's objects are never changed, and a line without secrets (nearly every line) is
 * walked once, with no copy. A copied object keeps its prototype and own properties, so an
 * error stays an error for its serializer. (Walked here rather than by pino's `redact`: its
 * paths cannot say "any key at any depth", and the 160 wildcard paths that spelt it out cost
 * some 120 microseconds a line.)
 */
export function redactSecrets<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== "object" || depth > REDACT_DEPTH || isOpaque(value))
    return value;
  let changed: Map<string, unknown> | undefined;
  for (const [key, inner] of Object.entries(value) as [string, unknown][]) {
    const written = SECRET_KEY_SET.has(key) ? REDACTED : redactSecrets(inner, depth + 1);
    if (written !== inner) (changed ??= new Map()).set(key, written);
  }
  if (!changed) return value;
  if (Array.isArray(value)) {
    const items = [...(value as unknown[])];
    for (const [index, written] of changed) items[Number(index)] = written;
    return items as T;
  }
  // Described anew rather than assigned: a frozen object's copy would refuse the assignment.
  const descriptors = Object.getOwnPropertyDescriptors(value) as PropertyDescriptorMap;
  for (const [key, written] of changed)
    descriptors[key] = { value: written, enumerable: true, writable: true, configurable: true };
  return Object.create(Object.getPrototypeOf(value) as object | null, descriptors) as T;
}

/** A logger with the console's settings, writing to `destination` (stdout by default). */
export function createLogger(
  options: { level: LevelWithSilent },
  destination: DestinationStream = pino.destination({ dest: 1, sync: true }),
): Logger {
  const logger = pino(
    {
      level: options.level,
      // The line's object before the serializers, and an error's serialized form after (all of
      // the error the line shows).
      formatters: { log: redactSecrets },
      serializers: { err: (error: unknown) => redactSecrets(serializeError(error)) },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
  // A child's bindings are written into every line it logs, but formatted once, when the child
  // is made (pino gives children no bindings formatter): censored there. Children inherit this.
  // Unbound on purpose: each child makes its own children (`this` below).
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const makeChild = logger.child;
  logger.child = function child(this: Logger, bindings, childOptions) {
    return makeChild.call(this, redactSecrets(bindings), childOptions);
  } as Logger["child"];
  return logger;
}

/**
 * Database errors carry the query's parameters, which hold customers' text and session tokens:
 * drizzle's DrizzleQueryError in its message and `params`, the drivers' errors (pg's
 * DatabaseError, PGlite's) in their message ("invalid input syntax for type uuid: "<value>"),
 * `detail`, `where`, `params` and `internalQuery`. Such an error is known by its SQL text
 * (drizzle) or its SQLSTATE and severity (the drivers).
 */
interface DatabaseErrorFields {
  code?: unknown;
  severity?: unknown;
  query?: unknown;
  params?: unknown;
}

function isQueryError(error: Error): boolean {
  const fields = error as DatabaseErrorFields;
  return typeof fields.query === "string" && "params" in error;
}

function isDriverError(error: Error): boolean {
  const { code, severity } = error as DatabaseErrorFields;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && typeof severity === "string";
}

/** What a driver error may say about where it happened: names only, never values. */
const DRIVER_FIELDS = [
  "code",
  "severity",
  "constraint",
  "table",
  "column",
  "schema",
  "dataType",
  "routine",
];
/** Fields of other errors worth a line (ConnectError's, Node's system errors, HTTP errors). */
const SAFE_FIELDS = [
  "code",
  "awsName",
  "httpStatus",
  "requestId",
  "attempts",
  "isOutcomeUnknown",
  "status",
  "statusCode",
  "errno",
  "syscall",
];

function pick(error: Error, names: readonly string[]): Record<string, unknown> {
  const record = error as unknown as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  for (const name of names) {
    const value = record[name];
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      picked[name] = value;
  }
  return picked;
}

/** The stack's frames under a header of our choosing: the original header repeats the message. */
function framesUnder(header: string, stack: string | undefined): string {
  const at = stack?.indexOf("\n    at ") ?? -1;
  return at < 0 ? header : header + stack!.slice(at);
}

/**
 * The log's `err`: type, name, message, stack and a few named fields, and its cause, never any
 * other property (they may hold anything). For a database error, the SQL text without its
 * parameters, the SQLSTATE and the names of what failed (constraint, table, column), and a stack
 * without the message.
 */
export function serializeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return error;
  const type = error.constructor.name;
  const cause =
    depth < 3 && error.cause !== undefined ? serializeError(error.cause, depth + 1) : undefined;
  const withCause = (fields: Record<string, unknown>) =>
    cause === undefined ? fields : { ...fields, cause };
  // A driver's error first: PGlite's carries the query and its parameters as well.
  if (isDriverError(error)) {
    const fields = pick(error, DRIVER_FIELDS);
    const message = `Database error ${String(fields.code)} (message not logged: it may quote values)`;
    const sql = (error as DatabaseErrorFields).query;
    return withCause({
      type,
      name: error.name,
      message,
      ...fields,
      ...(typeof sql === "string" ? { sql } : {}),
      stack: framesUnder(`${type}: ${message}`, error.stack),
    });
  }
  if (isQueryError(error)) {
    const message = "Failed query (parameters not logged)";
    return withCause({
      type,
      message,
      sql: (error as DatabaseErrorFields).query,
      stack: framesUnder(`${type}: ${message}`, error.stack),
    });
  }
  return withCause({
    type,
    name: error.name,
    message: error.message,
    ...pick(error, SAFE_FIELDS),
    stack: error.stack,
  });
}

/**
 * How an unexpected error may be named in an audit row: its class and code, never its message
 * (a database error's message may quote the values of the query).
 */
export function describeUnexpected(error: unknown): { name: string; message: string } {
  const name = error instanceof Error ? error.constructor.name : typeof error;
  const code = codeOf(error);
  return {
    name,
    message: `Unexpected ${name}${code ? ` (${code})` : ""}; the server log has the details.`,
  };
}

function codeOf(error: unknown, depth = 0): string | null {
  if (!(error instanceof Error) || depth > 3) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && /^[A-Za-z0-9_]{1,40}$/.test(code)) return code;
  return codeOf(error.cause, depth + 1);
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
