"use client";

import Link from "next/link";
import { useState } from "react";

import type { ChangeRights } from "@/lib/server/tasks/task-rights";

import { CancelTask } from "./cancel-task";
import { PageSection } from "./page-section";
import { RescheduleForm } from "./reschedule-form";

export interface ChangeOutcome {
  tone: "success" | "problem";
  message: string;
  /** A page the outcome points to (the held copy of a task moved beyond the horizon). */
  link?: { href: string; label: string };
}

/**
 * Reschedule and cancel. The outcome lives here, above both forms, so it stays on screen when
 * the refreshed page hides a form the new state no longer allows (a cancelled task).
 */
export function TaskChanges({
  instanceId,
  contactId,
  taskName,
  scheduledAt,
  reschedulesUsed,
  horizonSeconds,
  maxSeconds,
  rights,
}: {
  instanceId: string;
  contactId: string;
  taskName: string;
  scheduledAt: string | null;
  reschedulesUsed: number;
  horizonSeconds: number;
  maxSeconds: number;
  rights: ChangeRights;
}) {
  const [outcome, setOutcome] = useState<ChangeOutcome | null>(null);
  return (
    <PageSection id="change" title="Change this task">
      <p
        role="status"
        className={
          outcome?.tone === "problem"
            ? "text-sm font-medium text-red-700"
            : "text-sm font-medium text-green-800"
        }
      >
        {outcome?.message}
        {outcome?.link ? (
          <>
            {" "}
            <Link href={outcome.link.href} className="underline">
              {outcome.link.label}
            </Link>
          </>
        ) : null}
      </p>
      {rights.explanation ? <p className="text-sm text-slate-700">{rights.explanation}</p> : null}
      {rights.canReschedule ? (
        <RescheduleForm
          instanceId={instanceId}
          contactId={contactId}
          scheduledAt={scheduledAt}
          reschedulesUsed={reschedulesUsed}
          horizonSeconds={horizonSeconds}
          maxSeconds={maxSeconds}
          onOutcome={setOutcome}
        />
      ) : null}
      {rights.canCancel ? (
        <CancelTask
          instanceId={instanceId}
          contactId={contactId}
          taskName={taskName}
          onOutcome={setOutcome}
        />
      ) : null}
    </PageSection>
  );
}
