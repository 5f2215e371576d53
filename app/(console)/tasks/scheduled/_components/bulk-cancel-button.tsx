"use client";

import { useState } from "react";

import { ConfirmDialog } from "@/components/confirm-dialog";
import { DANGER_OUTLINE_BUTTON } from "@/components/fields/classes";
import type { TaskListItem } from "@/lib/task/list";

/** Cancelling cannot be undone, so the dialog names every task it will stop. */
export function BulkCancelButton({
  tasks,
  onConfirm,
}: {
  tasks: TaskListItem[];
  onConfirm: () => void;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const n = tasks.length;
  return (
    <>
      <button
        type="button"
        disabled={n === 0}
        onClick={() => setIsOpen(true)}
        className={DANGER_OUTLINE_BUTTON}
      >
        Cancel selected…
      </button>
      <ConfirmDialog
        isOpen={isOpen}
        title={`Cancel ${n} ${n === 1 ? "task" : "tasks"}?`}
        confirmLabel={n === 1 ? "Cancel task" : "Cancel tasks"}
        dismissLabel={n === 1 ? "Keep task" : "Keep tasks"}
        isPending={false}
        onClose={() => setIsOpen(false)}
        onConfirm={() => {
          setIsOpen(false);
          onConfirm();
        }}
      >
        <p className="text-sm text-slate-700">
          Amazon Connect stops {n === 1 ? "this task" : "these tasks"} before{" "}
          {n === 1 ? "it starts" : "they start"}. This cannot be undone.
        </p>
        <ul aria-label="Tasks to cancel" className="max-h-60 list-disc overflow-auto pl-5 text-sm">
          {tasks.map((task) => (
            <li key={task.id}>{task.name}</li>
          ))}
        </ul>
      </ConfirmDialog>
    </>
  );
}
