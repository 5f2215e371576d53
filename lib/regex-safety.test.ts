/**
 * Every regular expression of the console's own code runs in linear time, whatever the input:
 * each literal and each `RegExp(...)` with a literal pattern is found in the sources (so a new
 * one is covered without touching this file) and proved safe by recheck's analysis.
 *
 * Out of scope, and listed so the list stays true: the local Connect endpoint compiles patterns
 * from the AWS service model at run time (member patterns, operation paths). Those are AWS's,
 * not ours, and apply only to the stand-in endpoint used in development and tests.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { check } from "recheck";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SOURCE_DIRS = ["app", "components", "lib", "connect-local/src"];
const ROOT_FILES = ["proxy.ts", "instrumentation.ts", "next.config.mjs"];
const MODEL_DERIVED = [
  "connect-local/src/model.ts: operation path from the service model",
  "connect-local/src/validate.ts: member pattern from the service model",
];

interface FoundRegex {
  where: string;
  source: string;
  flags: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(full);
    return /\.(?:ts|tsx|mjs|js)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)
      ? [full]
      : [];
  });
}

function isRegExpCall(node: ts.Node): node is ts.NewExpression | ts.CallExpression {
  return (
    (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === "RegExp"
  );
}

function literalText(node: ts.Expression | undefined): string | null {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)))
    return node.text;
  return null;
}

function scan(file: string) {
  const relative = path.relative(ROOT, file).split(path.sep).join("/");
  const text = readFileSync(file, "utf8");
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: FoundRegex[] = [];
  const dynamic: string[] = [];
  const visit = (node: ts.Node) => {
    const line = sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = node.getText();
      const end = literal.lastIndexOf("/");
      found.push({
        where: `${relative}:${line}`,
        source: literal.slice(1, end),
        flags: literal.slice(end + 1),
      });
    } else if (isRegExpCall(node)) {
      const [pattern, flags] = node.arguments ?? [];
      const source = literalText(pattern);
      if (source === null) dynamic.push(`${relative}:${line}`);
      else found.push({ where: `${relative}:${line}`, source, flags: literalText(flags) ?? "" });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return { found, dynamic, relative };
}

const files = [
  ...SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(ROOT, dir))),
  ...ROOT_FILES.map((file) => path.join(ROOT, file)),
];
const scanned = files.map(scan);
const regexes = scanned.flatMap((result) => result.found);

describe("regular expressions of the console", () => {
  it("are found in the sources, and only model-derived ones are built at run time", () => {
    expect(regexes.length).toBeGreaterThan(30);
    const dynamic = scanned.flatMap((result) => result.dynamic.map(() => result.relative));
    expect([...new Set(dynamic)].sort()).toEqual(MODEL_DERIVED.map((entry) => entry.split(":")[0]));
  });

  it("all run in linear time (recheck finds no super-linear backtracking)", async () => {
    const verdicts: Record<string, string> = {};
    for (const { where, source, flags } of regexes) {
      const diagnostics = await check(source, flags, { timeout: 20_000 });
      const verdict =
        diagnostics.status === "vulnerable"
          ? `vulnerable (${diagnostics.complexity.summary})`
          : diagnostics.status;
      verdicts[`${where} /${source}/${flags}`] = verdict;
    }
    const unsafe = Object.entries(verdicts).filter(([, verdict]) => verdict !== "safe");
    expect(Object.fromEntries(unsafe)).toEqual({});
  }, 120_000);

  it("include the patterns that check what people type", () => {
    const wheres = regexes.map((regex) => regex.where);
    for (const file of ["lib/task/reference-values.ts", "lib/task/limits.ts", "lib/env.ts"])
      expect(
        wheres.some((where) => where.startsWith(`${file}:`)),
        file,
      ).toBe(true);
  });
});
