"use client";

/**
 * The schedule's "Repeat" checkbox. Ticking it gives the form a `repeat` value (the series'
 * rule, lib/schedule/series-rule.ts) and shows its fields; unticking takes the value away and
 * keeps what was typed for the next tick. The fields and the "Next occurrences" list, with the
 * recurrence library, load only when Repeat is ticked: the compose page's first load carries none
 * of them (first-load.test.ts).
 */
import dynamic from "next/dynamic";
import { useRef, useState } from "react";
import { useFormContext, useFormState, useWatch } from "react-hook-form";

import { errorAt } from "@/components/fields/error-at";
import { ErrorText, describedBy, fieldId } from "@/components/fields/shell";
import type { RepeatFields } from "@/lib/schedule/series-rule";
import type { TaskFormValues } from "@/lib/task/schema";

const RepeatPanel = dynamic(() => import("./repeat-panel").then((m) => m.RepeatPanel), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-600">Loading the repeat options…</p>,
});

export function RepeatField() {
  const { control, getValues, setValue } = useFormContext<TaskFormValues>();
  const { errors } = useFormState({ control, name: "repeat" });
  const repeat = useWatch({ control, name: "repeat" });
  const lastTyped = useRef<RepeatFields | null>(null);
  // Ticked at once, while the rule's defaults load: the box shows the click it was given.
  const [isTurningOn, setTurningOn] = useState(false);
  const toggles = useRef(0);
  const id = fieldId("repeat");
  const error = errorAt(errors, "repeat");

  async function onToggle(isOn: boolean) {
    const toggle = ++toggles.current;
    if (!isOn) {
      setTurningOn(false);
      const typed = getValues("repeat");
      if (typed) lastTyped.current = structuredClone(typed);
      setValue("repeat", undefined, { shouldDirty: true, shouldValidate: true });
      return;
    }
    setTurningOn(true);
    const { defaultRepeat } = await import("@/lib/schedule/series-rule");
    // Unticked again while loading: that later click wins.
    if (toggle !== toggles.current) return;
    const value = lastTyped.current ?? defaultRepeat(getValues("scheduledLocal"));
    setValue("repeat", value, { shouldDirty: true, shouldValidate: true });
    setTurningOn(false);
  }

  return (
    <div className="space-y-3">
      <div className="space-y-1">
        <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
          <input
            id={id}
            type="checkbox"
            checked={repeat !== undefined || isTurningOn}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy(error && `${id}-error`)}
            onChange={(event) => void onToggle(event.target.checked)}
          />
          Repeat
        </label>
        <ErrorText id={`${id}-error`} error={error} />
      </div>
      {repeat ? <RepeatPanel /> : null}
    </div>
  );
}
