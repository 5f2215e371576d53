import type { TestProject } from "vitest/node";

import { startTestPostgres } from "./postgres-server";

/**
 * What the test workers learn about the shared server. A start failure is handed over instead of
 * thrown, so every PostgreSQL test fails with the reason while the rest of the suite still runs.
 */
export type TestPostgresInfo = { url: string } | { error: string };

declare module "vitest" {
  export interface ProvidedContext {
    testPostgres: TestPostgresInfo;
  }
}

/**
 * Vitest globalSetup of the "database" project: one PostgreSQL server for the whole run, shared
 * by every test file (each file makes its own database on it), stopped and deleted at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  try {
    const server = await startTestPostgres();
    project.provide("testPostgres", { url: server.adminUrl });
    return () => server.stop();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(message);
    project.provide("testPostgres", { error: message });
    return () => Promise.resolve();
  }
}
