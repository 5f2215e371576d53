/**
 * Error and success responses in the form docs/connect-api.md describes (Answering an error so the
 * SDK raises the right class), so the real SDK raises the right exception class: the status comes
 * from the error shape's `error.httpStatusCode` in the model, the code travels both in
 * `x-amzn-errortype` and in the body's `__type`, and the text is under `Message`. Every response,
 * success too, carries `x-amzn-requestid`.
 */
import type { ServerResponse } from "node:http";

/**
 * Errors that are not Connect shapes and so have no modeled status. The SDK turns an unknown code
 * into a ConnectServiceException whose `name` is the code, which is what a caller should see for
 * a path the real service would not recognise either.
 */
const UNMODELED_STATUS: Record<string, number> = {
  UnknownOperationException: 404,
  SerializationException: 400,
};

/** A failure that ends the request with a Connect error response. */
export class ApiError extends Error {
  constructor(
    /** Error shape name, e.g. InvalidRequestException. */
    readonly type: string,
    message: string,
    /** Only for shapes that are not in the model (see UNMODELED_STATUS). */
    readonly statusOverride?: number,
    /** Extra modeled members, e.g. Reason for InvalidRequestException. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = type;
  }
}

/** Looks up a modeled error status; `statusOf` is injected so this file does not load the model. */
export type StatusOf = (errorShape: string) => number | undefined;

export function errorStatus(err: ApiError, statusOf: StatusOf): number {
  return statusOf(err.type) ?? err.statusOverride ?? UNMODELED_STATUS[err.type] ?? 400;
}

export function writeError(
  res: ServerResponse,
  requestId: string,
  err: ApiError,
  statusOf: StatusOf,
): number {
  const status = errorStatus(err, statusOf);
  const body = JSON.stringify({ __type: err.type, Message: err.message, ...(err.extra ?? {}) });
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "x-amzn-requestid": requestId,
    "x-amzn-errortype": err.type,
  });
  res.end(body);
  return status;
}

export function writeJson(
  res: ServerResponse,
  requestId: string,
  status: number,
  payload: unknown,
): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "x-amzn-requestid": requestId,
  });
  res.end(body);
}

// Shorthands used by the operations, so the class of each rule is visible where it is enforced.
export const invalidRequest = (message: string) => new ApiError("InvalidRequestException", message);
export const notFound = (message: string) => new ApiError("ResourceNotFoundException", message);
export const quotaExceeded = (message: string) =>
  new ApiError("ServiceQuotaExceededException", message);
