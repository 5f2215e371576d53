"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { reconcileAuditEvent } from "../actions/reconcile-audit-event";

/**
 * Settles one entry whose outcome is not known (pending, or unknown); the result is announced,
 * then the table reloads with the row.
 */
export function ReconcileButton({ eventId }: { eventId: string }) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const [status, setStatus] = useState<{ isError: boolean; text: string } | null>(null);

  function reconcile() {
    startTransition(async () => {
      const result = await reconcileAuditEvent({ id: eventId });
      if (result.ok) {
        setStatus({ isError: false, text: result.data.message });
        router.refresh();
        return;
      }
      setStatus({
        isError: true,
        text: result.code.startsWith("CONNECT_")
          ? `${result.formError} The entry stays as it is; try again later.`
          : result.formError,
      });
    });
  }

  return (
    <div className="space-y-1">
      <button
        type="button"
        onClick={reconcile}
        disabled={isPending}
        className="rounded border border-amber-400 bg-amber-50 px-2 py-1 text-xs font-medium text-amber-900 hover:bg-amber-100 disabled:opacity-60"
      >
        {isPending ? "Reconciling…" : "Reconcile"}
      </button>
      <p
        role="status"
        aria-live="polite"
        className={status?.isError ? "text-xs text-red-700" : "text-xs text-slate-700"}
      >
        {status?.text}
      </p>
    </div>
  );
}
