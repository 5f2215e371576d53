import { describe, expect, it } from "vitest";

import { EnvError, parseServerEnv } from "./env";

describe("parseServerEnv", () => {
  it("reads a list of instance ids, the Region and the endpoint", () => {
    const env = parseServerEnv({
      CONNECT_INSTANCE_ID: "inst-a, inst-b",
      AWS_REGION: "eu-west-2",
      CONNECT_ENDPOINT: "http://127.0.0.1:4599",
    });
    expect(env).toEqual({
      CONNECT_INSTANCE_ID: ["inst-a", "inst-b"],
      AWS_REGION: "eu-west-2",
      CONNECT_ENDPOINT: "http://127.0.0.1:4599",
    });
  });

  it("defaults the Region and treats empty strings as unset", () => {
    const env = parseServerEnv({
      CONNECT_INSTANCE_ID: "inst-a",
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

  it("lets a build run without run-time settings but still rejects a bad value", () => {
    expect(parseServerEnv({}, { isBuild: true }).CONNECT_INSTANCE_ID).toBeUndefined();
    expect(() => parseServerEnv({ CONNECT_INSTANCE_ID: "bad id!" }, { isBuild: true })).toThrow(
      /CONNECT_INSTANCE_ID: each instance id/,
    );
  });
});
