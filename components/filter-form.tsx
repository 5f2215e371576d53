import Link from "next/link";
import type { ReactNode } from "react";

import { PRIMARY_BUTTON } from "./fields/classes";
import { InputField } from "./fields/controls";

/**
 * A list page's filters as a plain GET form: the view lives in the URL, so it survives a reload,
 * can be bookmarked and shared, and works without JavaScript. Fields show values as typed, also
 * when they are invalid (the page passes them back with their errors).
 */
export function FilterForm({
  action,
  label,
  children,
}: {
  /** The page's path; "Clear filters" links back to it bare. */
  action: string;
  label: string;
  children: ReactNode;
}) {
  return (
    <form
      method="get"
      action={action}
      aria-label={label}
      className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3"
    >
      {children}
      <div className="flex items-center gap-3 sm:col-span-3">
        <button type="submit" className={PRIMARY_BUTTON}>
          Apply filters
        </button>
        <Link href={action} className="text-sm text-slate-600 underline">
          Clear filters
        </Link>
      </div>
    </form>
  );
}

/** "From" and "To" UTC days, inclusive (`from` and `to` in the URL). */
export function DayRangeFields({
  values,
  errors,
  noun = "",
}: {
  values: Record<string, string>;
  errors: Record<string, string[]>;
  /** Prefix of the labels, e.g. "Created" for "Created from (UTC day)". */
  noun?: string;
}) {
  const label = (word: string) => `${noun ? `${noun} ${word.toLowerCase()}` : word} (UTC day)`;
  return (
    <>
      <InputField
        label={label("From")}
        name="from"
        type="date"
        defaultValue={values.from ?? ""}
        error={errors.from}
      />
      <InputField
        label={label("To")}
        name="to"
        type="date"
        defaultValue={values.to ?? ""}
        hint="Inclusive."
        error={errors.to}
      />
    </>
  );
}
