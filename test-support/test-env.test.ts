import { describe, expect, it } from "vitest";

import { SERVER_ENV_KEYS } from "@/lib/env";

import { TestEnvError, parseTestEnv, testConsoleEnv, testServerSettings } from "./test-env";

describe("parseTestEnv", () => {
  it("runs everything on 127.0.0.1 with the default ports, folders and Chromium", () => {
    expect(parseTestEnv({})).toEqual({
      host: "127.0.0.1",
      consolePort: 3100,
      connectPort: 4610,
      consoleUrl: "http://127.0.0.1:3100",
      connectUrl: "http://127.0.0.1:4610",
      consoleDataDir: ".data/e2e-3100/console",
      connectDataDir: ".data/e2e-3100/connect-local",
      connectStateFile: ".data/e2e-3100/connect-local/state.json",
      outputDir: "test-results",
      authStateDir: "test-results/.auth",
      chromiumPath: "/usr/bin/chromium",
      distDir: ".next",
      isCi: false,
      runs: {},
    });
  });

  it("takes the ports, folders and another loopback address from the environment", () => {
    const env = parseTestEnv({
      E2E_HOST: "127.0.0.2",
      E2E_CONSOLE_PORT: "3209",
      E2E_CONNECT_PORT: "4629",
      E2E_OUTPUT_DIR: "test-results-tests",
      NEXT_DIST_DIR: ".next-tests",
      CI: "1",
    });
    expect(env).toMatchObject({
      consoleUrl: "http://127.0.0.2:3209",
      connectUrl: "http://127.0.0.2:4629",
      consoleDataDir: ".data/e2e-3209/console",
      authStateDir: "test-results-tests/.auth",
      distDir: ".next-tests",
      isCi: true,
    });
  });

  it("counts an empty variable as unset", () => {
    expect(parseTestEnv({ E2E_CONSOLE_PORT: "", E2E_HOST: "", CI: "" })).toMatchObject({
      consolePort: 3100,
      host: "127.0.0.1",
      isCi: false,
    });
  });

  it.each(["10.0.0.5", "192.168.1.20", "example.com", "127.0.0.1.example.com", "127.0.0.256"])(
    "refuses %s as a target: not a loopback address",
    (host) => {
      expect(() => parseTestEnv({ E2E_HOST: host })).toThrow(
        /E2E_HOST: must be a loopback address/,
      );
    },
  );

  it("names each bad variable", () => {
    let error: unknown;
    try {
      parseTestEnv({ E2E_CONSOLE_PORT: "80", E2E_CONNECT_PORT: "many", CHROMIUM_PATH: "chromium" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TestEnvError);
    const message = (error as Error).message;
    expect(message).toMatch(/E2E_CONSOLE_PORT: must be a port from 1024 to 65535/);
    expect(message).toMatch(/E2E_CONNECT_PORT: must be a port number/);
    expect(message).toMatch(/CHROMIUM_PATH: must be an absolute path/);
  });

  it("takes the bench's and the proofs' run sizes, and refuses ones that are not", () => {
    expect(
      parseTestEnv({
        BENCH_RUNS: "5",
        FUZZ_RUNS: "600",
        FUZZ_SEED: "0",
        FUZZ_TARGETS: "^app/.*#startTask$",
        SOAK_TASKS: "200",
        SOAK_CONCURRENCY: "8",
      }).runs,
    ).toEqual({
      bench: 5,
      fuzz: 600,
      fuzzSeed: 0,
      fuzzTargets: "^app/.*#startTask$",
      soakTasks: 200,
      soakConcurrency: 8,
    });
    let message = "";
    try {
      parseTestEnv({ BENCH_RUNS: "lots", FUZZ_SEED: "-1", FUZZ_TARGETS: "(", SOAK_TASKS: "0" });
    } catch (caught) {
      message = (caught as Error).message;
    }
    expect(message).toMatch(/BENCH_RUNS: must be a whole number/);
    expect(message).toMatch(/FUZZ_SEED: must be 0 or more/);
    expect(message).toMatch(/FUZZ_TARGETS: must be a regular expression/);
    expect(message).toMatch(/SOAK_TASKS: must be at least 1/);
  });

  it("refuses one port for both servers", () => {
    expect(() => parseTestEnv({ E2E_CONSOLE_PORT: "4000", E2E_CONNECT_PORT: "4000" })).toThrow(
      /E2E_CONNECT_PORT: must differ from E2E_CONSOLE_PORT/,
    );
  });
});

describe("testConsoleEnv", () => {
  const shell: NodeJS.ProcessEnv = {
    NODE_ENV: "test",
    PATH: "/usr/bin",
    DATABASE_URL: "postgres://ops@db.internal/console",
    SIGN_IN_MAX_FAILURES: "50",
    CONNECT_ENDPOINT: "https://connect.eu-west-2.amazonaws.com",
    CONNECT_LOCAL_MAX_LINKED_TASKS: "3",
  };

  it("keeps the process's own variables and blanks every console and endpoint setting it was not given", () => {
    const env = testConsoleEnv({ DATA_DIR: ".data/e2e-3100/console", DEMO_USERS: "1" }, shell);
    expect(env.PATH).toBe("/usr/bin");
    expect(env.DATABASE_URL).toBe("");
    expect(env.SIGN_IN_MAX_FAILURES).toBe("");
    expect(env.CONNECT_ENDPOINT).toBe("");
    expect(env.CONNECT_LOCAL_MAX_LINKED_TASKS).toBe("");
    expect(env).toMatchObject({ DATA_DIR: ".data/e2e-3100/console", DEMO_USERS: "1" });
    for (const key of SERVER_ENV_KEYS) expect(env, key).toHaveProperty(key);
  });

  it("gives a launcher that adds the environment itself only the blanks and the settings", () => {
    const settings = testServerSettings({ DEMO_USERS: "1" }, shell);
    expect(settings).not.toHaveProperty("PATH");
    expect(settings).toMatchObject({
      DEMO_USERS: "1",
      DATABASE_URL: "",
      CONNECT_LOCAL_MAX_LINKED_TASKS: "",
    });
  });

  it("lists the settings the console reads", () => {
    expect(SERVER_ENV_KEYS).toEqual(
      expect.arrayContaining([
        "DATABASE_URL",
        "BETTER_AUTH_SECRET",
        "CONNECT_ENDPOINT",
        "DATA_DIR",
      ]),
    );
  });
});
