"use client";

import Link from "next/link";

import type { ActionFailure } from "@/lib/action-result";

import { BUTTON, PRIMARY_BUTTON } from "./fields";
import { SECTION_OF } from "./sections";

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
 * screen readers announce the change). Field problems are also shown next to their fields.
 */
export function SubmitProblems({
  failure,
  onRetry,
}: {
  failure: ActionFailure | null;
  onRetry: () => void;
}) {
  const isThrottled = failure?.code === "CONNECT_THROTTLED";
  const sections = failure
    ? [
        ...new Set(
          Object.keys(failure.fieldErrors).map(
            (path) => SECTION_OF[path.split(".")[0] ?? ""] ?? "Task",
          ),
        ),
      ]
    : [];
  return (
    <div
      role="alert"
      aria-label="Submit problems"
      className={failure ? "space-y-2 rounded border border-red-300 bg-red-50 p-4 text-sm" : ""}
    >
      {failure ? (
        <>
          <p className="font-medium text-red-800">
            {isThrottled ? "Connect is busy, nothing was created. Retry." : failure.formError}
          </p>
          {isThrottled ? (
            <p className="text-red-800">
              Your draft and its client token are kept, so retrying cannot create the task twice.
            </p>
          ) : null}
          {sections.length > 0 ? (
            <p className="text-red-800">See the messages in: {sections.join(", ")}.</p>
          ) : null}
          {isThrottled ||
          failure.code === "CONNECT_UNAVAILABLE" ||
          failure.code === "CONNECT_TIMEOUT" ? (
            <button type="button" className={BUTTON} onClick={onRetry}>
              Retry
            </button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
