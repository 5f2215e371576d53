import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";

import { formatCount } from "./format-number";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("formatCount", () => {
  it("groups thousands the English way", () => {
    expect(formatCount(32_768)).toBe("32,768");
    expect(formatCount(129_600)).toBe("129,600");
    expect(formatCount(7)).toBe("7");
  });

  it("writes every whole number as Intl's English formatter does", () => {
    const intl = new Intl.NumberFormat("en");
    for (const n of [0, -0, 1, 999, 1_000, -1_000, 999_999, 1_000_000, Number.MAX_SAFE_INTEGER])
      expect(formatCount(n)).toBe(intl.format(n));
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => formatCount(n) === intl.format(n)),
      { numRuns: 2_000 },
    );
  });

  it("builds no ICU formatter for whole numbers, not even as it loads (the composer starts with it)", async () => {
    vi.resetModules();
    const constructed = vi.spyOn(Intl, "NumberFormat");
    const { formatCount: loaded } = await import("./format-number");
    for (let n = 0; n < 50; n++) loaded(n * 1000);
    expect(constructed).not.toHaveBeenCalled();
  });

  it("writes fractions (never shown today) as Intl does", () => {
    expect(formatCount(1234.5)).toBe("1,234.5");
    expect(formatCount(-0.25)).toBe("-0.25");
  });

  it("reuses one formatter: Number#toLocaleString builds a new one on every call", () => {
    const toLocaleString = vi.spyOn(Number.prototype, "toLocaleString");
    const constructed = vi.spyOn(Intl, "NumberFormat");
    for (let n = 0; n < 50; n++) formatCount(n * 1000);
    expect(toLocaleString).not.toHaveBeenCalled();
    expect(constructed).not.toHaveBeenCalled();
  });
});

describe("the task schema's messages", () => {
  it("are built without a formatter per limit (the composer loads this module)", async () => {
    vi.resetModules();
    const toLocaleString = vi.spyOn(Number.prototype, "toLocaleString");
    const { createTaskSchema } = await import("./task/schema");
    createTaskSchema({ now: () => new Date() });
    expect(toLocaleString).not.toHaveBeenCalled();
  });
});
