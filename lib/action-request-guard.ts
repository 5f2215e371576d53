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

/** Deeper than any console form nests (the task composer: about 4 levels). */
export const MAX_NESTING = 64;
/** The console's actions take one argument; Next refuses more than 1,000 with a 500. */
export const MAX_ARGUMENTS = 8;

export type GuardVerdict = { ok: true } | { ok: false; status: 400 | 403 | 413; message: string };

const OK: GuardVerdict = { ok: true };
export const TOO_LARGE_MESSAGE =
  "This request is larger than the 1 MB a console form may send. Nothing was saved: shorten the longest fields and send it again.";
const malformed = (reason: string): GuardVerdict => ({
  ok: false,
  status: 400,
  message: `Malformed request: ${reason}.`,
});
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

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function checkUrlEncoded(bytes: Uint8Array): GuardVerdict {
  const text = utf8(bytes);
  if (text === null) return malformed("the form body is not valid URL encoding");
  for (const pair of text.split("&")) {
    try {
      decodeURIComponent(pair.replaceAll("+", " "));
    } catch {
      return malformed("the form body is not valid URL encoding");
    }
  }
  return OK;
}

function checkTextReply(bytes: Uint8Array): GuardVerdict {
  const text = utf8(bytes);
  if (text === null) return malformed("the body is not UTF-8 text");
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return malformed("the body is not JSON");
  }
  return checkArguments(root, () => null);
}

async function checkMultipart(
  bytes: Uint8Array,
  contentType: string,
  isFetchAction: boolean,
): Promise<GuardVerdict> {
  let form: FormData;
  try {
    form = await new Response(bytes as BodyInit, {
      headers: { "content-type": contentType },
    }).formData();
  } catch {
    return malformed("the multipart body cannot be read");
  }
  // A form posted before hydration is decoded by Next itself, which answers bad ids with 4xx.
  if (!isFetchAction) return OK;
  const root = form.get("0");
  if (typeof root !== "string") return malformed("the body has no argument list");
  let args: unknown;
  try {
    args = JSON.parse(root);
  } catch {
    return malformed("the body is not JSON");
  }
  return checkArguments(args, (id) => {
    const value = form.get(id);
    if (value === null) return null;
    if (typeof value !== "string") return { kind: "blob" };
    try {
      return { kind: "model", value: JSON.parse(value) as unknown };
    } catch {
      return null;
    }
  });
}

type Part = { kind: "model"; value: unknown } | { kind: "blob" };

/**
 * The reply's values as React's decoder will read them: "$"-prefixed strings are references
 * and special values. Only those a console form can produce are accepted, and a reference must
 * name a part the body holds (a missing one leaves the decoder waiting, then failing with a 500).
 */
function checkArguments(root: unknown, partOf: (id: string) => Part | null): GuardVerdict {
  if (!Array.isArray(root) || root.length > MAX_ARGUMENTS)
    return malformed("the body is not a list of arguments");
  const unknownValue = malformed("the body holds a value no console form sends");
  const visitedParts = new Set<string>();
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value, depth } = next;
    if (depth > MAX_NESTING) return malformed(`the body is nested deeper than ${MAX_NESTING}`);
    if (value !== null && typeof value === "object") {
      for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1 });
      continue;
    }
    if (typeof value !== "string") continue;
    const reference = referenceIn(value);
    if (reference === "invalid") return unknownValue;
    if (reference === null || visitedParts.has(reference.id)) continue;
    const part = partOf(reference.id);
    if (part === null || (part.kind === "blob") !== (reference.kind === "blob"))
      return unknownValue;
    visitedParts.add(reference.id);
    if (part.kind === "model") stack.push({ value: part.value, depth: depth + 1 });
  }
  return OK;
}

/** Tags of self-contained values: escaped "$", undefined, Infinity, -0 / -Infinity, NaN, Date. */
const SELF_CONTAINED = new Set(["$", "u", "I", "-", "N", "D"]);
/** Tags of references to another part: promise, Map, Set (models) and Blob. */
const PART_TAGS = new Set(["@", "Q", "W", "B"]);

type Reference = { id: string; kind: "model" | "blob" } | "invalid" | null;

/** A plain string (null), a reference to a part (by its field name), or a value refused. */
function referenceIn(value: string): Reference {
  if (!value.startsWith("$")) return null;
  const tag = value[1] ?? "";
  if (SELF_CONTAINED.has(tag)) return null;
  // BigInt digits (React refuses more than 300); FormData, whose entries are "<id>_<name>" fields.
  if (tag === "n") return /^-?\d{1,300}$/.test(value.slice(2)) ? null : "invalid";
  if (tag === "K") return /^[0-9a-f]{1,8}$/.test(value.slice(2)) ? null : "invalid";
  // Parts are fields named by decimal id; references name them in hex, "$<id>[:path]" for models.
  const hex = (PART_TAGS.has(tag) ? value.slice(2) : value.slice(1)).split(":")[0] ?? "";
  if (!/^[0-9a-f]{1,8}$/.test(hex)) return "invalid";
  return { id: String(Number.parseInt(hex, 16)), kind: tag === "B" ? "blob" : "model" };
}
