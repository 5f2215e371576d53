/**
 * No AWS key is ever committed: every tracked text file is searched for an access key id or a
 * secret key assignment. The e2e canaries are fake on purpose (and must be found, proving the
 * search works); so are the marker values of the credentials test.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g;
const SECRET_ASSIGNMENT = /aws_secret_access_key\s*[=:]\s*["']?[A-Za-z0-9/+]{40}\b/gi;
const FAKE_ON_PURPOSE = new Set(["e2e/canaries.json", "lib/server/connect/credentials.test.ts"]);

function trackedTextFiles(): string[] {
  return execFileSync("git", ["ls-files", "-z"], { encoding: "utf8" })
    .split("\0")
    .filter((file) => file && !/\.(png|ico|svg|jpg|woff2?)$/.test(file));
}

describe("committed files", () => {
  it("hold no AWS access key id or secret key, only the canaries made for the tests", () => {
    const found: string[] = [];
    for (const file of trackedTextFiles()) {
      const text = readFileSync(file, "utf8");
      for (const match of [...text.matchAll(ACCESS_KEY_ID), ...text.matchAll(SECRET_ASSIGNMENT)])
        found.push(`${file}: ${match[0]}`);
    }
    expect(found.filter((entry) => !FAKE_ON_PURPOSE.has(entry.split(":")[0]!))).toEqual([]);
    // The search finds a key where one is: the canary access key id.
    expect(found.some((entry) => entry.startsWith("e2e/canaries.json: AKIA"))).toBe(true);
  });
});
