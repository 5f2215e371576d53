/**
 * Checks a server action request before Next's decoder sees it (proxy.ts), so an oversized or
 * malformed one is answered 413 / 400 with a short text instead of a 500 from deep inside the
 * framework. Written against what Next 16.4's client sends (its server-action reducer):
 *
 * - a POST with a `Next-Action` header (42 hex characters) whose body is the React reply of the
 *   arguments: a JSON argument list as `text/plain;charset=UTF-8`, or `multipart/form-data` with
 *   the root model in field "0" when the arguments need parts (FormData, Blobs...);
 * - a form posted before hydration (no header): `multipart/form-data` with `$ACTION_` fields;
 *   Next also routes any url-encoded POST to its action handler.
 *
 * Every check reads at most the limit plus one byte. Neutral module: web APIs only.
 */
import {
  type GuardVerdict,
  MAX_NESTING,
  OK,
  checkMultipart,
  checkTextReply,
  checkUrlEncoded,
  malformed,
} from "./action-reply-check";

export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;
/** The one page whose action takes a whole file: bulk create's CSV (its limit follows the file's). */
export const BULK_PAGE_PATH = "/tasks/bulk";
const BULK_TOO_LARGE_MESSAGE =
  "This file is larger than the console accepts for one bulk job. Nothing was saved: split it into smaller files.";

/**
 * The body a server action posted to `pathname` may have. The bulk page sends the file's text
 * inside the JSON argument list, where a quote or a line break takes two bytes: twice the file
 * limit, and room for the other fields. Every other page keeps the 1 MB of a form.
 */
export function actionBodyLimitFor(pathname: string, maxBulkFileBytes: number): number {
  if (pathname !== BULK_PAGE_PATH) return ACTION_BODY_LIMIT_BYTES;
  return Math.max(ACTION_BODY_LIMIT_BYTES, 2 * maxBulkFileBytes + 64 * 1024);
}

export const TOO_LARGE_MESSAGE =
  "This request is larger than the 1 MB a console form may send. Nothing was saved: shorten the longest fields and send it again.";
const tooLarge: GuardVerdict = { ok: false, status: 413, message: TOO_LARGE_MESSAGE };

const ACTION_ID = /^[0-9a-f]{42}$/;
const ROUTER_STATE_MAX = 40_000;

type BodyKind = "text" | "multipart" | "urlencoded" | "other";

function bodyKind(contentType: string | null): BodyKind {
  const [type = "", ...params] = (contentType ?? "").split(";").map((part) => part.trim());
  const mime = type.toLowerCase();
  if (mime === "multipart/form-data") return "multipart";
  if (mime === "application/x-www-form-urlencoded") return "urlencoded";
  if (mime !== "text/plain") return "other";
  const charset = params.find((param) => param.toLowerCase().startsWith("charset="));
  return !charset || charset.slice(8).trim().toLowerCase() === "utf-8" ? "text" : "other";
}

/** The requests Next hands to its action decoder (its getServerActionRequestMetadata). */
export function isPossibleServerAction(method: string, headers: Headers): boolean {
  if (method !== "POST") return false;
  const contentType = headers.get("content-type");
  return (
    headers.has("next-action") ||
    contentType === "application/x-www-form-urlencoded" ||
    (contentType ?? "").startsWith("multipart/form-data")
  );
}

/**
 * The client router's `Next-Router-State-Tree` header as Next reads it: URI-encoded JSON of a
 * segment tree, at most ~40 kB. Next answers one it cannot read with a 500.
 */
export function checkRouterStateHeader(headers: Headers): GuardVerdict {
  const header = headers.get("next-router-state-tree");
  if (header === null) return OK;
  const bad = malformed("the Next-Router-State-Tree header cannot be read");
  if (header.length > ROUTER_STATE_MAX) return bad;
  let state: unknown;
  try {
    state = JSON.parse(decodeURIComponent(header));
  } catch {
    return bad;
  }
  return isRouterState(state, 0) ? OK : bad;
}

function isRouterState(value: unknown, depth: number): boolean {
  if (depth > MAX_NESTING || !Array.isArray(value) || value.length < 2 || value.length > 6)
    return false;
  const [segment, children] = value as unknown[];
  const isSegment =
    typeof segment === "string" ||
    (Array.isArray(segment) &&
      segment.length >= 3 &&
      segment.length <= 4 &&
      typeof segment[0] === "string" &&
      typeof segment[1] === "string" &&
      typeof segment[2] === "string");
  if (!isSegment || !children || typeof children !== "object" || Array.isArray(children))
    return false;
  return Object.values(children).every((child) => isRouterState(child, depth + 1));
}

/** The body's bytes, or null when it holds more than `limit` (reading stops there). */
export async function readAtMost(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array | null> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Checks a request Next would hand to its action decoder; anything else passes untouched. */
export async function checkActionRequest(
  request: Request,
  limitBytes: number = ACTION_BODY_LIMIT_BYTES,
): Promise<GuardVerdict> {
  const { headers } = request;
  if (!isPossibleServerAction(request.method, headers)) return OK;
  const actionId = headers.get("next-action");
  if (actionId !== null && !ACTION_ID.test(actionId))
    return malformed("the Next-Action header is not a server action id");
  const origin = checkOrigin(headers);
  if (!origin.ok) return origin;
  const kind = bodyKind(headers.get("content-type"));
  if (actionId !== null && kind !== "text" && kind !== "multipart")
    return malformed("a server action body is text/plain or multipart/form-data");

  const refusal: GuardVerdict =
    limitBytes > ACTION_BODY_LIMIT_BYTES
      ? { ok: false, status: 413, message: BULK_TOO_LARGE_MESSAGE }
      : tooLarge;
  const declared = Number(headers.get("content-length") ?? "0");
  if (declared > limitBytes) return refusal;
  const bytes = await readAtMost(request.body, limitBytes);
  if (bytes === null) return refusal;

  if (kind === "urlencoded") return checkUrlEncoded(bytes);
  if (kind === "multipart")
    return checkMultipart(bytes, headers.get("content-type") ?? "", actionId !== null);
  return checkTextReply(bytes);
}

/**
 * Next refuses a server action whose Origin names another host than the request (its CSRF
 * check, x-forwarded-host first), but with a 500; and an Origin that is not a URL throws.
 */
function checkOrigin(headers: Headers): GuardVerdict {
  const origin = headers.get("origin");
  if (origin === null) return OK;
  let originHost: string;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    return malformed("the Origin header is not a URL");
  }
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  if (originHost === host) return OK;
  return { ok: false, status: 403, message: "Refused: this request was sent from another site." };
}
