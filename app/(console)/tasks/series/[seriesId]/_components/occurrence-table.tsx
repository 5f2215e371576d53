import Link from "next/link";

import { LocalTime } from "@/components/local-time";
import type { OccurrenceRow } from "@/lib/server/tasks/series-page";
import { OCCURRENCE_STATE_LABELS } from "@/lib/task/series";

import { SkipOccurrenceButton } from "./skip-occurrence-button";

const TONES: Partial<Record<OccurrenceRow["state"], string>> = {
  held: "bg-violet-50 text-violet-800 ring-violet-200",
  paused: "bg-amber-50 text-amber-900 ring-amber-200",
  release_failed: "bg-red-50 text-red-800 ring-red-300",
  skipped: "bg-slate-100 text-slate-500 ring-slate-200 line-through",
  cancelled: "bg-slate-100 text-slate-500 ring-slate-200 line-through",
  in_connect: "bg-sky-50 text-sky-800 ring-sky-200",
  started: "bg-amber-50 text-amber-900 ring-amber-200",
};

/** "2026-11-30 14:03 UTC" (local-time.tsx's formatUtc is a client module's). */
const utc = (at: Date) => `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/**
 * Every occurrence made so far, soonest first, with its state: held ones link to their own page
 * (edit this one occurrence there) and can be skipped; released ones link to their contact.
 */
export function OccurrenceTable({
  seriesId,
  occurrences,
  canChange,
}: {
  seriesId: string;
  occurrences: OccurrenceRow[];
  canChange: boolean;
}) {
  if (occurrences.length === 0)
    return <p className="text-sm text-slate-600">No occurrence of this series exists yet.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-label="Occurrences" className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Occurrence
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              State
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Task
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              <span className="sr-only">Changes</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {occurrences.map((occurrence) => {
            const target = occurrence.contactId ?? occurrence.heldTaskId;
            return (
              <tr key={occurrence.heldTaskId}>
                <th scope="row" className="px-3 py-2 font-normal whitespace-nowrap">
                  <LocalTime iso={occurrence.scheduledAt.toISOString()} />{" "}
                  <span className="text-xs text-slate-500">({utc(occurrence.scheduledAt)})</span>
                </th>
                <td className="px-3 py-2">
                  <span
                    title={occurrence.failureMessage ?? undefined}
                    className={`rounded px-2 py-0.5 text-xs font-medium ring-1 ${TONES[occurrence.state] ?? "bg-slate-100 text-slate-700 ring-slate-200"}`}
                  >
                    {OCCURRENCE_STATE_LABELS[occurrence.state]}
                  </span>
                  {occurrence.failureMessage ? (
                    <span className="ml-2 text-xs text-red-800">{occurrence.failureMessage}</span>
                  ) : null}
                </td>
                <td className="px-3 py-2">
                  <Link
                    href={`/tasks/${encodeURIComponent(target)}`}
                    className="text-brand-700 underline"
                  >
                    {occurrence.name || "(no name)"}
                  </Link>{" "}
                  <code className="text-xs text-slate-500">{target}</code>
                </td>
                <td className="px-3 py-2">
                  {canChange && occurrence.isWaiting ? (
                    <span className="flex flex-wrap items-center gap-3">
                      <Link
                        href={`/tasks/${encodeURIComponent(occurrence.heldTaskId)}/edit`}
                        className="text-brand-700 underline"
                      >
                        Edit occurrence
                      </Link>
                      <Link
                        href={`/tasks/series/${encodeURIComponent(seriesId)}/edit?from=${encodeURIComponent(occurrence.heldTaskId)}`}
                        className="text-brand-700 underline"
                      >
                        Edit this and following
                      </Link>
                      <SkipOccurrenceButton
                        seriesId={seriesId}
                        heldTaskId={occurrence.heldTaskId}
                        when={utc(occurrence.scheduledAt)}
                      />
                    </span>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
