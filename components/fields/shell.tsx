/**
 * The one place that ties a control to its label, hint and error: `<label for>`, aria-invalid,
 * aria-describedby. Inputs, selects, textareas and comboboxes all render inside it, so every
 * field of the console is found and announced the same way (the markup is the test contract).
 */
import type { ReactNode } from "react";

import { LABEL } from "./classes";

/** An id safe for any field path ("references.0.name" → "field-references-0-name"). */
export const fieldId = (path: string) => `field-${path.replace(/[^A-Za-z0-9_-]/g, "-")}`;

export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(" ") || undefined;
}

export function ErrorText({ id, error }: { id: string; error: string[] | undefined }) {
  return error?.length ? (
    <p id={id} className="text-sm text-red-700">
      {error.join(" ")}
    </p>
  ) : null;
}

/** A field's hint, tied to its control by `${id}-hint`. */
export function HintText({ id, hint }: { id: string; hint: ReactNode }) {
  return hint ? (
    <p id={id} className="text-xs text-slate-500">
      {hint}
    </p>
  ) : null;
}

export interface FieldControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

export function FieldShell({
  id,
  label,
  hint,
  error,
  isLabelHidden = false,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string[] | undefined;
  /** Read by assistive technology only, where the row or column already shows what it is. */
  isLabelHidden?: boolean;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const hasError = Boolean(error?.length);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className={isLabelHidden ? "sr-only" : LABEL}>
        {label}
      </label>
      {children({
        id,
        "aria-invalid": hasError ? true : undefined,
        "aria-describedby": describedBy(
          hint ? `${id}-hint` : null,
          hasError ? `${id}-error` : null,
        ),
      })}
      <HintText id={`${id}-hint`} hint={hint} />
      <ErrorText id={`${id}-error`} error={error} />
    </div>
  );
}
