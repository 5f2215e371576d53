import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { z } from "zod";

import { TEST_ENV } from "../../test-support/test-env";

/**
 * What the build under test exposes, read from Next's own manifests rather than listed by hand,
 * so a new server action, route handler or page is covered the moment it is built.
 */
export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The build next.config.mjs writes and the e2e console serves (NEXT_DIST_DIR), inspected as it is. */
export const DIST_DIR = path.resolve(REPO_ROOT, TEST_ENV.distDir);

export interface BuiltAction {
  id: string;
  /** Source file, relative to the repo root, e.g. "app/(console)/actions/sign-out.ts". */
  file: string;
  exportName: string;
  /** A page whose server bundle holds the action, so Next runs it without forwarding. */
  pagePath: string;
  label: string;
}

export interface BuiltRoute {
  appPath: string;
  urlPath: string;
}

// Next 16.4's server-reference-manifest.json: { node: { [id]: { workers, filename, exportedName } }, edge }.
// Parsed strictly so a format change fails here instead of enumerating nothing.
const actionEntry = z.object({
  workers: z.record(z.string(), z.unknown()),
  filename: z.string().min(1),
  exportedName: z.string().min(1),
});
const serverReferenceManifest = z.object({
  node: z.record(z.string(), actionEntry),
  edge: z.record(z.string(), actionEntry),
});
const appPathsManifest = z.record(z.string(), z.string());

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(path.join(DIST_DIR, file), "utf8"));
}

/**
 * "/(console)/admin/[userId]/page" → "/admin/sample": route groups and parallel slots are not
 * part of the URL; dynamic segments get a sample value (authorisation comes before any lookup).
 */
export function appPathToUrl(appPath: string): string {
  const segments = appPath
    .replace(/^\/?app\//, "/")
    .split("/")
    .slice(0, -1)
    .filter((segment) => segment && !/^\(.*\)$/.test(segment) && !segment.startsWith("@"))
    .flatMap((segment) => {
      if (/^\[\[\.\.\..+\]\]$/.test(segment)) return [];
      if (/^\[.+\]$/.test(segment)) return ["sample"];
      return [segment];
    });
  return `/${segments.join("/")}`;
}

export function listBuiltActions(): BuiltAction[] {
  const manifest = serverReferenceManifest.parse(readJson("server/server-reference-manifest.json"));
  return Object.entries({ ...manifest.node, ...manifest.edge })
    .map(([id, entry]) => {
      const workers = Object.keys(entry.workers);
      const worker = workers.find((name) => name.endsWith("/page")) ?? workers[0];
      if (!worker) throw new Error(`Server action ${id} has no worker in the manifest`);
      return {
        id,
        file: entry.filename,
        exportName: entry.exportedName,
        pagePath: appPathToUrl(worker),
        label: `${entry.filename}#${entry.exportedName}`,
      };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
}

function listAppPaths(): string[] {
  return Object.keys(appPathsManifest.parse(readJson("server/app-paths-manifest.json")));
}

/** Next's file-convention metadata routes (icon.svg, robots.txt...): public by design. */
const METADATA_ROUTE =
  /^(?:(?:icon|apple-icon|opengraph-image|twitter-image)\d*(?:\.\w+)?|favicon\.ico|sitemap(?:\.xml)?|robots(?:\.txt)?|manifest(?:\.json|\.webmanifest)?)$/;

export function isMetadataRoute(appPath: string): boolean {
  const segments = appPath.split("/");
  return METADATA_ROUTE.test(segments.at(-2) ?? "");
}

export function listBuiltRouteHandlers(): BuiltRoute[] {
  return listAppPaths()
    .filter((appPath) => appPath.endsWith("/route") && !isMetadataRoute(appPath))
    .map((appPath) => ({ appPath, urlPath: appPathToUrl(appPath) }))
    .sort((a, b) => a.urlPath.localeCompare(b.urlPath));
}

export function listBuiltMetadataRoutes(): BuiltRoute[] {
  return listAppPaths()
    .filter((appPath) => appPath.endsWith("/route") && isMetadataRoute(appPath))
    .map((appPath) => ({ appPath, urlPath: appPathToUrl(appPath) }));
}

/** Every page of the build with its URL (Next's own error pages excluded). */
export function listBuiltPageRoutes(): BuiltRoute[] {
  return listAppPaths()
    .filter(
      (appPath) => appPath.endsWith("/page") && !/\/_(?:not-found|global-error)\//.test(appPath),
    )
    .map((appPath) => ({ appPath, urlPath: appPathToUrl(appPath) }))
    .sort((a, b) => a.urlPath.localeCompare(b.urlPath));
}

/** Every page URL of the build (Next's own error pages excluded: a 404 is fetched separately). */
export function listBuiltPages(): string[] {
  return [...new Set(listBuiltPageRoutes().map((route) => route.urlPath))].sort();
}

function walk(dir: string, skip: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (skip(entry.name)) return [];
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full, skip) : [full];
  });
}

/** Every file the browser can fetch from /_next/static. */
export function listStaticFiles(): string[] {
  return walk(path.join(DIST_DIR, "static"), () => false);
}

/** Strips leading comments and blank lines so the first statement can be read. */
function firstStatement(source: string): string {
  return source.replace(/^(?:\s+|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/, "").slice(0, 20);
}

/**
 * Exports of every module whose first statement is the "use server" directive, straight from
 * the source tree: the floor the manifest must reach, so a manifest-format change cannot make the
 * enumeration silently empty.
 */
export function listSourceActions(): string[] {
  const skipped = new Set(["node_modules", "e2e", "connect-local", "test-support", "public"]);
  const files = ["app", "components", "lib"].flatMap((top) =>
    walk(path.join(REPO_ROOT, top), (name) => skipped.has(name) || name.startsWith(".")),
  );
  return files
    .filter((file) => /\.(?:ts|tsx|js|jsx|mjs)$/.test(file) && !/\.test\.[tj]sx?$/.test(file))
    .flatMap((file) => {
      const source = readFileSync(file, "utf8");
      if (!/^["']use server["']/.test(firstStatement(source))) return [];
      const relative = path.relative(REPO_ROOT, file).split(path.sep).join("/");
      const names = [
        ...source.matchAll(/^export\s+(?:async\s+)?(?:function\s*\*?|const|let)\s+(\w+)/gm),
      ];
      return names.map((match) => `${relative}#${match[1] ?? ""}`);
    })
    .sort();
}

/** Route handler files in the source tree, as app paths ("/api/audit/export/route"). */
export function listSourceRouteHandlers(): string[] {
  return walk(path.join(REPO_ROOT, "app"), (name) => name.startsWith("."))
    .filter((file) => /(?:^|[/\\])route\.(?:ts|tsx|js|mjs)$/.test(file))
    .map((file) => {
      const dir = path.relative(path.join(REPO_ROOT, "app"), path.dirname(file));
      return `/${dir.split(path.sep).join("/")}/route`.replace(/^\/\//, "/");
    })
    .filter((appPath) => !isMetadataRoute(appPath))
    .sort();
}
