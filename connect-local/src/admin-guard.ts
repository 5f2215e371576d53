/**
 * Keeps the admin API (no auth, it moves the clock and injects faults) out of reach of web pages.
 * A page on any site can make the browser send requests to 127.0.0.1, and with DNS rebinding
 * (its own name re-pointed at 127.0.0.1) read the answers too. Browsers always send the name they
 * resolved as Host, and an Origin on cross-site and on mutating requests; the only requests a page
 * can send cross-site without a CORS preflight are GET/HEAD and POSTs with a form's content types.
 * So: Host must be a loopback name or address with this server's port, an Origin (when present)
 * must be loopback, and mutating calls must be JSON. No CORS headers are ever sent, so preflights
 * fail. Tools and scripts (curl, fetch in Node, Playwright's request context) send no Origin.
 */
import type { IncomingHttpHeaders } from "node:http";

export interface AdminRefusal {
  status: 403 | 415;
  message: string;
}

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function isLoopbackHostname(hostname: string): boolean {
  // URL has already normalised IPv4 forms ("127.1" → "127.0.0.1") and bracketed IPv6.
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** Why this admin request must be refused, or undefined when it may go on. */
export function refuseAdminRequest(
  method: string,
  headers: IncomingHttpHeaders,
  localPort: number | undefined,
): AdminRefusal | undefined {
  const host = headers.host ?? "";
  const parsedHost = parse(`http://${host}`);
  const hostPort = parsedHost && (parsedHost.port === "" ? "80" : parsedHost.port);
  if (
    !parsedHost ||
    parsedHost.username !== "" ||
    parsedHost.pathname !== "/" ||
    !isLoopbackHostname(parsedHost.hostname) ||
    hostPort !== String(localPort)
  ) {
    return {
      status: 403,
      message: `Host "${host}" is not a loopback address with this endpoint's port ${localPort}; the admin API answers only requests to 127.0.0.1:${localPort}, localhost:${localPort} or [::1]:${localPort}.`,
    };
  }
  const origin = headers.origin;
  if (origin !== undefined) {
    const parsedOrigin = parse(origin);
    if (
      !parsedOrigin ||
      !["http:", "https:"].includes(parsedOrigin.protocol) ||
      !isLoopbackHostname(parsedOrigin.hostname)
    ) {
      return {
        status: 403,
        message: `Origin "${origin}" is not a loopback origin; the admin API cannot be used from web pages of other sites.`,
      };
    }
  }
  if (MUTATING.has(method)) {
    const type = (headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
    if (type !== "application/json") {
      return {
        status: 415,
        message: `${method} on the admin API needs content-type: application/json (got ${headers["content-type"] ? `"${headers["content-type"]}"` : "none"}).`,
      };
    }
  }
  return undefined;
}
