"use client";

import { SECONDARY_BUTTON } from "@/components/fields/classes";
import { type ActionFailure, isRetryable } from "@/lib/errors";

import { SECTION_OF } from "./sections";

/**
 * Why the submit failed, in one named live region (it exists before anything is put in it, so
 * screen readers announce the change). Field problems are also shown next to their fields. An
 * unknown outcome is not a failure: Connect may have created the task, and the retry (same
 * ClientToken) is how to find out without making a second one.
 */
export function SubmitProblems({
  failure,
  onRetry,
}: {
  failure: ActionFailure | null;
  onRetry: () => void;
}) {
  const isUnknown = failure?.isOutcomeUnknown === true;
  const isThrottled = failure?.code === "CONNECT_THROTTLED" && !isUnknown;
  const sections = failure
    ? [
        ...new Set(
          Object.keys(failure.fieldErrors).map(
            (path) => SECTION_OF[path.split(".")[0] ?? ""] ?? "Task",
          ),
        ),
      ]
    : [];
  const canRetry = isUnknown || (failure !== null && isRetryable(failure.code));
  const tone = isUnknown
    ? "border-amber-400 bg-amber-50 text-amber-900"
    : "border-red-300 bg-red-50 text-red-800";
  return (
    <div
      role="alert"
      aria-label="Submit problems"
      className={failure ? `space-y-2 rounded border p-4 text-sm ${tone}` : ""}
    >
      {failure ? (
        <>
          <p className="font-medium">{failure.formError}</p>
          {isUnknown ? (
            <p>
              Retrying is safe: your draft keeps its client token, so Connect returns the same task
              instead of creating a second one.
            </p>
          ) : null}
          {isThrottled ? (
            <p>
              Your draft and its client token are kept, so retrying cannot create the task twice.
            </p>
          ) : null}
          {sections.length > 0 ? <p>See the messages in: {sections.join(", ")}.</p> : null}
          {canRetry ? (
            <button type="button" className={SECONDARY_BUTTON} onClick={onRetry}>
              Retry
            </button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
