"use client";

import Link from "next/link";

import { PRIMARY_BUTTON, SECONDARY_BUTTON } from "@/components/fields/classes";
import { LocalTime, formatUtc } from "@/components/local-time";
import { type ActionFailure, isRetryable } from "@/lib/errors";

import { SECTION_OF } from "./sections";

/** What a successful submit answered: a task in Connect, or one the console holds. */
export type SubmitOutcome =
  | { kind: "created"; contactId: string; clientToken: string }
  | {
      kind: "held";
      heldTaskId: string;
      scheduledAt: string;
      releaseAt: string;
      clientToken: string;
    };

/**
 * Beyond Connect's horizon: the console holds the task and says when it will send it (a job
 * releases it, with its ClientToken fixed now, just inside the horizon).
 */
export function SubmitHeld({
  outcome,
  isEdit,
  onCreateAnother,
  isResetting,
}: {
  outcome: Extract<SubmitOutcome, { kind: "held" }>;
  isEdit: boolean;
  onCreateAnother: () => void;
  isResetting: boolean;
}) {
  return (
    <section
      aria-labelledby="task-held-title"
      className="space-y-3 rounded-lg border border-sky-300 bg-sky-50 p-5"
    >
      <h2 id="task-held-title" className="text-lg font-medium text-sky-900">
        Task held
      </h2>
      <p role="status" className="text-sm text-sky-900">
        {isEdit ? "Changes saved. " : ""}Amazon Connect does not take tasks this far ahead yet, so
        the console holds this one and sends it to Connect on{" "}
        <strong>
          <LocalTime iso={outcome.releaseAt} />
        </strong>{" "}
        ({formatUtc(outcome.releaseAt)}), scheduled for <LocalTime iso={outcome.scheduledAt} /> (
        {formatUtc(outcome.scheduledAt)}). Console id:{" "}
        <code className="font-mono">{outcome.heldTaskId}</code>
      </p>
      <div className="flex flex-wrap items-center gap-4">
        <Link
          href={`/tasks/${encodeURIComponent(outcome.heldTaskId)}`}
          className="text-brand-700 text-sm font-medium underline"
        >
          Open the held task
        </Link>
        {isEdit ? null : (
          <button
            type="button"
            className={PRIMARY_BUTTON}
            onClick={onCreateAnother}
            disabled={isResetting}
          >
            {isResetting ? "Starting…" : "Create another"}
          </button>
        )}
      </div>
    </section>
  );
}

/** The task landed in Connect: its id, a link to it, and a way to start the next one. */
export function SubmitSuccess({
  contactId,
  onCreateAnother,
  isResetting,
}: {
  contactId: string;
  onCreateAnother: () => void;
  isResetting: boolean;
}) {
  return (
    <section
      aria-labelledby="task-created-title"
      className="space-y-3 rounded-lg border border-green-300 bg-green-50 p-5"
    >
      <h2 id="task-created-title" className="text-lg font-medium text-green-900">
        Task created
      </h2>
      <p role="status" className="text-sm text-green-900">
        Connect created the task. Contact id: <code className="font-mono">{contactId}</code>
      </p>
      <div className="flex flex-wrap items-center gap-4">
        <Link
          href={`/tasks/${encodeURIComponent(contactId)}`}
          className="text-brand-700 text-sm font-medium underline"
        >
          Open the task
        </Link>
        <button
          type="button"
          className={PRIMARY_BUTTON}
          onClick={onCreateAnother}
          disabled={isResetting}
        >
          {isResetting ? "Starting…" : "Create another"}
        </button>
      </div>
    </section>
  );
}

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
