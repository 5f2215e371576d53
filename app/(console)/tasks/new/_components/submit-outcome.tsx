"use client";

import Link from "next/link";
import type { ReactNode } from "react";

import { PRIMARY_BUTTON } from "@/components/fields/classes";
import { LocalTime, formatUtc } from "@/components/local-time";

/** What a successful submit answered: a task in Connect, one the console holds, or a series. */
export type SubmitOutcome =
  | { kind: "created"; contactId: string; clientToken: string }
  | {
      kind: "held";
      heldTaskId: string;
      scheduledAt: string;
      releaseAt: string;
      clientToken: string;
    }
  | {
      kind: "series";
      seriesId: string;
      /** Occurrences held now (the window ahead); the rest are made as it moves on. */
      occurrences: number;
      firstAt: string | null;
      /** An edit that changed the timing: the series this new one continues. */
      continues?: string | null;
      clientToken: string;
    };

const TONES = {
  green: { box: "border-green-300 bg-green-50", text: "text-green-900" },
  sky: { box: "border-sky-300 bg-sky-50", text: "text-sky-900" },
} as const;

/** The one layout of every success: a named region, its live status line, a link, and "Create another". */
function OutcomePanel({
  id,
  title,
  tone,
  status,
  href,
  linkText,
  onCreateAnother,
  isResetting,
}: {
  id: string;
  title: string;
  tone: keyof typeof TONES;
  status: ReactNode;
  href: string;
  linkText: string;
  /** Absent after an edit: there is nothing new to create. */
  onCreateAnother: (() => void) | undefined;
  isResetting: boolean;
}) {
  return (
    <section aria-labelledby={id} className={`space-y-3 rounded-lg border p-5 ${TONES[tone].box}`}>
      <h2 id={id} className={`text-lg font-medium ${TONES[tone].text}`}>
        {title}
      </h2>
      <p role="status" className={`text-sm ${TONES[tone].text}`}>
        {status}
      </p>
      <div className="flex flex-wrap items-center gap-4">
        <Link href={href} className="text-brand-700 text-sm font-medium underline">
          {linkText}
        </Link>
        {onCreateAnother ? (
          <button
            type="button"
            className={PRIMARY_BUTTON}
            onClick={onCreateAnother}
            disabled={isResetting}
          >
            {isResetting ? "Starting…" : "Create another"}
          </button>
        ) : null}
      </div>
    </section>
  );
}

const at = (iso: string) => (
  <>
    <LocalTime iso={iso} /> ({formatUtc(iso)})
  </>
);

/**
 * A submit's success. Created: Connect has the task. Held: beyond Connect's horizon, the console
 * holds it and says when it sends it (a job releases it just inside the horizon, with the
 * ClientToken fixed now). Series: its occurrences are held tasks, released one by one.
 */
export function SubmitOutcomeView({
  outcome,
  isEdit,
  onCreateAnother,
  isResetting,
}: {
  outcome: SubmitOutcome;
  isEdit: boolean;
  onCreateAnother: () => void;
  isResetting: boolean;
}) {
  const another = isEdit ? undefined : onCreateAnother;
  if (outcome.kind === "created") {
    return (
      <OutcomePanel
        id="task-created-title"
        title="Task created"
        tone="green"
        status={
          <>
            Connect created the task. Contact id:{" "}
            <code className="font-mono">{outcome.contactId}</code>
          </>
        }
        href={`/tasks/${encodeURIComponent(outcome.contactId)}`}
        linkText="Open the task"
        onCreateAnother={another}
        isResetting={isResetting}
      />
    );
  }
  if (outcome.kind === "held") {
    return (
      <OutcomePanel
        id="task-held-title"
        title="Task held"
        tone="sky"
        status={
          <>
            {isEdit ? "Changes saved. " : ""}Amazon Connect does not take tasks this far ahead yet,
            so the console holds this one and sends it to Connect on{" "}
            <strong>{at(outcome.releaseAt)}</strong>, scheduled for {at(outcome.scheduledAt)}.
            Console id: <code className="font-mono">{outcome.heldTaskId}</code>
          </>
        }
        href={`/tasks/${encodeURIComponent(outcome.heldTaskId)}`}
        linkText="Open the held task"
        onCreateAnother={another}
        isResetting={isResetting}
      />
    );
  }
  const count = outcome.occurrences === 1 ? "1 occurrence" : `${outcome.occurrences} occurrences`;
  return (
    <OutcomePanel
      id="series-created-title"
      title={isEdit ? "Series saved" : "Series created"}
      tone="green"
      status={
        isEdit && outcome.continues ? (
          <>
            Changes saved with the new timing: the earlier series ended before the first occurrence
            you changed, and this new series continues it. The console holds {count} of it so far.
            Series id: <code className="font-mono">{outcome.seriesId}</code>
          </>
        ) : isEdit ? (
          <>
            Changes saved: {count} the console holds now changed, and the ones it makes later will
            have them. Their times stay as the series sets them.
          </>
        ) : (
          <>
            The console holds {count} of the series so far
            {outcome.firstAt ? <>, from {at(outcome.firstAt)}</> : null}, and sends each to Amazon
            Connect once Connect can take it; a series without an end gets its next ones as time
            goes on. Series id:{" "}
            <code className="font-mono">{outcome.seriesId}</code>
          </>
        )
      }
      href={`/tasks/series/${encodeURIComponent(outcome.seriesId)}`}
      linkText="Open the series"
      onCreateAnother={another}
      isResetting={isResetting}
    />
  );
}
