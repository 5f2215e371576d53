"use client";

import { SECONDARY_BUTTON } from "@/components/fields/classes";

import type { BulkEntryState, BulkRun } from "./use-bulk-run";

const STATE_LABELS: Record<BulkEntryState, string> = {
  waiting: "Waiting",
  running: "Working",
  succeeded: "Done",
  failed: "Failed",
  "not-attempted": "Not attempted",
};

const STATE_TONES: Record<BulkEntryState, string> = {
  waiting: "text-slate-500",
  running: "text-amber-800",
  succeeded: "text-emerald-800",
  failed: "text-red-700",
  "not-attempted": "text-slate-600",
};

/** How far a bulk run got, task by task; Stop leaves the remaining tasks untouched. */
export function BulkProgress({
  run,
  onStop,
  onDismiss,
}: {
  run: BulkRun;
  onStop: () => void;
  onDismiss: () => void;
}) {
  const total = run.entries.length;
  const finished = run.entries.filter(
    (entry) => entry.state === "succeeded" || entry.state === "failed",
  ).length;
  const failed = run.entries.filter((entry) => entry.state === "failed").length;
  const skipped = run.entries.filter((entry) => entry.state === "not-attempted").length;
  const summary = run.isRunning
    ? `${finished} of ${total} done…`
    : [
        `${run.isStopped ? "Stopped" : "Finished"}: ${finished} of ${total} done`,
        failed ? `${failed} failed` : "",
        skipped ? `${skipped} not attempted` : "",
      ]
        .filter(Boolean)
        .join(", ") + ".";

  return (
    <section
      aria-labelledby="bulk-run-title"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="bulk-run-title" className="font-semibold">
          {run.title}
        </h2>
        {run.isRunning ? (
          <button type="button" onClick={onStop} className={SECONDARY_BUTTON}>
            Stop
          </button>
        ) : (
          <button type="button" onClick={onDismiss} className="text-sm text-slate-600 underline">
            Hide results
          </button>
        )}
      </div>
      <div
        role="progressbar"
        aria-label="Bulk progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={finished}
        aria-valuetext={`${finished} of ${total} tasks done`}
        className="h-2 overflow-hidden rounded bg-slate-100"
      >
        <div
          className="bg-brand-600 h-full transition-[width]"
          style={{ width: `${total ? (finished / total) * 100 : 0}%` }}
        />
      </div>
      <p role="status" aria-label="Bulk run status" className="text-sm text-slate-700">
        {summary}
      </p>
      <ol aria-label="Bulk results" className="divide-y divide-slate-100 text-sm">
        {run.entries.map((entry) => (
          <li key={entry.id} className="flex flex-wrap gap-x-3 py-1.5">
            <span className="font-medium">{entry.name}</span>
            <span className={STATE_TONES[entry.state]}>
              {STATE_LABELS[entry.state]}: {entry.message}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
