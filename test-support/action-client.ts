/**
 * Calls the built console's server actions over HTTP the way Next's client router does
 * (fetchServerAction): a POST to a page that bundles the action, the id in `Next-Action`, the
 * arguments encoded by React's encodeReply (JSON for plain values), a same-origin `Origin`.
 * Used by the soak and the fuzzer, which need the raw answer (status, text) as well as the result.
 */
export interface ActionTarget {
  id: string;
  /** A page whose server bundle holds the action. */
  pagePath: string;
}

export interface ActionResultValue {
  ok: boolean;
  code?: string;
  formError?: string;
  fieldErrors?: Record<string, string[]>;
  requiredPermission?: string;
  data?: unknown;
}

export interface RawAnswer {
  status: number;
  text: string;
  headers: Headers;
  ms: number;
}

/**
 * React's encodeReply for plain JSON values: a string that starts with "$" is escaped as "$$"
 * (a leading "$" marks a reference in the reply format), `undefined` becomes "$undefined", and
 * non-finite numbers their tokens. Anything else is JSON as it is.
 */
export function encodeActionArgs(args: unknown[]): string {
  return JSON.stringify(args, function (this: unknown, _key, value: unknown) {
    if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
    if (value === undefined) return "$undefined";
    if (typeof value === "number" && !Number.isFinite(value)) {
      return Number.isNaN(value) ? "$NaN" : value > 0 ? "$Infinity" : "$-Infinity";
    }
    return value;
  });
}

/** The ActionResult out of an RSC answer: rows are "<hex id>:<json>", ours has a boolean `ok`. */
export function parseActionResult(text: string): ActionResultValue | null {
  for (const line of text.split("\n")) {
    const match = /^[0-9a-f]+:(\{.*\})$/.exec(line);
    if (!match?.[1]) continue;
    let value: unknown;
    try {
      value = JSON.parse(match[1]);
    } catch {
      continue;
    }
    if (value && typeof value === "object" && typeof (value as { ok?: unknown }).ok === "boolean")
      return value as ActionResultValue;
  }
  return null;
}

export interface PostOptions {
  cookie?: string;
  /** Replaces or adds headers (a header set to "" is left out). */
  headers?: Record<string, string>;
  /** Aborts the call after this long (the soak's patience; the console must answer before). */
  timeoutMs?: number;
}

/** POSTs a raw body to a page with the action headers; the fuzzer's raw-body cases use it too. */
export async function postAction(
  base: string,
  target: ActionTarget,
  body: string | Uint8Array<ArrayBuffer>,
  options: PostOptions = {},
): Promise<RawAnswer> {
  const headers: Record<string, string> = {
    "Next-Action": target.id,
    "Content-Type": "text/plain;charset=UTF-8",
    Accept: "text/x-component",
    Origin: base,
    ...(options.cookie ? { cookie: options.cookie } : {}),
    ...options.headers,
  };
  for (const [name, value] of Object.entries(headers)) if (value === "") delete headers[name];
  const started = performance.now();
  const response = await fetch(`${base}${target.pagePath}`, {
    method: "POST",
    headers,
    body,
    redirect: "manual",
    signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
  });
  const text = await response.text();
  return {
    status: response.status,
    text,
    headers: response.headers,
    ms: performance.now() - started,
  };
}

export async function callAction(
  base: string,
  target: ActionTarget,
  args: unknown[],
  options: PostOptions = {},
): Promise<RawAnswer & { result: ActionResultValue | null }> {
  const answer = await postAction(base, target, encodeActionArgs(args), options);
  return { ...answer, result: parseActionResult(answer.text) };
}

/** The Set-Cookie lines of an answer as one Cookie header value. */
export function cookieOf(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
}

/** Signs in through the sign-in action; returns the session cookie. */
export async function signInCookie(
  base: string,
  signIn: ActionTarget,
  email: string,
  password: string,
): Promise<string> {
  const answer = await callAction(base, signIn, [{ email, password }]);
  const cookie = cookieOf(answer.headers);
  if (!answer.result?.ok || !cookie.includes("session_token")) {
    throw new Error(
      `Sign-in as ${email} failed (HTTP ${answer.status}): ${answer.text.slice(0, 300)}`,
    );
  }
  return cookie;
}
