"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { ConfirmDialog } from "@/components/confirm-dialog";
import { Choice } from "@/components/fields/choices";
import { DANGER_OUTLINE_BUTTON, SECONDARY_BUTTON } from "@/components/fields/classes";
import type { SeriesState } from "@/lib/server/db/schema/series";

import { cancelTask } from "../../../actions/cancel-task";
import { endTaskSeries, pauseTaskSeries, resumeTaskSeries } from "../../../actions/series";

type Outcome =
  | { ok: true; data: { message: string; hasProblems?: boolean } }
  | { ok: false; formError: string };
type ConnectOccurrence = { contactId: string; instanceId: string };

/**
 * Ends the series, then (when asked) cancels its occurrences still scheduled in Connect one by
 * one through the task's own cancel action (rights, pacing and audit as on its page), which
 * leaves any that has started since the page was read. One that cannot be cancelled is named.
 */
async function endSeries(id: string, cancelling: ConnectOccurrence[]): Promise<Outcome> {
  const ended = await endTaskSeries({ id });
  if (!ended.ok || cancelling.length === 0) return ended;
  const failures: string[] = [];
  for (const occurrence of cancelling) {
    try {
      const result = await cancelTask({ ...occurrence, onlyIfScheduled: true });
      if (!result.ok) failures.push(`${occurrence.contactId}: ${result.formError}`);
    } catch {
      failures.push(`${occurrence.contactId}: the console did not answer; cancel it from its page.`);
    }
  }
  const cancelled = cancelling.length - failures.length;
  const notCancelled = failures.length > 0 ? ` Not cancelled: ${failures.join(" ")}` : "";
  return {
    ok: true,
    data: {
      message: `${ended.data.heldCancelled}, and ${cancelled} of ${cancelling.length} in Amazon Connect.${notCancelled}`,
      hasProblems: failures.length > 0,
    },
  };
}

/**
 * Pause or resume the series, or end it behind a confirmation (which offers to cancel the
 * occurrences already scheduled in Connect too). The status line stays mounted (an ended
 * series shows no buttons, but still the word on what ending did).
 */
export function SeriesControls({
  id,
  name,
  state,
  canChange,
  inConnect,
}: {
  id: string;
  name: string;
  state: SeriesState;
  canChange: boolean;
  /** Occurrences released and still scheduled (or waiting) in Connect. */
  inConnect: ConnectOccurrence[];
}) {
  const router = useRouter();
  const [isConfirming, setConfirming] = useState(false);
  const [isCancellingInConnect, setCancellingInConnect] = useState(false);
  const [message, setMessage] = useState<{ isProblem: boolean; text: string } | null>(null);
  const change = useMutation({
    mutationFn: (run: () => Promise<Outcome>) => run(),
    onSuccess: (result) => {
      setConfirming(false);
      setMessage(
        result.ok
          ? { isProblem: Boolean(result.data.hasProblems), text: result.data.message }
          : { isProblem: true, text: result.formError },
      );
      if (result.ok) router.refresh();
    },
    onError: () => {
      setConfirming(false);
      setMessage({
        isProblem: true,
        text: "The console did not answer; reload the page to see what was changed.",
      });
    },
  });
  const status = (
    <p role="status" className={message?.isProblem ? "text-red-800" : "text-green-800"}>
      {message?.text ?? ""}
    </p>
  );
  if (!canChange) return message ? status : null;
  return (
    <section aria-labelledby="series-changes-title" className="space-y-3">
      <h2 id="series-changes-title" className="text-lg font-medium">
        Change the series
      </h2>
      <div className="flex flex-wrap items-center gap-3">
        <Link href={`/tasks/series/${encodeURIComponent(id)}/edit`} className={SECONDARY_BUTTON}>
          Edit series
        </Link>
        {state === "paused" ? (
          <button
            type="button"
            className={SECONDARY_BUTTON}
            disabled={change.isPending}
            onClick={() => change.mutate(() => resumeTaskSeries({ id }))}
          >
            Resume series
          </button>
        ) : (
          <button
            type="button"
            className={SECONDARY_BUTTON}
            disabled={change.isPending}
            onClick={() => change.mutate(() => pauseTaskSeries({ id }))}
          >
            Pause series
          </button>
        )}
        <button
          type="button"
          className={DANGER_OUTLINE_BUTTON}
          disabled={change.isPending}
          onClick={() => setConfirming(true)}
        >
          End series
        </button>
      </div>
      {status}
      <ConfirmDialog
        isOpen={isConfirming}
        title={`End the series “${name}”?`}
        confirmLabel="Yes, end the series"
        dismissLabel="Keep the series"
        isPending={change.isPending}
        onConfirm={() =>
          change.mutate(() => endSeries(id, isCancellingInConnect ? inConnect : []))
        }
        onClose={() => setConfirming(false)}
      >
        <p className="text-sm text-slate-700">
          No more occurrences are made, and the ones the console still holds are cancelled (never
          sent to Amazon Connect).
          {inConnect.length === 0
            ? null
            : " Occurrences already in Connect stay there unless you cancel them here too."}
        </p>
        {inConnect.length === 0 ? null : (
          <div className="mt-3">
            <Choice
              type="checkbox"
              checked={isCancellingInConnect}
              onChange={(event) => setCancellingInConnect(event.target.checked)}
              label={`Also cancel ${
                inConnect.length === 1 ? "the occurrence" : `the ${inConnect.length} occurrences`
              } already scheduled in Amazon Connect`}
            />
          </div>
        )}
      </ConfirmDialog>
    </section>
  );
}
