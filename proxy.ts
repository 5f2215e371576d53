import { type NextRequest, NextResponse } from "next/server";

import type { GuardVerdict } from "@/lib/action-reply-check";
import {
  actionBodyLimitFor,
  checkActionRequest,
  checkRouterStateHeader,
} from "@/lib/action-request-guard";
import { serverEnv } from "@/lib/env";
import {
  HSTS_HEADER,
  STATIC_SECURITY_HEADERS,
  contentSecurityPolicy,
  createNonce,
} from "@/lib/security-headers";

/**
 * Sets the nonce CSP and the other security headers, and refuses a request Next's own decoders
 * would fail on with a 500 (an oversized or malformed server action, an unreadable router state
 * header): 413 / 400 with a short text that the client router shows as the error. This is not an
 * authorisation layer: every page, action and route handler checks the session itself.
 */
export async function proxy(request: NextRequest) {
  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce, { isDev: process.env.NODE_ENV === "development" });

  const refusal = await refusalOf(request);
  if (refusal) {
    // Exactly "text/plain": the client router then uses the text as the error message.
    const response = new NextResponse(refusal.message, {
      status: refusal.status,
      headers: { "content-type": "text/plain", "cache-control": "no-store" },
    });
    return withSecurityHeaders(response, csp, request);
  }

  const requestHeaders = new Headers(request.headers);
  // Next reads the nonce from the request's CSP header and stamps it on its own scripts.
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  // Lets a page that refuses access record which address was refused (server components do not
  // otherwise see the path). Overwritten here, so a client cannot forge it.
  requestHeaders.set("x-console-path", request.nextUrl.pathname.slice(0, 512));
  // A server action called from the page answers with a few hundred bytes of Flight (the result):
  // gzip barely shrinks that, yet costs the submit a compression stream and its thread-pool round
  // trips (1-4 ms here, README "Submit latency"). Next compresses whatever the request accepts,
  // so the answer to such a call is asked for uncompressed; pages and their assets still are.
  if (request.method === "POST" && request.headers.has("next-action"))
    requestHeaders.delete("accept-encoding");

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  return withSecurityHeaders(response, csp, request);
}

function withSecurityHeaders(response: NextResponse, csp: string, request: NextRequest) {
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS))
    response.headers.set(name, value);
  if (isHttps(request)) response.headers.set(...HSTS_HEADER);
  return response;
}

async function refusalOf(
  request: NextRequest,
): Promise<Exclude<GuardVerdict, { ok: true }> | null> {
  const state = checkRouterStateHeader(request.headers);
  if (!state.ok) return state;
  try {
    const limit = actionBodyLimitFor(request.nextUrl.pathname, serverEnv().BULK_MAX_FILE_BYTES);
    const action = await checkActionRequest(request, limit);
    return action.ok ? null : action;
  } catch {
    // The body could not be read to its end (the client went away mid-upload).
    return { ok: false, status: 400, message: "Malformed request: the body could not be read." };
  }
}

function isHttps(request: NextRequest): boolean {
  // `next start` never terminates TLS itself, and Next derives nextUrl.protocol from the
  // client-supplied X-Forwarded-Proto: trust that header only when the operator said a proxy
  // sets it.
  return serverEnv().TRUST_PROXY_PROTO && request.headers.get("x-forwarded-proto") === "https";
}

export const config = {
  // Prefetches too: a request skipped here (any client may add `next-router-prefetch`) would
  // reach Next's decoders unchecked.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
