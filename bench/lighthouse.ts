import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";
import type { Flags, Result } from "lighthouse";

import { traceAtCpuTime } from "./lighthouse-cpu-time";
import { median } from "./support";
import { CHROMIUM_FLAGS, TEST_ENV } from "../test-support/test-env";

/**
 * Lighthouse 12 (13 needs Node 22) in its default mobile profile: a Moto G Power sized screen,
 * simulated slow 4G and a 4x CPU slowdown. Scores are figures for the bench, never a pass/fail:
 * they move with the machine's load, hence the median of several runs, and each run is audited
 * a second time with the main thread at its CPU time (bench/lighthouse-cpu-time.ts).
 */
export const CHROME_PATH = TEST_ENV.chromiumPath;
const CHROME_FLAGS = ["--headless=new", ...CHROMIUM_FLAGS];

export type LighthousePage = { label: string; path: string };

/** The pages the issue measures: the composer (the heaviest) and the overview (the lightest). */
export const LIGHTHOUSE_PAGES: LighthousePage[] = [
  { label: "composer", path: "/tasks/new" },
  { label: "overview", path: "/" },
];

export type LighthouseFigures = {
  label: string;
  path: string;
  runs: number;
  /** 0..1, as Lighthouse reports them; null when a run could not score the category. */
  performance: number | null;
  accessibility: number | null;
  totalBlockingTimeMs: number;
  largestContentfulPaintMs: number;
  /** The same runs with every main-thread task at its CPU time: an otherwise idle machine. */
  atCpuTime: {
    performance: number | null;
    totalBlockingTimeMs: number;
    largestContentfulPaintMs: number;
  };
};

const medianOrNull = (values: (number | null)[]) =>
  values.some((value) => value === null) ? null : median(values as number[]);

function numericValue(report: Result, audit: string): number {
  const value = report.audits[audit]?.numericValue;
  if (typeof value !== "number") throw new Error(`Lighthouse reported no ${audit}`);
  return value;
}

/** One run: Lighthouse's report, and the same artifacts audited with the trace at CPU time. */
async function auditTwice(url: string, flags: Flags): Promise<[Result, Result]> {
  const artifactsDir = mkdtempSync(path.join(tmpdir(), "ctc-lighthouse-"));
  try {
    // Gather and audit as a plain run does, keeping the artifacts for the second audit.
    const observed = await lighthouse(url, {
      ...flags,
      gatherMode: artifactsDir,
      auditMode: artifactsDir,
    });
    if (!observed) throw new Error(`Lighthouse returned nothing for ${url}`);
    traceAtCpuTime(artifactsDir);
    const atCpuTime = await lighthouse(url, { ...flags, auditMode: artifactsDir });
    if (!atCpuTime) throw new Error(`Lighthouse could not audit ${url} again`);
    return [observed.lhr, atCpuTime.lhr];
  } finally {
    rmSync(artifactsDir, { recursive: true, force: true });
  }
}

const performanceOf = (report: Result) => report.categories.performance?.score ?? null;

/**
 * Runs Lighthouse `runs` times on each page of the console at `baseUrl`, signed in through
 * `cookie` (sent as a header with every request, so the pages render as for that user), and
 * returns the median of each figure. `onReport` receives every full report (for diagnosis).
 */
export async function runLighthouse({
  baseUrl,
  cookie,
  pages,
  runs = 3,
  onReport,
}: {
  baseUrl: string;
  cookie: string;
  pages: LighthousePage[];
  runs?: number;
  /** Every run's reports: Lighthouse's own, and the same run with the main thread at CPU time. */
  onReport?: (page: LighthousePage, run: number, report: Result, atCpuTime: Result) => void;
}): Promise<LighthouseFigures[]> {
  const chrome = await launch({
    chromePath: CHROME_PATH,
    chromeFlags: CHROME_FLAGS,
    logLevel: "silent",
  });
  try {
    const figures: LighthouseFigures[] = [];
    for (const page of pages) {
      const reports: Result[] = [];
      const atCpuTime: Result[] = [];
      for (let run = 0; run < runs; run++) {
        const [report, cpuReport] = await auditTwice(new URL(page.path, baseUrl).href, {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: ["performance", "accessibility"],
          extraHeaders: { Cookie: cookie },
        });
        if (report.runtimeError)
          throw new Error(`Lighthouse on ${page.path}: ${report.runtimeError.message}`);
        // A page that bounced to the sign-in form would score the wrong page.
        if (new URL(report.finalDisplayedUrl).pathname !== page.path)
          throw new Error(`${page.path} ended on ${report.finalDisplayedUrl}`);
        onReport?.(page, run, report, cpuReport);
        reports.push(report);
        atCpuTime.push(cpuReport);
      }
      figures.push({
        ...page,
        runs,
        performance: medianOrNull(reports.map(performanceOf)),
        accessibility: medianOrNull(reports.map((r) => r.categories.accessibility?.score ?? null)),
        totalBlockingTimeMs: median(reports.map((r) => numericValue(r, "total-blocking-time"))),
        largestContentfulPaintMs: median(
          reports.map((r) => numericValue(r, "largest-contentful-paint")),
        ),
        atCpuTime: {
          performance: medianOrNull(atCpuTime.map(performanceOf)),
          totalBlockingTimeMs: median(atCpuTime.map((r) => numericValue(r, "total-blocking-time"))),
          largestContentfulPaintMs: median(
            atCpuTime.map((r) => numericValue(r, "largest-contentful-paint")),
          ),
        },
      });
    }
    return figures;
  } finally {
    chrome.kill();
  }
}

const score = (value: number | null) => (value === null ? "n/a" : value.toFixed(2));

/** One line a page, as `npm run bench` prints it. */
export function formatLighthouse(figures: LighthouseFigures): string {
  const { atCpuTime } = figures;
  return (
    `${figures.label} (${figures.path}) Lighthouse mobile, median of ${figures.runs}: ` +
    `performance ${score(figures.performance)}, accessibility ${score(figures.accessibility)}, ` +
    `TBT ${Math.round(figures.totalBlockingTimeMs)} ms, LCP ${Math.round(figures.largestContentfulPaintMs)} ms; ` +
    `main thread at its CPU time: performance ${score(atCpuTime.performance)}, ` +
    `TBT ${Math.round(atCpuTime.totalBlockingTimeMs)} ms, LCP ${Math.round(atCpuTime.largestContentfulPaintMs)} ms`
  );
}

type TableItems = Record<string, unknown>[];
const itemsOf = (report: Result, audit: string): TableItems => {
  const details = report.audits[audit]?.details;
  return details && "items" in details ? (details.items as TableItems) : [];
};
const ms = (value: unknown) => `${Math.round(Number(value))} ms`;

/**
 * Where a run's main-thread time went: Lighthouse's main-thread breakdown, the scripts with the
 * most evaluation time, and the long tasks (all in simulated, i.e. slowed-down, milliseconds).
 */
export function describeMainThread(report: Result): string[] {
  const breakdown = itemsOf(report, "mainthread-work-breakdown")
    .slice(0, 5)
    .map((item) => `${String(item.groupLabel)} ${ms(item.duration)}`);
  const scripts = itemsOf(report, "bootup-time")
    .slice(0, 5)
    .map(
      (item) =>
        `${String(item.url).replace(/^.*\/_next\//, "")} ${ms(item.total)} (script ${ms(item.scripting)})`,
    );
  const longTasks = itemsOf(report, "long-tasks").map(
    (item) => `${ms(item.duration)} at ${ms(item.startTime)} (${String(item.url)})`,
  );
  return [
    `  main thread: ${breakdown.join(", ")}`,
    `  scripts: ${scripts.join("; ")}`,
    `  long tasks: ${longTasks.join("; ") || "none"}`,
  ];
}
