import { describe, expect, it } from "vitest";

import { EnvError, parseServerEnv } from "./env";

const SECRET = "s".repeat(32);

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
    expect(env).toMatchObject({ DATA_DIR: ".data", SIGN_IN_MAX_FAILURES: 3, DEMO_USERS: false });
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
