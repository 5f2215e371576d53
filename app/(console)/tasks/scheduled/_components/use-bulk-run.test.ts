/** One task of a bulk run: which answers are tried again, and what the report then says. */
import { describe, expect, it, vi } from "vitest";

import type { ActionResult } from "@/lib/errors";
import type { TaskChangeResult } from "@/lib/task/changes";
import type { TaskListItem } from "@/lib/task/list";

import { runBulkStep } from "./use-bulk-run";

const task = { contactId: "c-1", name: "Call back" } as TaskListItem;

function run(results: ActionResult<TaskChangeResult>[], signal = new AbortController().signal) {
  const step = vi.fn(() => Promise.resolve(results.shift()!));
  const reports: [string, string][] = [];
  const done = runBulkStep(task, step, signal, (state, message) => reports.push([state, message]));
  return { step, reports, done };
}

describe("a bulk step", () => {
  it("never tries again a change whose outcome is unknown, and says so", async () => {
    // Stopped from the start: a retry would end as "not attempted" instead of waiting.
    const stopped = new AbortController();
    stopped.abort();
    const { step, reports, done } = run(
      [
        {
          ok: false,
          code: "CONNECT_THROTTLED",
          isOutcomeUnknown: true,
          formError: "Outcome unknown: Amazon Connect did not confirm whether the task was moved.",
          fieldErrors: {},
        },
      ],
      stopped.signal,
    );
    await done;
    expect(step).toHaveBeenCalledTimes(1);
    expect(reports).toEqual([
      ["failed", "Outcome unknown: Amazon Connect did not confirm whether the task was moved."],
    ]);
  });

  it("waits and tries again when Connect was busy and nothing was done", async () => {
    const stopped = new AbortController();
    stopped.abort();
    const { step, reports, done } = run(
      [{ ok: false, code: "CONNECT_THROTTLED", formError: "busy", fieldErrors: {} }],
      stopped.signal,
    );
    await done;
    expect(step).toHaveBeenCalledTimes(1);
    expect(reports.map(([state]) => state)).toEqual(["running", "not-attempted"]);
  });
});
