/**
 * What the composer page hands its client components (props, the server's first preview).
 * Neutral module. What the lookup route handlers answer is in lib/connect/lookups.ts.
 */
import type { TaskFormValues } from "@/lib/task/schema";

export interface InstanceChoice {
  id: string;
  alias: string;
}

/** A message above the composer about how it was prefilled (a follow-up of a contact). */
export interface ComposerNotice {
  title: string;
  /** "problem": the prefill could not be applied as asked. */
  tone: "info" | "problem";
  messages: string[];
}

export type ComposerEdit =
  | { kind: "held"; id: string }
  | {
      kind: "series";
      id: string;
      fromHeldTaskId: string | null;
      /** The occurrence whose timing the form shows: a change of it continues the series. */
      shownHeldTaskId: string;
    };

export interface ComposerProps {
  instances: InstanceChoice[];
  initialValues: TaskFormValues;
  /** When the draft was last saved on the server, if it was. */
  draftSavedAt: string | null;
  canSchedule: boolean;
  scheduleHorizonSeconds: number;
  /** The furthest schedule accepted (SCHEDULE_MAX_DAYS); beyond the horizon the task is held. */
  scheduleMaxSeconds: number;
  maxLinkedTasks: number;
  /**
   * Editing what the console holds instead of starting a task: a held task (its console id), or
   * a series' occurrences from one of them on (every one when `fromHeldTaskId` is null). The
   * composer opens with its values, saves no draft, and its submit saves them.
   */
  editing?: ComposerEdit;
  notice?: ComposerNotice | null;
  /** The preview of `initialValues`, computed by the server (the browser loads the schema later). */
  initialPreview: PreviewModel;
}

/** What the preview shows: the request and its CLI form, or the sections still incomplete. */
export type PreviewModel =
  { isComplete: true; json: string; cli: string } | { isComplete: false; sections: string[] };
