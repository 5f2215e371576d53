import { createHash } from "node:crypto";

import { describe, expect, it } from "vitest";

import { sha256, sha256WithPrefix } from "./sha256";
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

  it("hashes a prefix once and any suffix after it as Node hashes the two together", () => {
    for (const prefixLength of [0, 1, 55, 63, 64, 65, 119, 128, 130]) {
      const prefix = new Uint8Array(prefixLength).map((_, index) => (index * 7 + 3) % 256);
      const hash = sha256WithPrefix(prefix);
      for (const suffixLength of [0, 1, 8, 55, 56, 64, 70]) {
        const suffix = new Uint8Array(suffixLength).map((_, index) => (index * 13 + 1) % 256);
        const node = createHash("sha256").update(prefix).update(suffix).digest("hex");
        expect(Buffer.from(hash(suffix)).toString("hex")).toBe(node);
      }
    }
  });

  it("is the first 16 bytes of sha256('<digest>:<row>') with the UUID bits set", async () => {
    const digest = await fileDigest("name\nA\n");
    for (const row of [2, 9, 10, 99_999, 10_001]) {
      const bytes = createHash("sha256").update(`${digest}:${row}`).digest().subarray(0, 16);
      bytes[6] = (bytes[6]! & 0x0f) | 0x80;
      bytes[8] = (bytes[8]! & 0x3f) | 0x80;
      const hex = bytes.toString("hex");
      const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      expect(rowClientToken(digest, row)).toBe(uuid);
    }
  });

  it("digests the text as UTF-8", async () => {
    // sha256("abc"), the FIPS 180-2 example.
    expect(await fileDigest("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });
});
