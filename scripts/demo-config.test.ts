import path from "node:path";

import { describe, expect, it } from "vitest";

import { demoConsoleEnv, demoPaths } from "./demo-config";
import { DEFAULT_DATA_DIR, parseServerEnv } from "../lib/env";

const SETTINGS = {
  connectUrl: "http://127.0.0.1:4599",
  authSecret: "demo-config-test-secret-6c2e9a4f1b7d3085",
  host: "127.0.0.1",
  port: 3000,
};
const inside = (folder: string, file: string) =>
  !path.relative(path.resolve(folder), path.resolve(file)).startsWith("..");

describe("npm run demo's data folder", () => {
  it("is its own folder: the demo's console database is never production's default one", () => {
    const paths = demoPaths({});
    // What a production start without DATA_DIR or DATABASE_URL opens.
    const production = parseServerEnv(
      { CONNECT_INSTANCE_ID: "i", BETTER_AUTH_SECRET: SETTINGS.authSecret },
      { isBuild: false },
    );
    expect(production.DATA_DIR).toBe(DEFAULT_DATA_DIR);
    expect(path.resolve(paths.dataDir)).not.toBe(path.resolve(production.DATA_DIR));
    // The embedded PostgreSQL's cluster (db-server/embedded.ts) of each.
    expect(path.resolve(paths.dataDir, "postgres")).not.toBe(
      path.resolve(production.DATA_DIR, "postgres"),
    );
    expect(paths).toEqual({
      dataDir: ".data/demo",
      authSecretFile: ".data/demo/auth-secret",
      connectDataDir: ".data/demo/connect-local",
    });
  });

  it("keeps the console's data, the secret and the local Connect state together in it", () => {
    const paths = demoPaths({ DEMO_DATA_DIR: "/tmp/my-demo" });
    for (const file of [paths.authSecretFile, paths.connectDataDir]) {
      expect(inside("/tmp/my-demo", file)).toBe(true);
    }
    expect(paths.dataDir).toBe("/tmp/my-demo");
  });

  it("ignores production's DATA_DIR and DATABASE_URL from the shell or .env.local", () => {
    const env = demoConsoleEnv(
      { DATA_DIR: "/srv/console", DATABASE_URL: "postgres://db/console" },
      SETTINGS,
    );
    expect(env.DATA_DIR).toBe(".data/demo");
    // Set (empty means "use PGlite"), so Next's .env loading cannot fill it in.
    expect(env.DATABASE_URL).toBe("");
    const parsed = parseServerEnv(env);
    expect(parsed.DATABASE_URL).toBeUndefined();
    expect(parsed.DEMO_USERS).toBe(true);
    expect(parsed.DATA_DIR).toBe(".data/demo");
  });
});
