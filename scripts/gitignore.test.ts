/**
 * Environment files hold secrets (BETTER_AUTH_SECRET, ADMIN_PASSWORD, DATABASE_URL): git must
 * ignore every one of them, in any folder, except the committed template; likewise the e2e
 * setup project's stored sign-ins (session cookies). Asked of git itself, so the test follows
 * .gitignore's real rules.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

function isIgnored(path: string): boolean {
  // --no-index: the answer for a new file, whatever is tracked today.
  const result = spawnSync("git", ["check-ignore", "--no-index", "--quiet", path], { cwd: root });
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`git check-ignore failed: ${result.stderr.toString()}`);
  }
  return result.status === 0;
}

describe(".gitignore", () => {
  it.each([
    ".env",
    ".env.local",
    ".env.production",
    ".env.production.local",
    ".env.development.local",
    ".env.test",
    ".env.staging",
    ".envrc",
    "connect-local/.env.local",
    "scripts/.env",
  ])("ignores %s", (path) => {
    expect(isIgnored(path)).toBe(true);
  });

  it.each(["test-results/.auth/admin.json", "test-results-tests/.auth/lead.json", ".auth/x.json"])(
    "ignores the stored e2e sign-in %s",
    (path) => {
      expect(isIgnored(path)).toBe(true);
    },
  );

  it("keeps the template .env.example", () => {
    expect(isIgnored(".env.example")).toBe(false);
  });
});
