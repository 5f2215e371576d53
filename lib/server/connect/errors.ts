import "server-only";

import { ConnectServiceException } from "@aws-sdk/client-connect";

/**
 * Every failure of a Connect call becomes one of these codes, in this one place, so pages and
 * actions never inspect SDK exception classes. The message is safe to show to a signed-in user.
 */
export type ConnectErrorCode =
  | "THROTTLED"
  | "NOT_FOUND"
  | "INVALID_REQUEST"
  | "INVALID_PARAMETER"
  | "QUOTA_LINKED_TASKS"
  | "QUOTA_ACTIVE_TASKS"
  | "QUOTA_EXCEEDED"
  | "RESCHEDULE_LIMIT"
  | "CONTACT_ENDED"
  | "IDEMPOTENCY_CONFLICT"
  | "ACCESS_DENIED"
  | "CREDENTIALS"
  | "TIMEOUT"
  | "UNAVAILABLE"
  | "UNKNOWN";

export class ConnectError extends Error {
  override name = "ConnectError";
  constructor(
    readonly code: ConnectErrorCode,
    message: string,
    /** What AWS called it (exception name), for the audit trail. */
    readonly awsName: string,
    readonly httpStatus: number | undefined,
    readonly requestId: string | undefined,
    readonly attempts: number | undefined,
  ) {
    super(message);
  }

  /** Safe to retry with the same ClientToken: nothing was created. */
  get isRetryable(): boolean {
    return this.code === "THROTTLED" || this.code === "UNAVAILABLE" || this.code === "TIMEOUT";
  }
}

const BY_AWS_NAME: Record<string, ConnectErrorCode> = {
  ThrottlingException: "THROTTLED",
  TooManyRequestsException: "THROTTLED",
  ResourceNotFoundException: "NOT_FOUND",
  ContactFlowNotPublishedException: "NOT_FOUND",
  UserNotFoundException: "NOT_FOUND",
  InvalidRequestException: "INVALID_REQUEST",
  InvalidParameterException: "INVALID_PARAMETER",
  LimitExceededException: "RESCHEDULE_LIMIT",
  ContactNotFoundException: "CONTACT_ENDED",
  IdempotencyException: "IDEMPOTENCY_CONFLICT",
  AccessDeniedException: "ACCESS_DENIED",
  InternalServiceException: "UNAVAILABLE",
};

const NETWORK_ERRORS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
]);

export function toConnectError(error: unknown): ConnectError {
  if (error instanceof ConnectError) return error;
  const err = error instanceof Error ? error : new Error(String(error));
  const meta = error instanceof ConnectServiceException ? error.$metadata : undefined;
  const make = (code: ConnectErrorCode, message: string) =>
    new ConnectError(
      code,
      message,
      err.name,
      meta?.httpStatusCode,
      meta?.requestId,
      meta?.attempts,
    );

  if (error instanceof ConnectServiceException) {
    if (err.name === "ServiceQuotaExceededException")
      return make(quotaCode(err.message), err.message);
    const code = BY_AWS_NAME[err.name];
    if (code === "THROTTLED") {
      return make(
        code,
        "Amazon Connect is busy (rate limit reached). Nothing was created; retry in a moment.",
      );
    }
    if (code === "UNAVAILABLE")
      return make(code, "Amazon Connect had an internal error. Retry in a moment.");
    return make(code ?? "UNKNOWN", err.message || err.name);
  }
  // The SDK names a reset socket "TimeoutError" too, so the system code is checked first.
  const sysCode = (err as { code?: unknown }).code;
  if (typeof sysCode === "string" && NETWORK_ERRORS.has(sysCode)) {
    return make("UNAVAILABLE", `Amazon Connect could not be reached (${sysCode}).`);
  }
  if (
    err.name === "TimeoutError" ||
    err.name === "AbortError" ||
    /timed? ?out/i.test(err.message)
  ) {
    return make("TIMEOUT", "Amazon Connect did not answer in time. Retry in a moment.");
  }
  if (err.name === "CredentialsProviderError") {
    return make("CREDENTIALS", "No AWS credentials were found for the console's server.");
  }
  return make("UNKNOWN", err.message || "Unexpected error calling Amazon Connect.");
}

/** Connect uses one exception for two quotas; the message tells which. */
function quotaCode(message: string): ConnectErrorCode {
  if (/previous ?contact|linked/i.test(message)) return "QUOTA_LINKED_TASKS";
  if (/active|concurrent/i.test(message)) return "QUOTA_ACTIVE_TASKS";
  return "QUOTA_EXCEEDED";
}
