"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { ConfirmDialog } from "@/components/confirm-dialog";
import { DANGER_OUTLINE_BUTTON, PRIMARY_BUTTON } from "@/components/fields/classes";

import { cancelHeldTaskById, retryHeldTaskRelease } from "../../actions/held-task";

/**
 * A held task's changes: Edit (the composer, prefilled), Retry of a refused release, Cancel
 * behind a confirmation. None asks Amazon Connect anything: the task is not there yet. Without
 * `canChange` (released, cancelled, someone else's) only the outcome of the last change shows.
 */
export function HeldTaskActions({
  id,
  taskName,
  canChange,
  isFailed,
}: {
  id: string;
  taskName: string;
  canChange: boolean;
  isFailed: boolean;
}) {
  const router = useRouter();
  const [isOpen, setOpen] = useState(false);
  const [message, setMessage] = useState<{ tone: "success" | "problem"; text: string } | null>(
    null,
  );
  const cancel = useMutation({ mutationFn: () => cancelHeldTaskById({ id }) });
  const retry = useMutation({ mutationFn: () => retryHeldTaskRelease({ id }) });

  async function run(action: typeof cancel | typeof retry, success: string) {
    const result = await action.mutateAsync();
    setOpen(false);
    setMessage(
      result.ok ? { tone: "success", text: success } : { tone: "problem", text: result.formError },
    );
    if (result.ok) router.refresh();
  }

  const status = (
    <p role="status" className={message?.tone === "problem" ? "text-red-800" : "text-green-800"}>
      {message?.text ?? ""}
    </p>
  );
  if (!canChange) return message ? status : null;
  return (
    <section aria-labelledby="held-changes-title" className="space-y-3">
      <h2 id="held-changes-title" className="text-lg font-medium">
        Change
      </h2>
      <div className="flex flex-wrap items-center gap-3">
        <Link href={`/tasks/${encodeURIComponent(id)}/edit`} className={PRIMARY_BUTTON}>
          Edit
        </Link>
        {isFailed ? (
          <button
            type="button"
            className={PRIMARY_BUTTON}
            disabled={retry.isPending}
            onClick={() => void run(retry, "Held again: the console sends it to Connect shortly.")}
          >
            Retry
          </button>
        ) : null}
        <button
          type="button"
          onClick={() => setOpen(true)}
          disabled={cancel.isPending}
          className={DANGER_OUTLINE_BUTTON}
        >
          Cancel held task
        </button>
      </div>
      {status}
      <ConfirmDialog
        isOpen={isOpen}
        title={`Cancel held task “${taskName}”?`}
        confirmLabel="Yes, cancel it"
        dismissLabel="Keep the task"
        isPending={cancel.isPending}
        onConfirm={() => void run(cancel, "Cancelled. It was never sent to Amazon Connect.")}
        onClose={() => setOpen(false)}
      >
        <p className="text-sm text-slate-700">
          The console will not send “{taskName}” to Amazon Connect. Nothing is asked of Connect: the
          task is not there yet.
        </p>
      </ConfirmDialog>
    </section>
  );
}
