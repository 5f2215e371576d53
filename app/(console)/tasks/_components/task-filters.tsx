import Link from "next/link";

import { FormField } from "@/components/form-field";
import { SelectField } from "@/components/select-field";
import { TASK_STATUS_LABELS, TASK_STATUSES } from "@/lib/task/status";

const STATUS_OPTIONS = [
  { value: "", label: "Any status" },
  ...TASK_STATUSES.map((status) => ({ value: status, label: TASK_STATUS_LABELS[status] })),
  { value: "unchecked", label: "Not checked yet" },
];

/**
 * A plain GET form, like the audit filters: the view lives in the URL (reload, bookmark, share)
 * and works without JavaScript. Values are shown as typed, also when they are invalid.
 */
export function TaskFilters({
  values,
  errors,
  canReadAll,
}: {
  values: Record<string, string>;
  errors: Record<string, string[]>;
  canReadAll: boolean;
}) {
  return (
    <form
      method="get"
      action="/tasks"
      aria-label="Task filters"
      className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3"
    >
      {canReadAll ? (
        <SelectField
          label="Created by"
          name="scope"
          defaultValue={values.scope ?? "mine"}
          error={errors.scope}
          options={[
            { value: "mine", label: "Me" },
            { value: "all", label: "Everyone" },
          ]}
        />
      ) : null}
      <SelectField
        label="Status"
        name="status"
        defaultValue={values.status ?? ""}
        hint="As Amazon Connect last reported it."
        error={errors.status}
        options={STATUS_OPTIONS}
      />
      <FormField
        label="Text"
        name="q"
        defaultValue={values.q ?? ""}
        hint="Name, description, contact id or creator's email."
        error={errors.q}
      />
      <FormField
        label="Created from (UTC day)"
        name="from"
        type="date"
        defaultValue={values.from ?? ""}
        error={errors.from}
      />
      <FormField
        label="Created to (UTC day)"
        name="to"
        type="date"
        defaultValue={values.to ?? ""}
        hint="Inclusive."
        error={errors.to}
      />
      <div className="flex items-center gap-3 sm:col-span-3">
        <button
          type="submit"
          className="bg-brand-600 hover:bg-brand-700 rounded px-4 py-2 text-sm font-medium text-white"
        >
          Apply filters
        </button>
        <Link href="/tasks" className="text-sm text-slate-600 underline">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
