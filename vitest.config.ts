import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

/**
 * Tests of the server code (database, auth, audit...) run in the "database" project, whose
 * globalSetup starts one real PostgreSQL server for the run; the others never wait for it.
 */
const DATABASE_TESTS = ["lib/server/**/*.test.ts"];

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // The marker module throws outside a React Server bundle; its own server build is empty.
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    // Shared by both projects (they extend this config; arrays are concatenated, so `include`
    // is set per project only).
    exclude: ["node_modules/**", ".next/**", ".next-*/**", "e2e/**"],
    environment: "node",
    // The contract tests start real HTTP servers; keep them on one worker per file.
    pool: "forks",
    testTimeout: 30_000,
    // The console's JSON log stays out of test output; log.test.ts captures its own.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", LOG_LEVEL: "silent" },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["**/*.test.ts"], exclude: DATABASE_TESTS },
      },
      {
        extends: true,
        test: {
          name: "database",
          include: DATABASE_TESTS,
          globalSetup: ["test-support/postgres-global-setup.ts"],
          // Opening a new PGlite runs initdb and each password check costs ~200 ms of CPU:
          // seconds each, many more on a busy 2-core machine.
          testTimeout: 90_000,
          // A file's harness opens its databases (both backends) and signs its users in: on a
          // loaded 2-core CI machine that alone once took over 90 s.
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
