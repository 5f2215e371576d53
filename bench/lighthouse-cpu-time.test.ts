import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { traceAtCpuTime } from "./lighthouse-cpu-time";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function savedTrace(traceEvents: unknown[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), "ctc-trace-"));
  dirs.push(dir);
  writeFileSync(path.join(dir, "defaultPass.trace.json"), JSON.stringify({ traceEvents }));
  return dir;
}

describe("traceAtCpuTime", () => {
  it("compresses each task, and what runs inside it, to the task's thread time", () => {
    const dir = savedTrace([
      { name: "RunTask", ph: "X", pid: 1, tid: 1, ts: 1000, dur: 400, tdur: 100 },
      { name: "FunctionCall", ph: "X", pid: 1, tid: 1, ts: 1200, dur: 200, tdur: 40 },
      { name: "Mark", ph: "I", pid: 1, tid: 1, ts: 1100 },
      // After the task, on the same thread: kept as it was.
      { name: "RunTask", ph: "X", pid: 1, tid: 1, ts: 2000, dur: 30, tdur: 30 },
      // Another thread's task at the same time: its own ratio.
      { name: "RunTask", ph: "X", pid: 1, tid: 2, ts: 1000, dur: 100, tdur: 50 },
      { name: "Paint", ph: "X", pid: 1, tid: 2, ts: 1050, dur: 50 },
    ]);
    expect(traceAtCpuTime(dir)).toBe(2);
    const { traceEvents } = JSON.parse(
      readFileSync(path.join(dir, "defaultPass.trace.json"), "utf8"),
    ) as { traceEvents: { name: string; tid: number; ts: number; dur?: number }[] };
    expect(traceEvents.map((e) => [e.name, e.tid, e.ts, e.dur])).toEqual([
      ["RunTask", 1, 1000, 100],
      ["FunctionCall", 1, 1050, 50],
      ["Mark", 1, 1025, undefined],
      ["RunTask", 1, 2000, 30],
      ["RunTask", 2, 1000, 50],
      ["Paint", 2, 1025, 25],
    ]);
  });

  it("refuses a trace without thread times rather than report it unchanged", () => {
    const dir = savedTrace([{ name: "RunTask", ph: "X", pid: 1, tid: 1, ts: 10, dur: 400 }]);
    expect(() => traceAtCpuTime(dir)).toThrow(/thread time/);
  });
});
