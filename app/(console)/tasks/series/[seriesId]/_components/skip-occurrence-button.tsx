"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";

import { skipSeriesOccurrence } from "../../../actions/series";

/** Skips one held occurrence (never sent to Connect); a refusal is said beside the button. */
export function SkipOccurrenceButton({
  seriesId,
  heldTaskId,
  when,
}: {
  seriesId: string;
  heldTaskId: string;
  /** Names the button for assistive technology: each row has one. */
  when: string;
}) {
  const router = useRouter();
  const skip = useMutation({
    mutationFn: () => skipSeriesOccurrence({ seriesId, heldTaskId }),
    onSuccess: (result) => {
      if (result.ok) router.refresh();
    },
  });
  const problem = skip.data && !skip.data.ok ? skip.data.formError : null;
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        aria-label={`Skip the occurrence of ${when}`}
        disabled={skip.isPending}
        onClick={() => skip.mutate()}
        className="text-red-800 underline disabled:opacity-50"
      >
        Skip
      </button>
      {problem ? (
        <span role="alert" className="text-xs text-red-800">
          {problem}
        </span>
      ) : null}
    </span>
  );
}
