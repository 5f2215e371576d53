"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";

import { ConfirmDialog } from "@/components/confirm-dialog";
import { DANGER_OUTLINE_BUTTON } from "@/components/fields/classes";

import type { ChangeOutcome } from "./task-changes";
import { cancelTask } from "../../actions/cancel-task";

/** Cancel (StopContact) behind a confirmation that names the task, so nobody stops the wrong one. */
export function CancelTask({
  instanceId,
  contactId,
  taskName,
  onOutcome,
}: {
  instanceId: string;
  contactId: string;
  taskName: string;
  onOutcome: (outcome: ChangeOutcome) => void;
}) {
  const router = useRouter();
  const [isOpen, setOpen] = useState(false);
  const cancel = useMutation({ mutationFn: () => cancelTask({ instanceId, contactId }) });
  const isSending = useRef(false);

  async function confirm() {
    if (isSending.current) return;
    isSending.current = true;
    try {
      const result = await cancel.mutateAsync();
      setOpen(false);
      if (result.ok) {
        onOutcome({ tone: "success", message: result.data.message });
        router.refresh();
      } else onOutcome({ tone: "problem", message: result.formError });
    } finally {
      isSending.current = false;
    }
  }

  return (
    <div className="space-y-2">
      <h3 className="font-medium">Cancel</h3>
      <p className="text-sm text-slate-600">
        Stops the task in Amazon Connect (StopContact); it cannot be undone.
      </p>
      <button
        type="button"
        onClick={() => setOpen(true)}
        disabled={cancel.isPending}
        className={DANGER_OUTLINE_BUTTON}
      >
        Cancel task
      </button>
      <ConfirmDialog
        isOpen={isOpen}
        title={`Cancel task “${taskName}”?`}
        confirmLabel="Yes, cancel the task"
        dismissLabel="Keep the task"
        isPending={cancel.isPending}
        onConfirm={() => void confirm()}
        onClose={() => setOpen(false)}
      >
        <p className="text-sm text-slate-700">
          Amazon Connect stops the task “{taskName}”, contact id{" "}
          <code className="font-mono text-xs break-all">{contactId}</code>. Nobody will work on it.
        </p>
      </ConfirmDialog>
    </div>
  );
}
