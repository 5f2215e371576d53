import { describe, expect, it } from "vitest";

import { encodeActionArgs, parseActionResult } from "./action-client";

describe("encodeActionArgs", () => {
  it("escapes what React's encodeReply escapes, and leaves plain JSON alone", () => {
    expect(
      encodeActionArgs([{ a: "$1", b: "plain", c: undefined, d: Number.NaN, e: [1, "$$"] }]),
    ).toBe('[{"a":"$$1","b":"plain","c":"$undefined","d":"$NaN","e":[1,"$$$"]}]');
    expect(encodeActionArgs([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])).toBe(
      '["$Infinity","$-Infinity"]',
    );
  });
});

describe("parseActionResult", () => {
  it("finds the row holding the ActionResult in an RSC answer", () => {
    const text =
      '0:{"a":"$@1","f":"","b":"x"}\n1:{"ok":false,"code":"FORBIDDEN","fieldErrors":{}}\n';
    expect(parseActionResult(text)).toEqual({ ok: false, code: "FORBIDDEN", fieldErrors: {} });
  });

  it("answers null for an error row or a page", () => {
    expect(parseActionResult('0:{"a":"$@1"}\n1:E{"digest":"42"}\n')).toBeNull();
    expect(parseActionResult("<!DOCTYPE html><html></html>")).toBeNull();
  });
});
