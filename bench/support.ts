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

/** The machine's CPU counters (Linux /proc/stat, in ticks): busy or stolen, and stolen. */
export interface CpuTicks {
  wanted: number;
  steal: number;
}

export function cpuTicks(): CpuTicks | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n", 1)[0] ?? "";
    // cpu user nice system idle iowait irq softirq steal (guest times after it are within user)
    const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
    if (fields.length < 8 || fields.some((value) => !Number.isFinite(value))) return null;
    // Idle and iowait are time nobody wanted the CPU.
    const wanted = fields.reduce((sum, value) => sum + value, 0) - fields[3]! - fields[4]!;
    return { wanted, steal: fields[7]! };
  } catch {
    return null;
  }
}

/**
 * Of the CPU time this machine's processes wanted between two readings, the share the hypervisor
 * gave to other guests: on a shared VM, each millisecond of work takes longer while it is high.
 */
export function stolenShare(before: CpuTicks | null, after: CpuTicks | null): string {
  if (!before || !after || after.wanted <= before.wanted) return "CPU steal unknown";
  const share = (after.steal - before.steal) / (after.wanted - before.wanted);
  return `the host took ${(share * 100).toFixed(0)} % of the CPU time wanted meanwhile (steal)`;
}

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
