"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { SECONDARY_BUTTON } from "@/components/fields/classes";

import { refreshTaskStatuses } from "../actions/refresh-task-statuses";

/**
 * Asks Connect again about the tasks on screen. The server skips what it checked in the last few
 * seconds and anything final, and paces the rest, so clicking repeatedly cannot flood Connect.
 * There is no automatic polling.
 */
export function RefreshStatuses({ contactIds }: { contactIds: string[] }) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const [message, setMessage] = useState("");

  function refresh() {
    startTransition(async () => {
      const result = await refreshTaskStatuses({ contactIds });
      if (!result.ok) {
        setMessage(result.formError);
        return;
      }
      const { refreshed, failed } = result.data;
      setMessage(
        refreshed === 0 && failed === 0
          ? "Statuses are up to date (checked moments ago, or final)."
          : `Checked ${refreshed} with Amazon Connect${failed ? `; ${failed} could not be checked` : ""}.`,
      );
      router.refresh();
    });
  }

  return (
    <div className="flex items-center gap-3 text-sm">
      <p role="status" aria-label="Refresh result" className="text-slate-600">
        {message}
      </p>
      <button type="button" onClick={refresh} disabled={isPending} className={SECONDARY_BUTTON}>
        {isPending ? "Refreshing…" : "Refresh statuses"}
      </button>
    </div>
  );
}
