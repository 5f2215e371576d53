"use client";

import { useEffect, useRef, useState } from "react";
import type { UseFormGetValues, UseFormSubscribe } from "react-hook-form";

import type { TaskFormValues } from "@/lib/task/schema";

import { saveDraft } from "../actions/save-draft";

export type DraftState =
  | { status: "saved"; savedAt: string }
  | { status: "idle" | "saving" }
  | { status: "failed"; message: string };

const DEBOUNCE_MS = 800;

/** The draft's status, read by DraftStatus alone: a change must not re-render the whole form. */
function createStatusStore(initial: DraftState) {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set: (next: DraftState) => {
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
export type DraftStatusStore = ReturnType<typeof createStatusStore>;

/**
 * Saves the form as the user's server-side draft ~800 ms after the last change, so a reload, a
 * failed submit or signing in again finds everything as it was. `isPaused` stops it while a
 * submit runs and after a success (the server has dropped the draft then; re-saving the sent
 * values would resurrect it). It follows the form through a subscription, not a render: the
 * composer hosting it re-renders only when its own state changes, never on each keystroke.
 */
export function useDraftAutosave(
  form: {
    subscribe: UseFormSubscribe<TaskFormValues>;
    getValues: UseFormGetValues<TaskFormValues>;
  },
  { initialSavedAt, isPaused }: { initialSavedAt: string | null; isPaused: boolean },
) {
  const { subscribe, getValues } = form;
  const lastSaved = useRef<string | null>(null);
  const inFlight = useRef<Promise<unknown>>(Promise.resolve());
  // Set while a submit starts, before `isPaused` has reached this hook (see holdForSubmit).
  const isHeld = useRef(false);
  // Saves that were started for an older baseline (before a reset) must not report back.
  const generation = useRef(0);
  const [status] = useState(() =>
    createStatusStore(
      initialSavedAt ? { status: "saved", savedAt: initialSavedAt } : { status: "idle" },
    ),
  );

  useEffect(() => {
    lastSaved.current ??= JSON.stringify(getValues());
    if (isPaused) return;
    isHeld.current = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (json: string) => {
      clearTimeout(timer);
      if (json === lastSaved.current) return;
      const current = generation.current;
      timer = setTimeout(() => {
        if (isHeld.current) return;
        status.set({ status: "saving" });
        inFlight.current = saveDraft(JSON.parse(json) as TaskFormValues).then(
          (result) => {
            if (generation.current !== current) return;
            if (result.ok) {
              lastSaved.current = json;
              status.set({ status: "saved", savedAt: result.data.savedAt });
            } else status.set({ status: "failed", message: result.formError });
          },
          () => {
            if (generation.current === current)
              status.set({ status: "failed", message: "The draft could not be saved (network)." });
          },
        );
      }, DEBOUNCE_MS);
    };
    // Changes made while paused are saved once the pause ends.
    schedule(JSON.stringify(getValues()));
    const unsubscribe = subscribe({
      formState: { values: true },
      callback: ({ values }) => schedule(JSON.stringify(values)),
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [isPaused, subscribe, getValues, status]);

  return {
    status,
    /**
     * A submit is about to start: no save may reach the server after it, since one landing after
     * a success would bring back the draft the start action dropped. Stops saving at once, waits
     * for a save already on its way (usually none, so no round trip is added), and returns how
     * to resume when the submit did not succeed; a re-render with `isPaused` off resumes too.
     */
    async holdForSubmit(): Promise<() => void> {
      isHeld.current = true;
      await inFlight.current;
      return () => {
        isHeld.current = false;
      };
    },
    /** After the form is reset to values the server already holds (or has dropped). */
    rebase(next: TaskFormValues) {
      generation.current += 1;
      lastSaved.current = JSON.stringify(next);
      status.set({ status: "idle" });
    },
  };
}
