import { type NextRequest, NextResponse } from "next/server";

import { serverEnv } from "@/lib/env";
import {
  HSTS_HEADER,
  STATIC_SECURITY_HEADERS,
  contentSecurityPolicy,
  createNonce,
} from "@/lib/security-headers";

/**
 * Sets the nonce CSP and the other security headers. This is not an authorisation layer: every
 * page, action and route handler checks the session itself.
 */
export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce, { isDev: process.env.NODE_ENV === "development" });

  const requestHeaders = new Headers(request.headers);
  // Next reads the nonce from the request's CSP header and stamps it on its own scripts.
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  // Lets a page that refuses access record which address was refused (server components do not
  // otherwise see the path). Overwritten here, so a client cannot forge it.
  requestHeaders.set("x-console-path", request.nextUrl.pathname.slice(0, 512));

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS))
    response.headers.set(name, value);
  if (isHttps(request)) response.headers.set(...HSTS_HEADER);
  return response;
}

function isHttps(request: NextRequest): boolean {
  // `next start` never terminates TLS itself, and Next derives nextUrl.protocol from the
  // client-supplied X-Forwarded-Proto: trust that header only when the operator said a proxy
  // sets it.
  return serverEnv().TRUST_PROXY_PROTO && request.headers.get("x-forwarded-proto") === "https";
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
