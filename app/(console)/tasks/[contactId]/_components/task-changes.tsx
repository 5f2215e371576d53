"use client";

import { useState } from "react";

import type { ChangeRights } from "@/lib/server/tasks/task-rights";

import { CancelTask } from "./cancel-task";
import { PageSection } from "./page-section";
import { RescheduleForm } from "./reschedule-form";

export interface ChangeOutcome {
  tone: "success" | "problem";
  message: string;
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
  rights,
}: {
  instanceId: string;
  contactId: string;
  taskName: string;
  scheduledAt: string | null;
  reschedulesUsed: number;
  horizonSeconds: number;
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
      </p>
      {rights.explanation ? <p className="text-sm text-slate-700">{rights.explanation}</p> : null}
      {rights.canReschedule ? (
        <RescheduleForm
          instanceId={instanceId}
          contactId={contactId}
          scheduledAt={scheduledAt}
          reschedulesUsed={reschedulesUsed}
          horizonSeconds={horizonSeconds}
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
