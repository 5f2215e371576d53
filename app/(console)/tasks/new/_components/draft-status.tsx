"use client";

import { useSyncExternalStore } from "react";

import type { DraftStatusStore } from "./use-draft-autosave";

const subscribeNothing = () => () => {};

/** "Draft saved 12:03" in the reader's own clock (rendered in the browser only). */
export function DraftStatus({ store }: { store: DraftStatusStore }) {
  const state = useSyncExternalStore(store.subscribe, store.get, store.get);
  const isBrowser = useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
  let text = "";
  if (state.status === "saving") text = "Saving draft…";
  else if (state.status === "failed") text = `Draft not saved: ${state.message}`;
  else if (state.status === "saved" && isBrowser) {
    const time = new Date(state.savedAt).toLocaleTimeString([], {
      hour: "2-digit",
      minute: "2-digit",
    });
    text = `Draft saved ${time}`;
  }
  return (
    <p
      role="status"
      aria-label="Draft status"
      className={`text-sm ${state.status === "failed" ? "text-red-700" : "text-slate-600"}`}
    >
      {text}
    </p>
  );
}
