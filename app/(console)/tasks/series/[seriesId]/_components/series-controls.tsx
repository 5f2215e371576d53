"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { ConfirmDialog } from "@/components/confirm-dialog";
import { DANGER_OUTLINE_BUTTON, SECONDARY_BUTTON } from "@/components/fields/classes";
import type { SeriesState } from "@/lib/server/db/schema/series";

import { endTaskSeries, pauseTaskSeries, resumeTaskSeries } from "../../../actions/series";

type Outcome = { ok: true; data: { message: string } } | { ok: false; formError: string };

/**
 * Pause or resume the series, or end it behind a confirmation. The status line stays mounted
 * (an ended series shows no buttons, but still the word on what ending did).
 */
export function SeriesControls({
  id,
  name,
  state,
  canChange,
}: {
  id: string;
  name: string;
  state: SeriesState;
  canChange: boolean;
}) {
  const router = useRouter();
  const [isConfirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ isProblem: boolean; text: string } | null>(null);
  const change = useMutation({
    mutationFn: (run: () => Promise<Outcome>) => run(),
    onSuccess: (result) => {
      setConfirming(false);
      setMessage(
        result.ok
          ? { isProblem: false, text: result.data.message }
          : { isProblem: true, text: result.formError },
      );
      if (result.ok) router.refresh();
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
        onConfirm={() => change.mutate(() => endTaskSeries({ id }))}
        onClose={() => setConfirming(false)}
      >
        <p className="text-sm text-slate-700">
          No more occurrences are made, and the ones the console still holds are cancelled (never
          sent to Amazon Connect). Occurrences already in Connect stay there: cancel them from their
          own pages.
        </p>
      </ConfirmDialog>
    </section>
  );
}
