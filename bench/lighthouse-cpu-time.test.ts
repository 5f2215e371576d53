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
  it("gives each complete event its thread time where it waited for a core", () => {
    const dir = savedTrace([
      { name: "RunTask", ph: "X", ts: 10, dur: 400, tdur: 60 },
      { name: "Layout", ph: "X", ts: 20, dur: 30, tdur: 30 },
      { name: "Paint", ph: "X", ts: 60, dur: 5 },
      { name: "Mark", ph: "I", ts: 70, tdur: 1 },
    ]);
    expect(traceAtCpuTime(dir)).toBe(1);
    const { traceEvents } = JSON.parse(
      readFileSync(path.join(dir, "defaultPass.trace.json"), "utf8"),
    ) as { traceEvents: { name: string; dur?: number; ts: number }[] };
    expect(traceEvents.map((event) => [event.name, event.ts, event.dur])).toEqual([
      ["RunTask", 10, 60],
      ["Layout", 20, 30],
      ["Paint", 60, 5],
      ["Mark", 70, undefined],
    ]);
  });

  it("refuses a trace without thread times rather than report it unchanged", () => {
    const dir = savedTrace([{ name: "RunTask", ph: "X", ts: 10, dur: 400 }]);
    expect(() => traceAtCpuTime(dir)).toThrow(/thread time/);
  });
});
