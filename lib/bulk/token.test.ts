import { createHash } from "node:crypto";

import { describe, expect, it } from "vitest";

import { sha256 } from "./sha256";
import { fileDigest, rowClientToken } from "./token";

describe("rowClientToken", () => {
  it("is a UUID fixed by the file digest and the row number", async () => {
    const digest = await fileDigest("name\nA\n");
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    const token = rowClientToken(digest, 2);
    expect(token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(rowClientToken(digest, 2)).toBe(token);
    expect(rowClientToken(digest, 3)).not.toBe(token);
    expect(rowClientToken(await fileDigest("name\nB\n"), 2)).not.toBe(token);
  });

  it("keeps the values rows were created with (the derivation is shared with series)", () => {
    expect(rowClientToken("a".repeat(64), 2)).toBe("67a25972-5e51-8dbb-92ae-2de7a4c42444");
  });

  it("derives it with a SHA-256 equal to Node's, for every padding length", () => {
    for (let length = 0; length < 200; length += 1) {
      const bytes = new TextEncoder().encode("é".repeat(length).slice(0, length));
      const node = createHash("sha256").update(bytes).digest("hex");
      expect(Buffer.from(sha256(bytes)).toString("hex")).toBe(node);
    }
  });

  it("digests the text as UTF-8", async () => {
    // sha256("abc"), the FIPS 180-2 example.
    expect(await fileDigest("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });
});
