import Link from "next/link";

import { FormField } from "@/components/form-field";
import { SelectField } from "@/components/select-field";
import { AUDIT_OUTCOME_LABELS, AUDIT_OUTCOME_VALUES } from "@/lib/schemas/audit";

/**
 * A plain GET form: the filters live in the URL, so they survive a reload, can be bookmarked and
 * shared, and work without JavaScript. Values are shown as typed, also when they are invalid.
 */
export function AuditFilters({
  values,
  errors,
}: {
  values: Record<string, string>;
  errors: Record<string, string[]>;
}) {
  return (
    <form
      method="get"
      action="/audit"
      aria-label="Audit filters"
      className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3"
    >
      <FormField
        label="Person"
        name="person"
        defaultValue={values.person ?? ""}
        hint="Part of an email address, or a user id."
        error={errors.person}
      />
      <FormField
        label="Action"
        name="action"
        defaultValue={values.action ?? ""}
        hint="Exact (auth.sign_in) or a prefix ending in a dot (task.)."
        error={errors.action}
        list="audit-action-suggestions"
      />
      <datalist id="audit-action-suggestions">
        {["auth.", "auth.sign_in", "auth.sign_out", "user.", "task.", "task.start", "audit."].map(
          (action) => (
            <option key={action} value={action} />
          ),
        )}
      </datalist>
      <SelectField
        label="Outcome"
        name="outcome"
        defaultValue={values.outcome ?? ""}
        error={errors.outcome}
        options={[
          { value: "", label: "Any outcome" },
          ...AUDIT_OUTCOME_VALUES.map((outcome) => ({
            value: outcome,
            label: AUDIT_OUTCOME_LABELS[outcome],
          })),
        ]}
      />
      <FormField
        label="From (UTC day)"
        name="from"
        type="date"
        defaultValue={values.from ?? ""}
        error={errors.from}
      />
      <FormField
        label="To (UTC day)"
        name="to"
        type="date"
        defaultValue={values.to ?? ""}
        hint="Inclusive."
        error={errors.to}
      />
      <FormField
        label="Text"
        name="q"
        defaultValue={values.q ?? ""}
        hint="ClientToken, contact id, error, request…"
        error={errors.q}
      />
      <div className="flex items-center gap-3 sm:col-span-3">
        <button
          type="submit"
          className="bg-brand-600 hover:bg-brand-700 rounded px-4 py-2 text-sm font-medium text-white"
        >
          Apply filters
        </button>
        <Link href="/audit" className="text-sm text-slate-600 underline">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
