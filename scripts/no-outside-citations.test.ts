/**
 * The repository cites only itself. What the code relies on about Amazon Connect is written in
 * docs/connect-api.md, the security promises in README.md, the conventions in CODE_STYLE.md: a
 * comment that sends a reader to notes kept outside the repository (a team's API notes, a
 * security or style memo, a shared folder) points at nothing on a fresh clone. Every tracked
 * text file is searched for such a citation.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

// This file names what it looks for, so it is the one file left out of the search.
const THIS_FILE = "scripts/no-outside-citations.test.ts";
const OUTSIDE_CITATIONS: readonly RegExp[] = [
  /\bAPI-NOTES\b/g,
  // CODE_STYLE.md is the repository's own; any other STYLE.md is not.
  /(?<![A-Za-z_])STYLE\.md\b/g,
  /\bSECURITY\.md\b/g,
  /\bENVIRONMENT\.md\b/g,
  /(?:\/work\/|\.\.\/)shared\//g,
  // The README's promises have no numbers; a numbered promise is someone else's list.
  /\bpromise \d+\b/gi,
];

function outsideCitations(text: string): string[] {
  return OUTSIDE_CITATIONS.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[0]));
}

function trackedTextFiles(): string[] {
  return execFileSync("git", ["ls-files", "-z"], { encoding: "utf8" })
    .split("\0")
    .filter((file) => file && file !== THIS_FILE && !/\.(png|ico|svg|jpg|woff2?)$/.test(file));
}

describe("citations", () => {
  it("recognise a citation of notes kept outside the repository, and not the repo's own files", () => {
    expect(outsideCitations("see API-NOTES 2.9 and SECURITY.md promise 4")).toEqual([
      "API-NOTES",
      "SECURITY.md",
      "promise 4",
    ]);
    expect(outsideCitations("STYLE.md, /work/shared/x and ../shared/y")).toHaveLength(3);
    expect(outsideCitations("CODE_STYLE.md; docs/connect-api.md, Routing; README.md")).toEqual([]);
  });

  it("are all of the repository's own files: no tracked file cites outside notes", () => {
    const found: string[] = [];
    for (const file of trackedTextFiles()) {
      for (const citation of outsideCitations(readFileSync(file, "utf8")))
        found.push(`${file}: ${citation}`);
    }
    expect(found).toEqual([]);
  });
});
