import type { InputHTMLAttributes } from "react";

/**
 * A labelled input whose error is announced and tied to it (aria-invalid, aria-describedby):
 * the markup is also what the tests find fields and errors by.
 */
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
  const id = `field-${name}`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy =
    [hint ? hintId : null, error?.length ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={error?.length ? true : undefined}
        aria-describedby={describedBy}
        className="block w-full rounded border border-slate-300 px-3 py-2 text-sm aria-invalid:border-red-600"
        {...input}
      />
      {hint ? (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error?.length ? (
        <p id={errorId} className="text-sm text-red-700">
          {error.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
