"use client";

import { useState } from "react";

import { SECONDARY_BUTTON } from "@/components/fields/classes";

/**
 * Advanced's "New task": discards the draft and starts over with a new client token, behind a
 * confirmation, since the token is what makes a retry of this task safe.
 */
export function NewTaskControl({ onDiscard }: { onDiscard: () => Promise<void> }) {
  const [isConfirming, setConfirming] = useState(false);
  if (!isConfirming)
    return (
      <button type="button" className={SECONDARY_BUTTON} onClick={() => setConfirming(true)}>
        New task
      </button>
    );
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <span>Discard this draft and start a new task with a new client token?</span>
      <button
        type="button"
        className={SECONDARY_BUTTON}
        onClick={() => void onDiscard().then(() => setConfirming(false))}
      >
        Discard draft
      </button>
      <button type="button" className={SECONDARY_BUTTON} onClick={() => setConfirming(false)}>
        Keep editing
      </button>
    </div>
  );
}
