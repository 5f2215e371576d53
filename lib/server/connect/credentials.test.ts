/**
 * Against AWS the client gets no credentials of its own: the SDK's default provider chain finds
 * them (here: the environment's, with marker values; nothing is sent anywhere).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type * as ClientModule from "./client";

const saved = { ...process.env };
let client: typeof ClientModule;

beforeAll(async () => {
  delete process.env.CONNECT_ENDPOINT;
  Object.assign(process.env, {
    CONNECT_INSTANCE_ID: "credentials-test-instance",
    BETTER_AUTH_SECRET: "credentials-test-secret-4b8e1f0c9a7d2e63",
    AWS_REGION: "eu-west-2",
    AWS_ACCESS_KEY_ID: "AKIAMARKERFROMCHAIN01",
    AWS_SECRET_ACCESS_KEY: "marker-secret-from-the-default-chain",
  });
  client = await import("./client");
});

afterAll(() => {
  process.env = saved;
});

describe("the Connect client's credentials", () => {
  it("come from the default provider chain against AWS", async () => {
    const credentials = await client.connectClient().config.credentials();
    expect(credentials.accessKeyId).toBe("AKIAMARKERFROMCHAIN01");
    expect(credentials.secretAccessKey).toBe("marker-secret-from-the-default-chain");
    expect(client.connectSettings()).toMatchObject({
      mode: "aws",
      region: "eu-west-2",
      endpoint: "https://connect.eu-west-2.amazonaws.com",
      credentialSource: "environment variables (AWS_ACCESS_KEY_ID)",
    });
  });
});
