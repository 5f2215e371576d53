import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { DEMO_ACCOUNT_LIST, DEMO_ACCOUNTS } from "./demo-accounts";
import { ROLES } from "./permissions";

/**
 * The demo accounts are published: README.md's table is what people type, so it must say what
 * the seed creates and the e2e suite and bench sign in with (all read this module).
 */
describe("the demo accounts", () => {
  it("are one per role, in the order of ROLES, each with its own address", () => {
    expect(DEMO_ACCOUNT_LIST.map((demo) => demo.role)).toEqual([...ROLES]);
    for (const role of ROLES) expect(DEMO_ACCOUNTS[role].role).toBe(role);
    expect(new Set(DEMO_ACCOUNT_LIST.map((demo) => demo.email)).size).toBe(ROLES.length);
  });

  it("are the ones README.md publishes", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const published = [...readme.matchAll(/^\| (\w+) +\| `([^`]+)` +\| `([^`]+)` +\|$/gm)].map(
      ([, role, email, password]) => ({ role, email, password }),
    );
    expect(published).toEqual(
      DEMO_ACCOUNT_LIST.map(({ role, email, password }) => ({ role, email, password })),
    );
  });
});
