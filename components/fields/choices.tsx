/**
 * A group of radio buttons under one legend, the way the composer asks "route with", "when" and
 * "link to": the fieldset and legend name the group, each choice is its input inside its label.
 */
import type { ComponentProps, ReactNode } from "react";

import { LABEL } from "./classes";

export function ChoiceGroup({
  legend,
  note,
  children,
}: {
  legend: ReactNode;
  /** Below the choices, inside the group (why one of them is disabled). */
  note?: ReactNode;
  children: ReactNode;
}) {
  return (
    <fieldset>
      <legend className={LABEL}>{legend}</legend>
      <div className="mt-2 flex flex-wrap gap-4">{children}</div>
      {note}
    </fieldset>
  );
}

/** One radio button with its label (any other input type when `type` says so). */
export function Choice({ label, ...input }: { label: ReactNode } & ComponentProps<"input">) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="radio" {...input} />
      {label}
    </label>
  );
}
