import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { COMPILE_HINT, addCompileHints } from "./compile-hints";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function buildWith(files: Record<string, string>): string {
  const distDir = mkdtempSync(path.join(tmpdir(), "ctc-hints-"));
  made.push(distDir);
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(distDir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return distDir;
}

describe("addCompileHints", () => {
  it("puts V8's hint on the first line of every browser chunk, nested ones too", () => {
    const distDir = buildWith({
      "static/chunks/a.js": "(globalThis.TURBOPACK||[]).push([1]);",
      "static/chunks/pages/b.js": "console.log(1);",
    });
    expect(addCompileHints(distDir)).toBe(2);
    const first = readFileSync(path.join(distDir, "static/chunks/a.js"), "utf8");
    expect(first).toBe("//# allFunctionsCalledOnLoad\n(globalThis.TURBOPACK||[]).push([1]);");
    expect(readFileSync(path.join(distDir, "static/chunks/pages/b.js"), "utf8")).toBe(
      `${COMPILE_HINT}console.log(1);`,
    );
  });

  it("leaves styles, server code and already marked chunks as they are", () => {
    const distDir = buildWith({
      "static/chunks/a.css": "body{}",
      "static/chunks/marked.js": `${COMPILE_HINT}x();`,
      "server/app/page.js": "module.exports={};",
    });
    expect(addCompileHints(distDir)).toBe(0);
    expect(readFileSync(path.join(distDir, "static/chunks/a.css"), "utf8")).toBe("body{}");
    expect(readFileSync(path.join(distDir, "static/chunks/marked.js"), "utf8")).toBe(
      `${COMPILE_HINT}x();`,
    );
    expect(readFileSync(path.join(distDir, "server/app/page.js"), "utf8")).toBe(
      "module.exports={};",
    );
  });
});
