import type { SelectHTMLAttributes } from "react";

import { FieldShell, fieldId } from "./field-shell";

/** The select counterpart of FormField: a labelled select whose error is announced and tied to it. */
export function SelectField({
  label,
  name,
  error,
  hint,
  options,
  ...select
}: {
  label: string;
  name: string;
  error?: string[] | undefined;
  hint?: string;
  options: readonly { value: string; label: string }[];
} & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldShell id={fieldId(name)} label={label} hint={hint} error={error}>
      {(control) => (
        <select
          name={name}
          className="block w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm aria-invalid:border-red-600"
          {...control}
          {...select}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
