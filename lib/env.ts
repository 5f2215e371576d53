/**
 * Server configuration, validated once. A bad value stops the start with a message that names the
 * variable. Nothing here may carry a NEXT_PUBLIC_ prefix: AWS settings never reach the browser.
 */
import { z } from "zod";

import { type BulkLimits, DEFAULT_BULK_LIMITS } from "./bulk/limits";
import { secretWeakness } from "./secret-strength";
import {
  DEFAULT_SCHEDULE_HORIZON_DAYS,
  DEFAULT_SCHEDULE_MAX_DAYS,
  MAX_SCHEDULE_HORIZON_DAYS,
  MAX_SCHEDULE_MAX_DAYS,
  SECONDS_PER_DAY,
} from "./task/limits";
import { MIN_PASSWORD_LENGTH } from "./users/limits";

const instanceIdList = z
  .string()
  .trim()
  .min(1, "must name at least one Amazon Connect instance id")
  .transform((value) => value.split(",").map((id) => id.trim()))
  .pipe(
    z
      .array(
        z
          .string()
          .regex(/^[A-Za-z0-9:/_-]{1,100}$/, "each instance id is 1-100 letters, digits, - or _"),
      )
      .min(1),
  );

/**
 * A URL whose host is this machine: 127.0.0.0/8, [::1] or "localhost". The WHATWG parser has
 * already normalised IPv4 forms ("127.1", hex) to dotted quads, so a name such as
 * "127.example.com" is not mistaken for one.
 */
export function isLoopbackUrl(url: string): boolean {
  const { hostname } = new URL(url);
  return hostname === "localhost" || hostname === "[::1]" || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

const flag = z
  .enum(["0", "1", "true", "false"])
  .transform((value) => value === "1" || value === "true");

/** Production's folder for embedded data (PostgreSQL); `npm run demo` never uses it. */
export const DEFAULT_DATA_DIR = ".data";

const serverSchema = z.object({
  CONNECT_INSTANCE_ID: instanceIdList,
  AWS_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS Region such as us-east-1")
    .default("us-east-1"),
  /** Plain http would carry signed requests in the clear: only the local stand-in may use it. */
  CONNECT_ENDPOINT: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .refine(
      (url) => new URL(url).protocol === "https:" || isLoopbackUrl(url),
      "plain http only for a loopback address (127.0.0.1, localhost, [::1]); use https",
    )
    .optional(),
  /** Per-attempt deadline for a Connect call; the overall deadline is attempts × this + backoff. */
  CONNECT_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  CONNECT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(5).default(3),
  /**
   * How long Connect is assumed to remember a ClientToken. AWS does not publish it; past this
   * age the console no longer sends a token whose first attempt has an unknown outcome (a
   * forgotten token would create a second task).
   */
  CONNECT_IDEMPOTENCY_WINDOW_MINUTES: z.coerce.number().int().min(5).max(1_440).default(60),
  /**
   * The console's own pacing of Connect calls, for accounts whose quotas were raised:
   * "UpdateContactSchedule=5/10,StopContact=20/30" (requests per second / burst).
   */
  CONNECT_RATE_LIMITS: z
    .string()
    .trim()
    .regex(
      /^$|^[A-Za-z]+=\d+(\.\d+)?\/\d+(,[A-Za-z]+=\d+(\.\d+)?\/\d+)*$/,
      "must look like Operation=rate/burst,Operation=rate/burst (e.g. StopContact=20/30)",
    )
    .default(""),
  /** AWS documents 6 days (API reference) and 90 days (quota page); the API rule is the default. */
  SCHEDULE_HORIZON_DAYS: z.coerce
    .number()
    .min(0.01)
    .max(MAX_SCHEDULE_HORIZON_DAYS)
    .default(DEFAULT_SCHEDULE_HORIZON_DAYS),
  /**
   * How far ahead a task may be scheduled at all. Beyond SCHEDULE_HORIZON_DAYS the console holds
   * it and releases it into Connect once its time is inside the horizon (lib/server/tasks/held.ts).
   */
  SCHEDULE_MAX_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_SCHEDULE_MAX_DAYS)
    .default(DEFAULT_SCHEDULE_MAX_DAYS),
  /** AWS documents 12 (API reference) and 11 (feature page) tasks per previous contact. */
  MAX_LINKED_TASKS: z.coerce.number().int().min(1).max(100).default(12),

  /** Rows one bulk job may hold, and the largest bulk file (bytes of UTF-8). */
  BULK_MAX_ROWS: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_BULK_LIMITS.maxRows),
  BULK_MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .max(50 * 1024 * 1024)
    .default(DEFAULT_BULK_LIMITS.maxFileBytes),
  /**
   * A bulk job's runner that has not recorded a row for this long is taken to be dead (its
   * process crashed), and another process's run takes the job over and sends its claimed rows
   * again with the same ClientTokens. Longer than the slowest row (Connect's deadline, retries).
   */
  BULK_RUNNER_STALE_SECONDS: z.coerce.number().int().min(2).max(3_600).default(120),

  /**
   * Background jobs (lib/server/jobs): how many jobs of each queue this process runs at once;
   * 0 runs none here (a process that only serves pages, beside `npm run worker` processes).
   */
  JOB_WORKERS: z.coerce.number().int().min(0).max(16).default(2),
  /**
   * How long one run of a job may hold it. A run that reaches it stops and the job continues in a
   * new run; a run whose process crashed is handed to any process once this has passed.
   */
  JOB_EXPIRE_SECONDS: z.coerce.number().int().min(10).max(3_600).default(300),

  /**
   * PostgreSQL server; unset means the embedded PostgreSQL server of DATA_DIR/postgres, started
   * (or joined, when another console process runs it) by the console (db-server/embedded.ts).
   */
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
    .optional(),
  DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
  /** Port of the embedded server on 127.0.0.1 when the console starts it; 0 picks a free one. */
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(0).max(65_535).default(0),

  /** Signs session cookies: it must be random, not merely long. */
  BETTER_AUTH_SECRET: z.string().superRefine((value, ctx) => {
    const weakness = secretWeakness(value);
    if (weakness) {
      ctx.addIssue({
        code: "custom",
        message: `${weakness}; it must be random (make one with: openssl rand -base64 32)`,
      });
    }
  }),
  /** The console's public URL; sign-in cookies and origin checks depend on it. */
  APP_URL: z
    .url({ protocol: /^https?$/, error: "must be the console's http(s) URL" })
    .default("http://127.0.0.1:3000"),
  /**
   * The one request header that carries the client IP, set (overwritten) by your reverse proxy,
   * e.g. x-real-ip. Unset: no header is trusted and sign-in is limited per account only.
   */
  TRUSTED_IP_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, "must be a header name such as x-real-ip")
    .transform((value) => value.toLowerCase())
    .optional(),
  /** Set to 1 when a TLS-terminating proxy sets X-Forwarded-Proto (enables HSTS). */
  TRUST_PROXY_PROTO: flag.default(false),
  /** Failed sign-ins per account from one address, and per address over all accounts. */
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(3),
  /** Failed sign-ins per account from all addresses together (with TRUSTED_IP_HEADER only). */
  SIGN_IN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(20),
  SIGN_IN_WINDOW_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),

  /** An administrator account, created at start when no account has this email. */
  ADMIN_EMAIL: z.email("must be an email address").optional(),
  ADMIN_PASSWORD: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .optional(),
  ADMIN_NAME: z.string().min(1).max(100).default("Administrator"),
  /** Demo mode: seed one user per role with published passwords. Never in production. */
  DEMO_USERS: flag.default(false),

  /** Least severe level written to stdout as JSON lines; "silent" writes nothing (tests). */
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      error: "must be one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
});

/** Rules between variables, checked once every variable is known (not while building). */
const checkedServerSchema = serverSchema.refine(
  (env) => env.SCHEDULE_MAX_DAYS >= env.SCHEDULE_HORIZON_DAYS,
  {
    path: ["SCHEDULE_MAX_DAYS"],
    message: "must be at least SCHEDULE_HORIZON_DAYS (the console holds tasks beyond the horizon)",
  },
);

export type ServerEnv = z.infer<typeof serverSchema>;
/** Every variable the console reads, e.g. to give a test console exactly the settings it is given. */
export const SERVER_ENV_KEYS = Object.keys(serverSchema.shape) as (keyof ServerEnv)[];

export class EnvError extends Error {
  override name = "EnvError";
}

let partialSchema: ReturnType<typeof serverSchema.partial> | undefined;
/**
 * Made once: zod compiles a schema on its first parse, and connectTimings parses on every Connect
 * call (a new partial schema each time cost some 0.4 ms a call).
 */
const buildSchema = () => (partialSchema ??= serverSchema.partial());

/**
 * Validates the server environment. With `isBuild`, variables that are only needed at run time may
 * be missing (one build can be deployed with different settings), but a value that is present
 * must still be valid.
 */
export function parseServerEnv(
  source: Record<string, string | undefined>,
  { isBuild = false }: { isBuild?: boolean } = {},
): ServerEnv {
  // Empty strings mean "unset" (a blank line in .env should not fail validation).
  const present = Object.fromEntries(
    Object.entries(source).filter(([key, value]) => key in serverSchema.shape && value !== ""),
  );
  const schema = isBuild ? buildSchema() : checkedServerSchema;
  const result = schema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  ${String(issue.path[0] ?? "(env)")}: ${issue.message}`,
    );
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data as ServerEnv;
}

let cached: ServerEnv | undefined;

/** The validated server environment, parsed on first use. */
export function serverEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}

/** How far ahead a task may be scheduled, in seconds (the unit the task rules and Connect use). */
export function scheduleHorizonSeconds(env: ServerEnv = serverEnv()): number {
  return env.SCHEDULE_HORIZON_DAYS * SECONDS_PER_DAY;
}

/** How far ahead the console accepts a schedule, in seconds (held beyond the horizon). */
export function scheduleMaxSeconds(env: ServerEnv = serverEnv()): number {
  return env.SCHEDULE_MAX_DAYS * SECONDS_PER_DAY;
}

/** The bulk job limits in force (lib/bulk/limits.ts). */
export function bulkLimits(env: ServerEnv = serverEnv()): BulkLimits {
  return { maxRows: env.BULK_MAX_ROWS, maxFileBytes: env.BULK_MAX_FILE_BYTES };
}

/** Whether an instance is one the console is configured for: its credentials read no other. */
export function isConfiguredInstance(instanceId: string, env: ServerEnv = serverEnv()): boolean {
  return env.CONNECT_INSTANCE_ID.includes(instanceId);
}

/**
 * LOG_LEVEL alone: the logger is made when its module loads, and logging must not fail because
 * some unrelated variable is missing (a build, a script). A bad value still stops the start.
 */
export function logLevel(source: Record<string, string | undefined> = process.env) {
  return parseServerEnv({ LOG_LEVEL: source.LOG_LEVEL }, { isBuild: true }).LOG_LEVEL;
}

/**
 * The Connect call timings alone (deadlines, the idempotency window), for code that needs them
 * without the rest of the configuration (e.g. reading the audit trail in a script or a test).
 */
export function connectTimings(source: Record<string, string | undefined> = process.env) {
  const env = parseServerEnv(
    {
      CONNECT_REQUEST_TIMEOUT_MS: source.CONNECT_REQUEST_TIMEOUT_MS,
      CONNECT_MAX_ATTEMPTS: source.CONNECT_MAX_ATTEMPTS,
      CONNECT_IDEMPOTENCY_WINDOW_MINUTES: source.CONNECT_IDEMPOTENCY_WINDOW_MINUTES,
    },
    { isBuild: true },
  );
  return {
    requestTimeoutMs: env.CONNECT_REQUEST_TIMEOUT_MS,
    maxAttempts: env.CONNECT_MAX_ATTEMPTS,
    idempotencyWindowMs: env.CONNECT_IDEMPOTENCY_WINDOW_MINUTES * 60_000,
  };
}
