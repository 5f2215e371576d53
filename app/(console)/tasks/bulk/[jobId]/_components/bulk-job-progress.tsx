"use client";

/**
 * A bulk job's progress, polled from /api/bulk/job while it runs (react-query), with Pause /
 * Resume / Cancel and the results file. The state is the database's, so closing this page
 * changes nothing for the job.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, useTransition } from "react";

import { ColumnHeaders } from "@/components/column-headers";
import { DANGER_OUTLINE_BUTTON, SECONDARY_BUTTON } from "@/components/fields/classes";
import {
  BULK_OUTCOMES,
  BULK_OUTCOME_LABELS,
  type BulkJobView,
  describeTimeLeft,
  doneRows,
} from "@/lib/bulk/job-view";

import { controlBulkJob } from "../../actions/control-bulk-job";

const POLL_MS = 2_000;

async function fetchView(id: string): Promise<BulkJobView> {
  const response = await fetch(`/api/bulk/job?id=${encodeURIComponent(id)}`, {
    headers: { accept: "application/json" },
  });
  if (!response.ok) throw new Error(`Could not load the job (HTTP ${response.status}).`);
  return (await response.json()) as BulkJobView;
}

const STATE_LABELS: Record<BulkJobView["state"], string> = {
  running: "Running",
  paused: "Paused",
  cancelled: "Cancelled",
  finished: "Finished",
};

export function BulkJobProgress({ initial }: { initial: BulkJobView }) {
  const queryClient = useQueryClient();
  const { data: view = initial, error } = useQuery({
    queryKey: ["bulk-job", initial.id],
    queryFn: () => fetchView(initial.id),
    initialData: initial,
    refetchInterval: (query) =>
      query.state.data?.state === "running" || query.state.data?.state === "paused"
        ? POLL_MS
        : false,
  });
  const [controlError, setControlError] = useState<string | null>(null);
  const [isChanging, startChanging] = useTransition();
  const done = doneRows(view);

  function control(action: "pause" | "resume" | "cancel") {
    setControlError(null);
    startChanging(async () => {
      const answer = await controlBulkJob({ jobId: view.id, control: action });
      if (!answer.ok) setControlError(answer.formError);
      await queryClient.invalidateQueries({ queryKey: ["bulk-job", view.id] });
    });
  }

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <p>
          State: <strong>{STATE_LABELS[view.state]}</strong> · {view.readyRows} of {view.totalRows}{" "}
          rows ready to send
        </p>
        <div
          role="progressbar"
          aria-label="Bulk progress"
          aria-valuemin={0}
          aria-valuemax={view.readyRows}
          aria-valuenow={done}
          aria-valuetext={`${done} of ${view.readyRows} rows done`}
          className="h-3 w-full overflow-hidden rounded bg-slate-200"
        >
          <div
            className="bg-brand-600 h-full"
            style={{ width: `${view.readyRows ? (done / view.readyRows) * 100 : 100}%` }}
          />
        </div>
        <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-slate-600">Rate</dt>
            <dd>{view.ratePerMinute === null ? "—" : `${view.ratePerMinute} rows per minute`}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Time left</dt>
            <dd>{view.state === "finished" ? "none" : describeTimeLeft(view.secondsLeft)}</dd>
          </div>
          {BULK_OUTCOMES.map((outcome) => (
            <div key={outcome}>
              <dt className="text-slate-600">{BULK_OUTCOME_LABELS[outcome]}</dt>
              <dd>{view.counts[outcome]}</dd>
            </div>
          ))}
        </dl>
        {error ? <p className="text-red-700">{error.message}</p> : null}
      </div>
      <div className="flex flex-wrap gap-3">
        {view.canControl && view.state === "running" ? (
          <button
            type="button"
            className={SECONDARY_BUTTON}
            disabled={isChanging}
            onClick={() => control("pause")}
          >
            Pause
          </button>
        ) : null}
        {view.canControl && view.state === "paused" ? (
          <button
            type="button"
            className={SECONDARY_BUTTON}
            disabled={isChanging}
            onClick={() => control("resume")}
          >
            Resume
          </button>
        ) : null}
        {view.canControl && (view.state === "running" || view.state === "paused") ? (
          <button
            type="button"
            className={DANGER_OUTLINE_BUTTON}
            disabled={isChanging}
            onClick={() => control("cancel")}
          >
            Cancel
          </button>
        ) : null}
        <a
          className={SECONDARY_BUTTON}
          href={`/api/bulk/results?id=${encodeURIComponent(view.id)}`}
          download
        >
          Download results CSV
        </a>
      </div>
      {controlError ? (
        <p role="alert" className="text-red-700">
          {controlError}
        </p>
      ) : null}
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Rows of the job</caption>
        <thead className="border-b border-slate-200 text-slate-600">
          <ColumnHeaders
            columns={["Row", "Name", "Outcome", "ContactId or error"]}
            cellClassName="px-2 py-1"
          />
        </thead>
        <tbody>
          {view.rows.map((row) => (
            <tr key={row.row} className="border-b border-slate-100 align-top">
              <td className="px-2 py-1">{row.row}</td>
              <td className="px-2 py-1">{row.name}</td>
              <td className="px-2 py-1">{BULK_OUTCOME_LABELS[row.state]}</td>
              <td className="px-2 py-1">
                {row.contactId ? (
                  <Link
                    prefetch={false}
                    className="text-brand-700 underline"
                    href={`/tasks/${row.contactId}`}
                  >
                    {row.contactId}
                  </Link>
                ) : (
                  (row.error ?? "")
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
