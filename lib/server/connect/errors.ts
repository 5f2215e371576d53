/**
 * Every failure of a Connect call becomes a ConnectError with one of the Connect codes of
 * lib/errors.ts, in this one place, so pages and actions never inspect SDK exception classes. The
 * message is safe to show to a signed-in user: Connect's own for its refusals, the vocabulary's
 * for what the console says itself. ConnectError stays the adapter's own class (not an AppError):
 * it carries what only the adapter knows (AWS's exception name, request id, attempts, whether a
 * mutation may have happened) and its short code is what adapter callers branch on; the wrappers
 * turn it into the vocabulary's `CONNECT_<code>` with appErrorOf.
 */
import "server-only";

import { ConnectServiceException } from "@aws-sdk/client-connect";

import { AppError, type ConnectErrorCode, ERRORS, connectCode } from "@/lib/errors";

export type { ConnectErrorCode };

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
    /**
     * A mutation that may have taken effect although the call failed (an attempt timed out, the
     * connection dropped, Connect answered 5xx...): the console cannot say it failed. Always
     * false for reads, which change nothing.
     */
    readonly isOutcomeUnknown: boolean = false,
  ) {
    super(message);
  }
}

/**
 * The expected failure a thrown error stands for, in the console's vocabulary, or null when it is
 * unexpected. A ConnectError becomes `CONNECT_<code>` with its message, and stays the cause (the
 * audit trail reads AWS's name and request id from it).
 */
export function expectedErrorOf(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof ConnectError)
    return new AppError(connectCode(error.code), { message: error.message, cause: error });
  return null;
}

/** The vocabulary's message of a Connect code. */
const messageOf = (code: ConnectErrorCode) => ERRORS[connectCode(code)].message;

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
  "ENETUNREACH",
]);

/** The connection was never made, so the request cannot have reached Connect. */
const NOT_SENT_ERRORS = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/** Connect read the request and said no: nothing was done with it. */
const REFUSALS = new Set<ConnectErrorCode>([
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
]);

/**
 * How one SDK attempt ended, for a mutation: "refused" (Connect answered with a refusal),
 * "not-sent" (no connection was made, or no credentials to sign it), or "ambiguous" (the request
 * may have reached Connect and been acted on: a timeout after the connection was made, a reset,
 * a 5xx, an abort, anything unclassified).
 */
export type AttemptEnd = "refused" | "not-sent" | "ambiguous";

export function classifyAttempt(error: unknown): AttemptEnd {
  if (error instanceof ConnectError) return error.isOutcomeUnknown ? "ambiguous" : "refused";
  if (error instanceof ConnectServiceException) {
    return REFUSALS.has(serviceCode(error)) ? "refused" : "ambiguous";
  }
  const err = error instanceof Error ? error : new Error(String(error));
  const sysCode = (err as { code?: unknown }).code;
  if (typeof sysCode === "string" && NOT_SENT_ERRORS.has(sysCode)) return "not-sent";
  // The HTTP handler's connection timeout (no socket was ever connected) has only this message
  // to tell it from the request timeout (@smithy/node-http-handler set-connection-timeout).
  if (err.name === "TimeoutError" && /did not establish a connection/.test(err.message)) {
    return "not-sent";
  }
  if (err.name === "CredentialsProviderError") return "not-sent";
  return "ambiguous";
}

function serviceCode(error: ConnectServiceException): ConnectErrorCode {
  if (error.name === "ServiceQuotaExceededException") return quotaCode(error.message);
  return BY_AWS_NAME[error.name] ?? "UNKNOWN";
}

export interface CallOutcome {
  /** The call may change something in Connect (StartTaskContact, UpdateContactSchedule...). */
  isMutation?: boolean;
  /** How each attempt the SDK made ended, in order (see the middleware in client.ts). */
  attempts?: readonly AttemptEnd[];
}

const UNKNOWN_OUTCOME =
  "Amazon Connect did not confirm whether it acted on the request, so the outcome is unknown.";

/**
 * A failure of a Connect call as a coded ConnectError. For a mutation, the outcome is unknown
 * unless every attempt was refused by Connect or never sent, and the final error is such a
 * refusal too (an error from between the attempts, such as the overall deadline, is not).
 */
export function toConnectError(error: unknown, outcome: CallOutcome = {}): ConnectError {
  const mapped = mapError(error);
  const isOutcomeUnknown =
    outcome.isMutation === true &&
    ((outcome.attempts ?? []).includes("ambiguous") || classifyAttempt(error) === "ambiguous");
  if (!isOutcomeUnknown) return mapped;
  return new ConnectError(
    mapped.code,
    // Not the mapped message: "nothing was created" would be untrue here.
    `${UNKNOWN_OUTCOME} (Last error: ${mapped.awsName}.)`,
    mapped.awsName,
    mapped.httpStatus,
    mapped.requestId,
    mapped.attempts,
    true,
  );
}

function mapError(error: unknown): ConnectError {
  if (error instanceof ConnectError) return error;
  const err = error instanceof Error ? error : new Error(String(error));
  // The SDK's retry loop gives network errors a $metadata too (with the attempts made).
  const meta = (
    err as { $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number } }
  ).$metadata;
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
    if (code === "THROTTLED" || code === "UNAVAILABLE") return make(code, messageOf(code));
    return make(code ?? "UNKNOWN", err.message || messageOf(code ?? "UNKNOWN"));
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
    return make("TIMEOUT", messageOf("TIMEOUT"));
  }
  if (err.name === "CredentialsProviderError") {
    return make("CREDENTIALS", messageOf("CREDENTIALS"));
  }
  return make("UNKNOWN", err.message || messageOf("UNKNOWN"));
}

/** Connect uses one exception for two quotas; the message tells which. */
function quotaCode(message: string): ConnectErrorCode {
  if (/previous ?contact|linked/i.test(message)) return "QUOTA_LINKED_TASKS";
  if (/active|concurrent/i.test(message)) return "QUOTA_ACTIVE_TASKS";
  return "QUOTA_EXCEEDED";
}
