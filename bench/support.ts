/** Shared by the bench scripts: medians, first-load JS, and calling the build's server actions. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

import { TEST_ENV } from "../test-support/test-env";

export const distDir = TEST_ENV.distDir;

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export function actionId(file: string, exportName: string): string {
  const manifest = JSON.parse(
    readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const entry = Object.entries(manifest.node).find(
    ([, e]) => e.filename?.endsWith(file) && e.exportedName === exportName,
  );
  if (!entry) throw new Error(`Action ${file}#${exportName} is not in the build`);
  return entry[0];
}

export async function callAction(
  base: string,
  page: string,
  id: string,
  args: unknown[],
  cookie = "",
) {
  return fetch(`${base}${page}`, {
    method: "POST",
    headers: {
      "Next-Action": id,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: base,
      cookie,
    },
    body: JSON.stringify(args),
    redirect: "manual",
  });
}

/** Sum of the gzip sizes of a page's <script src> chunks (Next 16 no longer prints it). */
export async function firstLoadJs(base: string, page: string, cookie: string) {
  const html = await (await fetch(`${base}${page}`, { headers: { cookie } })).text();
  const scripts = new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!));
  let gzipBytes = 0;
  for (const src of scripts) {
    gzipBytes += gzipSync(
      Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer()),
    ).length;
  }
  return { kb: gzipBytes / 1024, scripts: scripts.size };
}
