import { PHASE_PRODUCTION_BUILD } from "next/constants.js";
import { createJiti } from "jiti";

// lib/env.ts is TypeScript; jiti loads it here so a bad configuration stops `next build` and
// `next start` with a message that names the variable, before any request is served.
const jiti = createJiti(import.meta.url);
const { parseServerEnv } = await jiti.import("./lib/env.ts");
const { STATIC_SECURITY_HEADERS } = await jiti.import("./lib/security-headers.ts");

/** @param {string} phase */
export default function nextConfig(phase) {
  parseServerEnv(process.env, { isBuild: phase === PHASE_PRODUCTION_BUILD });
  /** @type {import('next').NextConfig} */
  const config = {
    // Do not advertise the framework (SECURITY.md promise 4).
    poweredByHeader: false,
    // Lets parallel builds (several developers' checks on one machine) use separate folders.
    distDir: process.env.NEXT_DIST_DIR || ".next",
    reactStrictMode: true,
    // forbidden() for pages a role may not open.
    experimental: { authInterrupts: true },
    // Native/WASM database drivers are loaded by Node, not bundled.
    serverExternalPackages: ["@electric-sql/pglite", "pg"],
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
