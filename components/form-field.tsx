import type { InputHTMLAttributes } from "react";

import { FieldShell, fieldId } from "./field-shell";

/** A labelled text input whose error is announced and tied to it. */
export function FormField({
  label,
  name,
  error,
  hint,
  ...input
}: {
  label: string;
  name: string;
  error?: string[] | undefined;
  hint?: string;
} & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell id={fieldId(name)} label={label} hint={hint} error={error}>
      {(control) => (
        <input
          name={name}
          className="block w-full rounded border border-slate-300 px-3 py-2 text-sm aria-invalid:border-red-600"
          {...control}
          {...input}
        />
      )}
    </FieldShell>
  );
}
