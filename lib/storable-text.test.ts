import { describe, expect, it } from "vitest";

import { isStorableText, unstorableTextPath } from "./storable-text";

describe("storable text", () => {
  it("accepts ordinary text, emoji and right-to-left scripts", () => {
    for (const text of ["", "Call back Mrs. Ødegård", "🚀 launch", "مرحبا", "a\u200Fb"])
      expect(isStorableText(text)).toBe(true);
  });

  it("refuses NUL and lone surrogates", () => {
    for (const text of ["a\u0000b", "\ud83d", "x\udc00", "\udc00\ud83d"])
      expect(isStorableText(text)).toBe(false);
  });

  it("names the path of the first bad string or key, however deep", () => {
    expect(unstorableTextPath({ name: "ok", references: [{ value: "ok" }] })).toBeNull();
    expect(unstorableTextPath({ name: "ok", references: [{ value: "bad\u0000" }] })).toBe(
      "references.0.value",
    );
    expect(unstorableTextPath({ attributes: { "k\ud800": "v" } })).toBe("attributes.k\ud800");
    expect(unstorableTextPath("\u0000")).toBe("");
    expect(unstorableTextPath([1, null, true, { a: [undefined] }])).toBeNull();
  });
});
