import { describe, expect, it } from "vitest";

import { REDACTED, redact } from "./redact";

describe("redact", () => {
  it("removes secrets at any depth and keeps the ClientToken", () => {
    const out = redact({
      email: "a@b.example",
      password: "correct horse battery",
      nested: { secretAccessKey: "abc", sessionToken: "t", list: [{ Authorization: "Bearer x" }] },
      ClientToken: "6400770f-e294-4a46-aca1-6c7d4d7997f6",
      when: new Date("2030-01-02T03:04:05Z"),
    });
    expect(out).toEqual({
      email: "a@b.example",
      password: REDACTED,
      nested: {
        secretAccessKey: REDACTED,
        sessionToken: REDACTED,
        list: [{ Authorization: REDACTED }],
      },
      ClientToken: "6400770f-e294-4a46-aca1-6c7d4d7997f6",
      when: "2030-01-02T03:04:05.000Z",
    });
  });

  it("leaves plain values alone", () => {
    expect(redact("text")).toBe("text");
    expect(redact(42)).toBe(42);
    expect(redact(null)).toBeNull();
  });
});
