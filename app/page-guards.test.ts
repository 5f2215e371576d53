/**
 * Every page checks the session itself, as its first await, before it loads anything: a layout's
 * check does not run first (Next renders the page beside it) and does not run at all when the
 * client router says the layout is already shown. The public sign-in page asks who is signed in
 * instead. e2e/security/pages.spec.ts checks the same against the built console.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import ts from "typescript";
import { describe, expect, it } from "vitest";

const APP = fileURLToPath(new URL(".", import.meta.url));
const PUBLIC_PAGES: Record<string, string> = { "(auth)/sign-in/page.tsx": "getSessionUser" };

function pageFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return pageFiles(full);
    return entry.name === "page.tsx" ? [full] : [];
  });
}

/** The name of the function the first `await` of the page's default export calls. */
function firstAwaitedCall(file: string): string | null {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, "utf8"),
    ts.ScriptTarget.Latest,
    true,
  );
  const page = source.statements.find(
    (statement): statement is ts.FunctionDeclaration =>
      ts.isFunctionDeclaration(statement) &&
      (statement.modifiers ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword),
  );
  let first: ts.AwaitExpression | null = null;
  const visit = (node: ts.Node) => {
    if (first) return;
    if (ts.isAwaitExpression(node)) first = node;
    else ts.forEachChild(node, visit);
  };
  if (page?.body) visit(page.body);
  const awaited = (first as ts.AwaitExpression | null)?.expression;
  if (!awaited || !ts.isCallExpression(awaited)) return null;
  return ts.isIdentifier(awaited.expression) ? awaited.expression.text : null;
}

describe("pages", () => {
  const pages = pageFiles(APP).map((file) => path.relative(APP, file).split(path.sep).join("/"));

  it("are all found", () => {
    expect(pages).toEqual(
      expect.arrayContaining(["(console)/page.tsx", "(auth)/sign-in/page.tsx"]),
    );
  });

  it("each check the session as their first await", () => {
    const calls = Object.fromEntries(
      pages.map((page) => [page, firstAwaitedCall(path.join(APP, page))]),
    );
    const expected = Object.fromEntries(
      pages.map((page) => [page, PUBLIC_PAGES[page] ?? "requirePageUser"]),
    );
    expect(calls).toEqual(expected);
  });
});
