"use client";

/**
 * Runs one change over many tasks, one task at a time: the server actions already pace each
 * Connect call to its rate budget, and a sequential run keeps the per-task report readable.
 * When Connect still answers "busy" (the SDK has retried by then), the task waits 1, 2, then 4
 * seconds and is tried again; only then is it reported as failed. A retried reschedule is safe:
 * it carries the time the user saw, so a task that did move is never moved twice.
 */
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";

import type { ActionResult } from "@/lib/errors";
import type { TaskChangeResult } from "@/lib/task/changes";
import type { TaskListItem } from "@/lib/task/list";

export const THROTTLE_BACKOFF_MS = [1_000, 2_000, 4_000] as const;

export type BulkEntryState = "waiting" | "running" | "succeeded" | "failed" | "not-attempted";

export interface BulkEntry {
  /** The task's address: its ContactId, or a held task's console id. */
  id: string;
  name: string;
  state: BulkEntryState;
  message: string;
}

export interface BulkRun {
  title: string;
  entries: BulkEntry[];
  isRunning: boolean;
  isStopped: boolean;
}

/** A step answers with a message: a Connect task's change, or a held task's (no Connect call). */
export type BulkStep = (
  task: TaskListItem,
) => Promise<ActionResult<Pick<TaskChangeResult, "message">>>;

/** Resolves true after `ms`, or false as soon as the run is stopped. */
function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => resolve(true), ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve(false);
      },
      { once: true },
    );
  });
}

const retriesNote = (retries: number) =>
  retries === 0
    ? ""
    : ` Retried ${retries === 1 ? "once" : `${retries} times`} after Amazon Connect was busy.`;

/** One task of a run: the step, tried again while Connect is busy and nothing was done. */
export async function runBulkStep(
  task: TaskListItem,
  step: BulkStep,
  signal: AbortSignal,
  report: (state: BulkEntryState, message: string) => void,
): Promise<void> {
  for (let retries = 0; ; retries++) {
    let result: Awaited<ReturnType<BulkStep>>;
    try {
      result = await step(task);
    } catch {
      report(
        "failed",
        "The console did not answer; open the task to see whether it changed before trying again.",
      );
      return;
    }
    if (result.ok) return report("succeeded", `${result.data.message}${retriesNote(retries)}`);
    const delay = THROTTLE_BACKOFF_MS[retries];
    // An unknown outcome is not "busy, nothing done": the message tells the user to check first.
    if (result.code !== "CONNECT_THROTTLED" || result.isOutcomeUnknown)
      return report("failed", result.formError);
    if (delay === undefined) {
      return report(
        "failed",
        `Amazon Connect stayed busy after ${retries} retries; this task was not changed.`,
      );
    }
    report(
      "running",
      `Amazon Connect is busy; trying again in ${delay / 1000} s (retry ${retries + 1} of ${THROTTLE_BACKOFF_MS.length}).`,
    );
    if (!(await pause(delay, signal))) {
      return report("not-attempted", "Stopped while Amazon Connect was busy; nothing changed.");
    }
  }
}

export function useBulkRun() {
  const router = useRouter();
  const [run, setRun] = useState<BulkRun | null>(null);
  const controller = useRef<AbortController | null>(null);

  const update = (index: number, state: BulkEntryState, message: string) =>
    setRun((current) =>
      current
        ? {
            ...current,
            entries: current.entries.map((entry, i) =>
              i === index ? { ...entry, state, message } : entry,
            ),
          }
        : current,
    );

  /** Runs `step` over `tasks` in order; resolves with the ids of the tasks left unchanged. */
  async function start(title: string, tasks: TaskListItem[], step: BulkStep): Promise<string[]> {
    if (controller.current) return [];
    const stop = new AbortController();
    controller.current = stop;
    const entries = tasks.map((task) => ({
      id: task.id,
      name: task.name,
      state: "waiting" as const,
      message: "Waiting.",
    }));
    setRun({ title, entries, isRunning: true, isStopped: false });
    const unchanged: string[] = [];
    for (const [index, task] of tasks.entries()) {
      if (stop.signal.aborted) {
        unchanged.push(task.id);
        update(index, "not-attempted", "Not attempted: the run was stopped.");
        continue;
      }
      update(index, "running", "Asking Amazon Connect…");
      await runBulkStep(task, step, stop.signal, (state, message) => {
        if (state === "failed" || state === "not-attempted") unchanged.push(task.id);
        update(index, state, message);
      });
    }
    controller.current = null;
    setRun((current) =>
      current ? { ...current, isRunning: false, isStopped: stop.signal.aborted } : current,
    );
    // The agenda shows Connect's state: read it again now that tasks moved or left.
    router.refresh();
    return unchanged;
  }

  return {
    run,
    isRunning: run?.isRunning ?? false,
    start,
    stop: () => controller.current?.abort(),
    dismiss: () => setRun((current) => (current?.isRunning ? current : null)),
  };
}
