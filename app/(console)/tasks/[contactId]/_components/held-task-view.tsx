import Link from "next/link";

import { LocalTime } from "@/components/local-time";
import { QueryProvider } from "@/components/query-provider";
import { HeldStateBadge } from "@/components/task-status-badge";
import { HELD_STATE_LABELS } from "@/lib/task/held";
import type { TaskValues } from "@/lib/task/schema";

import { HeldTaskActions } from "./held-task-actions";

export interface HeldTaskViewModel {
  id: string;
  state: keyof typeof HELD_STATE_LABELS;
  values: TaskValues;
  scheduledAt: string;
  releaseAt: string;
  clientToken: string;
  contactId: string | null;
  failureMessage: string | null;
  createdByEmail: string | null;
  createdAt: string;
  /** Why this user may not change it, or null when they may. */
  changeRefusal: string | null;
  /** The series it is an occurrence of, if it is one. */
  seriesId: string | null;
}

/** "2026-11-30 14:03:22 UTC" (local-time.tsx's formatUtc is a client module's). */
const formatUtc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 sm:grid-cols-[12rem_1fr]">
      <dt className="font-medium text-slate-600">{term}</dt>
      <dd className="[overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

/** A task the console holds (its console id in the URL): what it is and when it goes to Connect. */
export function HeldTaskView({ task }: { task: HeldTaskViewModel }) {
  const name = task.values.name || "(no name)";
  const isChangeable = task.state === "held" || task.state === "release_failed";
  return (
    <section aria-labelledby="task-title" className="space-y-6">
      <div className="space-y-2">
        <h1 id="task-title" className="text-2xl font-semibold">
          {name}
        </h1>
        <p className="flex flex-wrap items-center gap-2 text-sm">
          {task.state === "held" || task.state === "release_failed" ? (
            <HeldStateBadge state={task.state} />
          ) : (
            <span className="rounded px-2 py-0.5 text-xs font-medium ring-1 ring-slate-200">
              {HELD_STATE_LABELS[task.state]}
            </span>
          )}
          <span>
            Console id <code className="font-mono">{task.id}</code>
          </span>
        </p>
      </div>
      {task.state === "release_failed" ? (
        <div
          role="alert"
          className="rounded border border-red-300 bg-red-50 p-4 text-sm text-red-900"
        >
          <p className="font-medium">Amazon Connect refused the release.</p>
          <p>{task.failureMessage}</p>
        </div>
      ) : null}
      {task.seriesId ? (
        <p className="text-sm">
          An occurrence of a repeating task:{" "}
          <Link
            href={`/tasks/series/${encodeURIComponent(task.seriesId)}`}
            className="text-brand-700 underline"
          >
            open the series
          </Link>
          . Changes here apply to this occurrence only.
        </p>
      ) : null}
      {task.contactId ? (
        <p className="text-sm">
          Amazon Connect has this task:{" "}
          <Link
            href={`/tasks/${encodeURIComponent(task.contactId)}`}
            className="text-brand-700 underline"
          >
            open contact {task.contactId}
          </Link>
          .
        </p>
      ) : null}
      <section aria-labelledby="held-facts-title" className="space-y-3">
        <h2 id="held-facts-title" className="text-lg font-medium">
          Held by the console
        </h2>
        <dl className="space-y-2 text-sm">
          <Fact term="Scheduled for">
            <LocalTime iso={task.scheduledAt} /> ({formatUtc(task.scheduledAt)}, chosen in{" "}
            {task.values.timeZone})
          </Fact>
          {task.state === "held" ? (
            <Fact term="Sent to Connect">
              <LocalTime iso={task.releaseAt} /> ({formatUtc(task.releaseAt)}), once it is inside
              Amazon Connect&apos;s scheduling horizon
            </Fact>
          ) : null}
          <Fact term="Description">{task.values.description || "—"}</Fact>
          <Fact term="Instance">
            <code>{task.values.instanceId}</code>
          </Fact>
          <Fact term="Client token">
            <code className="font-mono text-xs">{task.clientToken}</code>
          </Fact>
          <Fact term="Created by">
            {task.createdByEmail ?? "—"}, <LocalTime iso={task.createdAt} />
          </Fact>
        </dl>
      </section>
      {task.changeRefusal && isChangeable ? (
        <p className="text-sm text-slate-600">{task.changeRefusal}</p>
      ) : (
        // Mounted in every state, so the word on a cancel stays once the page shows Cancelled.
        <QueryProvider>
          <HeldTaskActions
            id={task.id}
            taskName={name}
            canChange={isChangeable && !task.changeRefusal}
            isFailed={task.state === "release_failed"}
          />
        </QueryProvider>
      )}
    </section>
  );
}
