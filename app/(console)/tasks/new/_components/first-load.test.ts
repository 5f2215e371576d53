import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { emptyTask } from "@/lib/task/schema";

import { previewOf } from "./preview-model";

const ROOT = path.resolve(__dirname, "../../../../..");

/** Modules the file imports for their values (not `import type`, not `import()`). */
function staticImports(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const match of source.matchAll(/^import\s+([^"';]*?)\s*from\s*"([^"]+)";/gms)) {
    const clause = match[1]!.trim();
    const isTypeOnly =
      clause.startsWith("type ") ||
      (/^\{[^}]*\}$/s.test(clause) &&
        clause
          .slice(1, -1)
          .split(",")
          .map((name) => name.trim())
          .filter(Boolean)
          .every((name) => name.startsWith("type ")));
    if (!isTypeOnly) found.push(match[2]!);
  }
  for (const match of source.matchAll(/^import\s+"([^"]+)";/gm)) found.push(match[1]!);
  return found;
}

function resolveModule(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(ROOT, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")])
    if (existsSync(candidate) && candidate.match(/\.tsx?$/)) return candidate;
  throw new Error(`Cannot resolve ${specifier} from ${from}`);
}

/** Every package the module reaches through static imports. */
function packagesReached(entry: string) {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    // A server action reaches the browser as a reference only, never with its imports.
    if (/^\s*["']use server["']/.test(readFileSync(file, "utf8"))) return;
    for (const specifier of staticImports(file)) {
      const resolved = resolveModule(file, specifier);
      if (resolved) visit(resolved);
      else packages.set(specifier, path.relative(ROOT, file));
    }
  };
  visit(entry);
  return { packages, files: [...seen].map((file) => path.relative(ROOT, file)) };
}

describe("the composer's first load", () => {
  it("carries no zod: the schema and its resolver load on the first validation", () => {
    const { packages, files } = packagesReached(path.join(__dirname, "task-composer.tsx"));
    const zodUsers = [...packages].filter(
      ([name]) => name === "zod" || name.startsWith("zod/") || name.startsWith("@hookform/"),
    );
    expect(zodUsers).toEqual([]);
    expect(files).not.toContain("lib/task/schema.ts");
    // The check walks the real graph: it does reach the composer's sections.
    expect(files).toContain("app/(console)/tasks/new/_components/request-preview.tsx");
  });

  it("carries no recurrence code: Repeat's fields and list load when Repeat is ticked", () => {
    const { packages, files } = packagesReached(path.join(__dirname, "task-composer.tsx"));
    expect([...packages.keys()].filter((name) => name.startsWith("rrule-temporal"))).toEqual([]);
    expect(files).toContain("app/(console)/tasks/new/_components/repeat-field.tsx");
    expect(files).not.toContain("app/(console)/tasks/new/_components/repeat-panel.tsx");
    expect(files).not.toContain("lib/schedule/recurrence.ts");
    expect(files).not.toContain("lib/schedule/series-rule.ts");
  });
});

describe("previewOf", () => {
  const blank = emptyTask({ instanceId: "instance-1", timeZone: "UTC", clientToken: "token-1" });

  it("names the sections still incomplete", () => {
    expect(previewOf(blank, { horizonSeconds: 86_400, templateHasFlow: undefined })).toEqual({
      isComplete: false,
      sections: ["Task", "Routing"],
    });
  });

  it("prints the request and the CLI command of a complete task", () => {
    const preview = previewOf(
      { ...blank, name: "Call back", contactFlowId: "flow-1" },
      { horizonSeconds: 86_400, templateHasFlow: undefined },
    );
    expect(preview.isComplete).toBe(true);
    if (!preview.isComplete) return;
    expect(JSON.parse(preview.json)).toMatchObject({
      InstanceId: "instance-1",
      Name: "Call back",
      ContactFlowId: "flow-1",
      ClientToken: "token-1",
    });
    expect(preview.cli).toContain("aws connect start-task-contact");
  });
});
