import { createJiti } from "jiti";
import { PHASE_PRODUCTION_BUILD } from "next/constants.js";

// lib/env.ts is TypeScript; jiti loads it here so a bad configuration stops `next build` and
// `next start` with a message that names the variable, before any request is served.
const jiti = createJiti(import.meta.url);
const { parseServerEnv } = await jiti.import("./lib/env.ts");
const { STATIC_SECURITY_HEADERS } = await jiti.import("./lib/security-headers.ts");
const { BULK_PAGE_PATH, actionBodyLimitFor } = await jiti.import("./lib/action-request-guard.ts");

/** @param {string} phase */
export default function nextConfig(phase) {
  const env = parseServerEnv(process.env, { isBuild: phase === PHASE_PRODUCTION_BUILD });
  // The largest action body: the bulk page's (a whole file); proxy.ts keeps every other page at 1 MB.
  const actionBodyLimit = actionBodyLimitFor(BULK_PAGE_PATH, env.BULK_MAX_FILE_BYTES);
  /** @type {import('next').NextConfig} */
  const config = {
    // Do not advertise the framework (README.md, Security: the security-headers promise).
    poweredByHeader: false,
    // Lets parallel builds (several developers' checks on one machine) use separate folders.
    distDir: process.env.NEXT_DIST_DIR || ".next",
    reactStrictMode: true,
    // Lets proxy.ts see the router's own headers (Next-Router-State-Tree...), which it would
    // otherwise hide from the proxy, so an unreadable one is refused there instead of failing
    // the render with a 500. The console has no Pages Router or i18n paths to normalise.
    skipProxyUrlNormalize: true,
    experimental: {
      // forbidden() for pages a role may not open.
      authInterrupts: true,
      // The largest limit proxy.ts enforces first (per page), so Next's own never cuts in before it.
      serverActions: { bodySizeLimit: actionBodyLimit },
      // Next copies a request body for the proxy up to this size and silently cuts the rest:
      // twice the action limit, so the proxy always sees a too-large body as too large, and no
      // request holds more than this in memory.
      proxyClientMaxBodySize: 2 * actionBodyLimit,
    },
    // Native/WASM database drivers (and the job engine on them) are loaded by Node, not bundled.
    serverExternalPackages: ["@electric-sql/pglite", "pg", "pg-boss"],
    // The local Connect endpoint and test folders are never part of the app bundle.
    outputFileTracingExcludes: { "*": ["connect-local/**", "e2e/**", ".data/**"] },
    // Static assets bypass the proxy; they still get the request-independent headers.
    async headers() {
      return [
        {
          source: "/:path*",
          headers: Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
        },
      ];
    },
  };
  return config;
}
