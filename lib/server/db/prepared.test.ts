import { describe, expect, it, vi } from "vitest";

import type { Database } from "./open";
import { preparedPer } from "./prepared";

describe("preparedPer", () => {
  it("builds a statement once per database and keeps each database's own", () => {
    const build = vi.fn((db: Database) => ({ preparedOn: db }));
    const statementOf = preparedPer(build);
    const first = {} as Database;
    const second = {} as Database;
    const one = statementOf(first);
    expect(statementOf(first)).toBe(one);
    expect(one.preparedOn).toBe(first);
    expect(statementOf(second).preparedOn).toBe(second);
    expect(build).toHaveBeenCalledTimes(2);
  });
});
