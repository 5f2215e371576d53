"use client";

import { useEffect, useRef, useState } from "react";
import { type Control, useWatch } from "react-hook-form";

import type { TaskFormValues } from "@/lib/task/schema";

import { saveDraft } from "../actions/save-draft";

export type DraftState =
  | { status: "saved"; savedAt: string }
  | { status: "idle" | "saving" }
  | { status: "failed"; message: string };

const DEBOUNCE_MS = 800;

/**
 * Saves the form as the user's server-side draft ~800 ms after the last change, so a reload, a
 * failed submit or signing in again finds everything as it was. `isPaused` stops it while a
 * submit runs and after a success (the server has dropped the draft then; re-saving the sent
 * values would resurrect it).
 */
export function useDraftAutosave(
  control: Control<TaskFormValues>,
  { initialSavedAt, isPaused }: { initialSavedAt: string | null; isPaused: boolean },
) {
  const values = useWatch({ control }) as TaskFormValues;
  const json = JSON.stringify(values);
  const lastSaved = useRef(json);
  const inFlight = useRef<Promise<unknown>>(Promise.resolve());
  // Saves that were started for an older baseline (before a reset) must not report back.
  const generation = useRef(0);
  const [state, setState] = useState<DraftState>(
    initialSavedAt ? { status: "saved", savedAt: initialSavedAt } : { status: "idle" },
  );

  useEffect(() => {
    if (isPaused || json === lastSaved.current) return;
    const current = generation.current;
    const timer = setTimeout(() => {
      setState({ status: "saving" });
      inFlight.current = saveDraft(JSON.parse(json) as TaskFormValues).then(
        (result) => {
          if (generation.current !== current) return;
          if (result.ok) {
            lastSaved.current = json;
            setState({ status: "saved", savedAt: result.data.savedAt });
          } else setState({ status: "failed", message: result.formError });
        },
        () => {
          if (generation.current === current)
            setState({ status: "failed", message: "The draft could not be saved (network)." });
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [json, isPaused]);

  return {
    state,
    /**
     * Saves `next` now unless the server already holds it. A submit calls this first, so the
     * draft and its client token are stored before Connect is asked: whatever happens to the
     * attempt, a reload retries with the same token.
     */
    async flush(next: TaskFormValues) {
      await inFlight.current;
      const nextJson = JSON.stringify(next);
      if (nextJson === lastSaved.current) return;
      const result = await saveDraft(next);
      if (result.ok) {
        lastSaved.current = nextJson;
        setState({ status: "saved", savedAt: result.data.savedAt });
      }
    },
    /** After the form is reset to values the server already holds (or has dropped). */
    rebase(next: TaskFormValues) {
      generation.current += 1;
      lastSaved.current = JSON.stringify(next);
      setState({ status: "idle" });
    },
  };
}
