/**
 * An `actions/` folder holds server actions only: each file starts with "use server" and exports
 * nothing but async functions (types aside). Helpers, schemas and domain logic live in lib/, so a
 * reader who opens an actions folder finds the console's entry points and nothing else.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import ts from "typescript";
import { describe, expect, it } from "vitest";

const APP = fileURLToPath(new URL(".", import.meta.url));

function actionFiles(dir: string, inActions = false): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return actionFiles(full, inActions || entry.name === "actions");
    return inActions ? [full] : [];
  });
}

const isType = (statement: ts.Statement) =>
  ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement);

const isExported = (statement: ts.Statement) =>
  ts.canHaveModifiers(statement) &&
  (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

const isAsyncFunction = (statement: ts.Statement) =>
  ts.isFunctionDeclaration(statement) &&
  (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);

/** What is wrong with one file of an actions folder; empty when it is a server action file. */
function problemsOf(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const [first] = source.statements;
  const problems: string[] = [];
  if (
    !first ||
    !ts.isExpressionStatement(first) ||
    !ts.isStringLiteral(first.expression) ||
    first.expression.text !== "use server"
  )
    problems.push('does not start with "use server"');
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && !statement.isTypeOnly)
      problems.push(`re-exports: ${statement.getText(source)}`);
    if (ts.isExportAssignment(statement)) problems.push("has a default export");
    if (isExported(statement) && !isType(statement) && !isAsyncFunction(statement))
      problems.push(
        `exports what is not an async function: ${statement.getText(source).split("\n")[0]}`,
      );
  }
  return problems;
}

describe("actions folders", () => {
  it("tell a server action file from anything else", () => {
    expect(
      problemsOf("a.ts", '"use server";\nexport type X = 1;\nexport async function go() {}'),
    ).toEqual([]);
    expect(problemsOf("b.ts", "export async function go() {}")).toEqual([
      'does not start with "use server"',
    ]);
    expect(problemsOf("c.ts", '"use server";\nexport const LIMIT = 3;')).toHaveLength(1);
    expect(problemsOf("d.ts", '"use server";\nexport function go() {}')).toHaveLength(1);
  });

  it("hold server actions only", () => {
    const files = actionFiles(APP);
    expect(files.length).toBeGreaterThan(10);
    const found = files.flatMap((file) =>
      problemsOf(file, readFileSync(file, "utf8")).map(
        (problem) => `${path.relative(APP, file)}: ${problem}`,
      ),
    );
    expect(found).toEqual([]);
  });
});
