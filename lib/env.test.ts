import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import canaries from "@/e2e/canaries.json" with { type: "json" };
import { secretWeakness } from "@/lib/secret-strength";

import {
  EnvError,
  connectTimings,
  parseServerEnv,
  scheduleMaxSeconds,
} from "./env";

const SECRET = randomBytes(32).toString("base64");

describe("parseServerEnv", () => {
  it("reads a list of instance ids, the Region and the endpoint", () => {
    const env = parseServerEnv({
      CONNECT_INSTANCE_ID: "inst-a, inst-b",
      BETTER_AUTH_SECRET: SECRET,
      AWS_REGION: "eu-west-2",
      CONNECT_ENDPOINT: "http://127.0.0.1:4599",
    });
    expect(env).toMatchObject({
      CONNECT_INSTANCE_ID: ["inst-a", "inst-b"],
      AWS_REGION: "eu-west-2",
      CONNECT_ENDPOINT: "http://127.0.0.1:4599",
    });
  });

  it("defaults the Region and treats empty strings as unset", () => {
    const env = parseServerEnv({
      CONNECT_INSTANCE_ID: "inst-a",
      BETTER_AUTH_SECRET: SECRET,
      AWS_REGION: "",
      CONNECT_ENDPOINT: "",
    });
    expect(env.AWS_REGION).toBe("us-east-1");
    expect(env.CONNECT_ENDPOINT).toBeUndefined();
  });

  it("names every bad variable in one message", () => {
    const parse = () => parseServerEnv({ AWS_REGION: "Frankfurt", CONNECT_ENDPOINT: "ftp://x" });
    expect(parse).toThrow(EnvError);
    expect(parse).toThrow(/CONNECT_INSTANCE_ID/);
    expect(parse).toThrow(/AWS_REGION: must be an AWS Region/);
    expect(parse).toThrow(/CONNECT_ENDPOINT: must be an http\(s\) URL/);
  });

  it("takes plain http for CONNECT_ENDPOINT only on a loopback address", () => {
    const endpoint = (CONNECT_ENDPOINT: string) =>
      parseServerEnv({
        CONNECT_INSTANCE_ID: "inst-a",
        BETTER_AUTH_SECRET: SECRET,
        CONNECT_ENDPOINT,
      }).CONNECT_ENDPOINT;
    for (const url of [
      "http://127.0.0.1:4599",
      "http://127.8.9.10:4599",
      "http://localhost:4599",
      "http://[::1]:4599",
      "https://connect.eu-west-2.amazonaws.com",
      "https://vpce-0a1b.connect.eu-west-2.vpce.amazonaws.com",
    ])
      expect(endpoint(url), url).toBe(url);
    for (const url of [
      "http://connect.eu-west-2.amazonaws.com",
      "http://10.0.0.5:4599",
      "http://127.evil.example:4599",
      "http://localhost.evil.example",
    ])
      expect(() => endpoint(url), url).toThrow(
        "CONNECT_ENDPOINT: plain http only for a loopback address (127.0.0.1, localhost, [::1]); use https",
      );
  });

  it("lets a build run without run-time settings but still rejects a bad value", () => {
    expect(parseServerEnv({}, { isBuild: true }).CONNECT_INSTANCE_ID).toBeUndefined();
    expect(() => parseServerEnv({ CONNECT_INSTANCE_ID: "bad id!" }, { isBuild: true })).toThrow(
      /CONNECT_INSTANCE_ID: each instance id/,
    );
  });
});

describe("parseServerEnv: database, auth and sign-in settings", () => {
  const base = { CONNECT_INSTANCE_ID: "inst-a", BETTER_AUTH_SECRET: SECRET };

  it("defaults to the embedded database and per-account sign-in limits", () => {
    const env = parseServerEnv(base);
    expect(env).toMatchObject({
      DATA_DIR: ".data",
      SIGN_IN_MAX_FAILURES: 3,
      SIGN_IN_MAX_FAILURES_PER_ACCOUNT: 20,
      SIGN_IN_WINDOW_SECONDS: 900,
      DEMO_USERS: false,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.TRUSTED_IP_HEADER).toBeUndefined();
  });

  it("refuses a short secret, a non-postgres URL and a short admin password, by name", () => {
    const parse = () =>
      parseServerEnv({
        CONNECT_INSTANCE_ID: "inst-a",
        BETTER_AUTH_SECRET: "short",
        DATABASE_URL: "mysql://db/console",
        ADMIN_PASSWORD: "elevenchars",
      });
    expect(parse).toThrow(/BETTER_AUTH_SECRET: must be at least 32 characters/);
    expect(parse).toThrow(/DATABASE_URL: must be a postgres/);
    expect(parse).toThrow(/ADMIN_PASSWORD: must be at least 12 characters/);
  });

  it("normalises the trusted IP header and parses flags", () => {
    const env = parseServerEnv({ ...base, TRUSTED_IP_HEADER: "X-Real-IP", DEMO_USERS: "1" });
    expect(env.TRUSTED_IP_HEADER).toBe("x-real-ip");
    expect(env.DEMO_USERS).toBe(true);
    expect(() => parseServerEnv({ ...base, TRUSTED_IP_HEADER: "x real ip" })).toThrow(
      /TRUSTED_IP_HEADER/,
    );
  });
});

describe("parseServerEnv: sign-in limits", () => {
  const base = { CONNECT_INSTANCE_ID: "inst-a", BETTER_AUTH_SECRET: SECRET };

  it("reads the per-account limit and refuses one that is not a positive whole number", () => {
    expect(
      parseServerEnv({ ...base, SIGN_IN_MAX_FAILURES_PER_ACCOUNT: "50" })
        .SIGN_IN_MAX_FAILURES_PER_ACCOUNT,
    ).toBe(50);
    for (const bad of ["0", "2.5", "many"]) {
      expect(() => parseServerEnv({ ...base, SIGN_IN_MAX_FAILURES_PER_ACCOUNT: bad })).toThrow(
        /SIGN_IN_MAX_FAILURES_PER_ACCOUNT/,
      );
    }
  });

  it("schedules up to 365 days by default, and never less far than the horizon", () => {
    const env = parseServerEnv(base);
    expect(env.SCHEDULE_MAX_DAYS).toBe(365);
    expect(scheduleMaxSeconds(env)).toBe(365 * 86_400);
    expect(parseServerEnv({ ...base, SCHEDULE_MAX_DAYS: "3650" }).SCHEDULE_MAX_DAYS).toBe(3_650);
    expect(
      parseServerEnv({ ...base, SCHEDULE_HORIZON_DAYS: "6", SCHEDULE_MAX_DAYS: "6" })
        .SCHEDULE_MAX_DAYS,
    ).toBe(6);
    for (const bad of ["0", "3651", "20.5", "soon"]) {
      expect(() => parseServerEnv({ ...base, SCHEDULE_MAX_DAYS: bad }), bad).toThrow(
        /SCHEDULE_MAX_DAYS/,
      );
    }
    expect(() =>
      parseServerEnv({ ...base, SCHEDULE_HORIZON_DAYS: "30", SCHEDULE_MAX_DAYS: "20" }),
    ).toThrow(/SCHEDULE_MAX_DAYS: must be at least SCHEDULE_HORIZON_DAYS/);
    // The largest horizon (90 days) still fits under the default maximum.
    expect(parseServerEnv({ ...base, SCHEDULE_HORIZON_DAYS: "90" }).SCHEDULE_MAX_DAYS).toBe(365);
  });
});

describe("BETTER_AUTH_SECRET must be random, not just long", () => {
  const parseWith = (secret: string) => () =>
    parseServerEnv({ CONNECT_INSTANCE_ID: "inst-a", BETTER_AUTH_SECRET: secret });

  it.each([
    ["one character repeated", "x".repeat(32), /uses only 1 different characters/],
    ["few characters", "abcabcab".repeat(4) + "ddd", /uses only 4 different characters/],
    [
      "mostly one character",
      `${"a".repeat(7)}b${"a".repeat(7)}c${"a".repeat(7)}d${"a".repeat(3)}efghij`,
      /bits of entropy/,
    ],
    ["a repeated word", "test-secret-test-secret-test-secret-42", /repeats a run of 8/],
    ["a repeated word", "changeme-changeme-changeme-changeme", /repeats a run of 8/],
    ["too short", "k8#Qz!2m", /must be at least 32 characters/],
  ])("refuses %s, naming the variable and how to make one", (_, secret, reason) => {
    expect(parseWith(secret)).toThrow(EnvError);
    expect(parseWith(secret)).toThrow(reason);
    expect(parseWith(secret)).toThrow(/BETTER_AUTH_SECRET: .*openssl rand -base64 32/);
  });

  it("accepts what openssl, Node and the e2e canary make", () => {
    expect(secretWeakness(canaries.BETTER_AUTH_SECRET)).toBeNull();
    for (let sample = 0; sample < 200; sample += 1) {
      expect(secretWeakness(randomBytes(32).toString("base64"))).toBeNull();
      expect(secretWeakness(randomBytes(32).toString("base64url"))).toBeNull();
      expect(secretWeakness(randomBytes(32).toString("hex"))).toBeNull();
    }
    expect(parseWith(canaries.BETTER_AUTH_SECRET)().BETTER_AUTH_SECRET).toBe(
      canaries.BETTER_AUTH_SECRET,
    );
  });
});

describe("parseServerEnv: Connect's idempotency window", () => {
  const base = { CONNECT_INSTANCE_ID: "inst-a", BETTER_AUTH_SECRET: SECRET };

  it("defaults to 60 minutes and accepts 5 to 1,440", () => {
    expect(parseServerEnv(base).CONNECT_IDEMPOTENCY_WINDOW_MINUTES).toBe(60);
    expect(
      parseServerEnv({ ...base, CONNECT_IDEMPOTENCY_WINDOW_MINUTES: "1440" })
        .CONNECT_IDEMPOTENCY_WINDOW_MINUTES,
    ).toBe(1440);
    for (const bad of ["4", "1441", "ten", "7.5"]) {
      expect(() => parseServerEnv({ ...base, CONNECT_IDEMPOTENCY_WINDOW_MINUTES: bad })).toThrow(
        /CONNECT_IDEMPOTENCY_WINDOW_MINUTES/,
      );
    }
  });

  it("is read with the call timings alone, without the rest of the configuration", () => {
    expect(connectTimings({})).toEqual({
      requestTimeoutMs: 10_000,
      maxAttempts: 3,
      idempotencyWindowMs: 60 * 60_000,
    });
    expect(
      connectTimings({ CONNECT_IDEMPOTENCY_WINDOW_MINUTES: "5", CONNECT_MAX_ATTEMPTS: "1" }),
    ).toMatchObject({ maxAttempts: 1, idempotencyWindowMs: 5 * 60_000 });
  });
});
