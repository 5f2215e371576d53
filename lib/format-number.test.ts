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
