import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { type FieldErrors, get } from "react-hook-form";

import { FieldShell, fieldId } from "@/components/field-shell";

import type { TaskFormValues } from "@/lib/task/schema";

/** The message(s) react-hook-form holds for a path, in the shape FormField takes. */
export function errorAt(errors: FieldErrors<TaskFormValues>, path: string): string[] | undefined {
  const error: { message?: unknown; root?: { message?: unknown } } | undefined = get(errors, path);
  const message = error?.message ?? error?.root?.message;
  return typeof message === "string" && message ? [message] : undefined;
}

export { ErrorText, describedBy, fieldId } from "@/components/field-shell";

export { Section } from "@/components/section";

const CONTROL =
  "block w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm aria-invalid:border-red-600 read-only:bg-slate-50";

export function TextAreaField({
  label,
  path,
  error,
  hint,
  ...textarea
}: {
  label: ReactNode;
  path: string;
  error?: string[] | undefined;
  hint?: ReactNode;
} & TextareaHTMLAttributes<HTMLTextAreaElement> & {
    ref?: React.Ref<HTMLTextAreaElement>;
  }) {
  return (
    <FieldShell id={fieldId(path)} label={label} hint={hint} error={error}>
      {(control) => <textarea className={CONTROL} rows={4} {...control} {...textarea} />}
    </FieldShell>
  );
}

export function SelectField({
  label,
  path,
  error,
  hint,
  children,
  ...select
}: {
  label: ReactNode;
  path: string;
  error?: string[] | undefined;
  hint?: ReactNode;
  children: ReactNode;
} & SelectHTMLAttributes<HTMLSelectElement> & { ref?: React.Ref<HTMLSelectElement> }) {
  return (
    <FieldShell id={fieldId(path)} label={label} hint={hint} error={error}>
      {(control) => (
        <select className={CONTROL} {...control} {...select}>
          {children}
        </select>
      )}
    </FieldShell>
  );
}

/** Text inputs not covered by FormField (labels with markup, ids from paths, refs). */
export function InputField({
  label,
  path,
  error,
  hint,
  ...input
}: {
  label: ReactNode;
  path: string;
  error?: string[] | undefined;
  hint?: ReactNode;
} & React.InputHTMLAttributes<HTMLInputElement> & { ref?: React.Ref<HTMLInputElement> }) {
  return (
    <FieldShell id={fieldId(path)} label={label} hint={hint} error={error}>
      {(control) => <input className={CONTROL} {...control} {...input} />}
    </FieldShell>
  );
}

export function RequiredMark() {
  return <span className="font-normal text-red-700"> (required)</span>;
}

export const BUTTON =
  "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-60";
export const PRIMARY_BUTTON =
  "rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60";
