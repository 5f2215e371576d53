/**
 * The console's one error vocabulary (neutral: the server answers with these codes, the browser
 * reads them). Each code has one row: the HTTP status a route handler answers with, whether the
 * same request may succeed if sent again shortly, the message shown when the failure brings no
 * more specific one, and the form field it belongs to when it concerns one field whatever the
 * form. Actions return `{ ok: false, code, formError, fieldErrors }` with these codes, route
 * handlers the same body with the row's status; nothing else decides a status or retryability.
 */
import { TASK_LIMITS } from "@/lib/task/limits";

/**
 * What a Connect call can fail with, as the adapter maps it (lib/server/connect/errors.ts names
 * the AWS exceptions behind each; docs/connect-api.md, "Errors as the SDK sees them").
 */
export const CONNECT_ERROR_CODES = [
  "THROTTLED",
  "NOT_FOUND",
  "INVALID_REQUEST",
  "INVALID_PARAMETER",
  "QUOTA_LINKED_TASKS",
  "QUOTA_ACTIVE_TASKS",
  "QUOTA_EXCEEDED",
  "RESCHEDULE_LIMIT",
  "CONTACT_ENDED",
  "IDEMPOTENCY_CONFLICT",
  "ACCESS_DENIED",
  "CREDENTIALS",
  "TIMEOUT",
  "UNAVAILABLE",
  "TOO_MANY_RESULTS",
  "UNKNOWN",
] as const;

export type ConnectErrorCode = (typeof CONNECT_ERROR_CODES)[number];

export interface ErrorInfo {
  /** A route handler's HTTP status for it. */
  status: number;
  /** Sending the same request again shortly may succeed (Connect was busy or did not answer). */
  isRetryable: boolean;
  /** What the user reads when the failure carries no more specific message. */
  message: string;
  /** The form field it concerns, for every form that has that field. */
  field?: string;
}

/** Connect's refusals answer 502 (the console's upstream said no), except "busy" and "not found". */
const CONNECT_ERRORS = {
  CONNECT_THROTTLED: {
    status: 429,
    isRetryable: true,
    message: "Connect is busy, nothing was created. Retry.",
  },
  CONNECT_NOT_FOUND: {
    status: 404,
    isRetryable: false,
    message: "Amazon Connect does not know it.",
  },
  CONNECT_INVALID_REQUEST: {
    status: 502,
    isRetryable: false,
    message: "Amazon Connect refused the request.",
  },
  CONNECT_INVALID_PARAMETER: {
    status: 502,
    isRetryable: false,
    message: "Amazon Connect refused a parameter of the request.",
  },
  CONNECT_QUOTA_LINKED_TASKS: {
    status: 502,
    isRetryable: false,
    message: "The previous contact already has the most linked tasks Amazon Connect allows.",
    field: "linkedContactId",
  },
  CONNECT_QUOTA_ACTIVE_TASKS: {
    status: 502,
    isRetryable: false,
    message: "The instance has reached Amazon Connect's limit of active tasks.",
  },
  CONNECT_QUOTA_EXCEEDED: {
    status: 502,
    isRetryable: false,
    message: "An Amazon Connect quota was reached.",
  },
  CONNECT_RESCHEDULE_LIMIT: {
    status: 502,
    isRetryable: false,
    message: `Amazon Connect allows ${TASK_LIMITS.reschedulesPerTask} reschedules per task; this task has used them all.`,
  },
  CONNECT_CONTACT_ENDED: {
    status: 502,
    isRetryable: false,
    message: "This contact has already ended.",
  },
  CONNECT_IDEMPOTENCY_CONFLICT: {
    status: 502,
    isRetryable: false,
    message:
      "This client token was already used for a different task. Start a new task or set another token.",
    field: "clientToken",
  },
  CONNECT_ACCESS_DENIED: {
    status: 502,
    isRetryable: false,
    message: "The console's AWS credentials may not do this in Amazon Connect.",
  },
  CONNECT_CREDENTIALS: {
    status: 502,
    isRetryable: false,
    message: "No AWS credentials were found for the console's server.",
  },
  CONNECT_TIMEOUT: {
    status: 502,
    isRetryable: true,
    message: "Amazon Connect did not answer in time. Retry in a moment.",
  },
  CONNECT_UNAVAILABLE: {
    status: 502,
    isRetryable: true,
    message: "Amazon Connect had an internal error. Retry in a moment.",
  },
  CONNECT_TOO_MANY_RESULTS: {
    status: 502,
    isRetryable: false,
    message: "Amazon Connect has more items than the console reads; the list was not loaded.",
  },
  CONNECT_UNKNOWN: {
    status: 502,
    isRetryable: false,
    message: "Unexpected error calling Amazon Connect.",
  },
} as const satisfies Record<`CONNECT_${ConnectErrorCode}`, ErrorInfo>;

export const ERRORS = {
  UNAUTHENTICATED: { status: 401, isRetryable: false, message: "Sign in to continue." },
  FORBIDDEN: { status: 403, isRetryable: false, message: "Your role does not allow this." },
  INVALID_INPUT: { status: 400, isRetryable: false, message: "Some fields need attention." },
  NOT_FOUND: { status: 404, isRetryable: false, message: "Not found." },
  CONFLICT: {
    status: 409,
    isRetryable: false,
    message: "This conflicts with the current state; reload and check.",
  },
  /** Too many sign-in attempts: trying again at once is refused again. */
  RATE_LIMITED: {
    status: 429,
    isRetryable: false,
    message: "Too many attempts; wait a few minutes.",
  },
  /** A server answer the browser cannot read as one of ours (a crash page, a proxy's error). */
  UNEXPECTED: {
    status: 500,
    isRetryable: true,
    message: "The server could not answer; the server log has the details.",
  },
  ...CONNECT_ERRORS,
} as const satisfies Record<string, ErrorInfo>;

export type ErrorCode = keyof typeof ERRORS;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(ERRORS, value);
}

export function isRetryable(code: ErrorCode): boolean {
  return ERRORS[code].isRetryable;
}

export function connectCode(code: ConnectErrorCode): ErrorCode {
  return `CONNECT_${code}`;
}

/** How a failure counts in the log: refused at the door, bad input, or a failure of the call. */
export function logOutcomeOf(
  code: ErrorCode,
  isOutcomeUnknown = false,
): "denied" | "invalid" | "failure" | "unknown" {
  const { status } = ERRORS[code];
  if (status === 401 || status === 403) return "denied";
  if (status === 400) return "invalid";
  return isOutcomeUnknown ? "unknown" : "failure";
}

export interface AppErrorOptions {
  /** Instead of the table's message, one that says more about this case. */
  message?: string;
  /** Messages by field path ("references.0.value"); `_form` for the whole form. */
  fieldErrors?: Record<string, string[]>;
  /** The failure behind it (a ConnectError keeps AWS's name and request id for the audit). */
  cause?: unknown;
  /** Only on FORBIDDEN / UNAUTHENTICATED: which permission is needed. */
  requiredPermission?: string;
}

/**
 * The console's expected failure: thrown where it is found (a service, the wrappers, the
 * browser's lookups), turned into a returned value or a response by the wrapper around it.
 */
export class AppError extends Error {
  override name = "AppError";
  readonly code: ErrorCode;
  readonly fieldErrors: Record<string, string[]>;
  readonly requiredPermission: string | undefined;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(
      options.message ?? ERRORS[code].message,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.fieldErrors = options.fieldErrors ?? {};
    this.requiredPermission = options.requiredPermission;
  }
}

/** An expected failure as every action returns it and every route handler sends it. */
export interface ActionFailure {
  ok: false;
  code: ErrorCode;
  formError: string;
  fieldErrors: Record<string, string[]>;
  /** Only on FORBIDDEN / UNAUTHENTICATED: which permission the action needs. */
  requiredPermission?: string;
  /**
   * The change was sent to Amazon Connect, which did not confirm whether it made it (a timeout,
   * a dropped connection...): not a failure, and retrying the same request is how to find out.
   */
  isOutcomeUnknown?: boolean;
}

/**
 * The returned value of an AppError. A failure of a code that belongs to a field is shown at that
 * field unless the error names its fields itself, or its outcome is unknown (then it is about
 * the whole request, not the field).
 */
export function toFailure(
  error: AppError,
  extra: { isOutcomeUnknown?: boolean } = {},
): ActionFailure {
  const { field }: ErrorInfo = ERRORS[error.code];
  const hasFields = Object.keys(error.fieldErrors).length > 0;
  return {
    ok: false,
    code: error.code,
    formError: error.message,
    fieldErrors:
      !hasFields && field && !extra.isOutcomeUnknown
        ? { [field]: [error.message] }
        : error.fieldErrors,
    ...(error.requiredPermission ? { requiredPermission: error.requiredPermission } : {}),
    ...(extra.isOutcomeUnknown ? { isOutcomeUnknown: true } : {}),
  };
}

/** What every server action returns: its data, or an expected failure as a value. */
export type ActionResult<T> = { ok: true; data: T } | ActionFailure;
