import { InputField, Options, SelectField } from "@/components/fields/controls";
import { DayRangeFields, FilterForm } from "@/components/filter-form";
import { AUDIT_OUTCOME_LABELS, AUDIT_OUTCOME_VALUES } from "@/lib/audit/trail";

const OUTCOME_OPTIONS = [
  { value: "", label: "Any outcome" },
  ...AUDIT_OUTCOME_VALUES.map((outcome) => ({
    value: outcome,
    label: AUDIT_OUTCOME_LABELS[outcome],
  })),
];

/** The audit trail's filters (see FilterForm: they live in the URL). */
export function AuditFilters({
  values,
  errors,
}: {
  values: Record<string, string>;
  errors: Record<string, string[]>;
}) {
  return (
    <FilterForm action="/audit" label="Audit filters">
      <InputField
        label="Person"
        name="person"
        defaultValue={values.person ?? ""}
        hint="Part of an email address, or a user id."
        error={errors.person}
      />
      <InputField
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
      >
        <Options options={OUTCOME_OPTIONS} />
      </SelectField>
      <DayRangeFields values={values} errors={errors} />
      <InputField
        label="Text"
        name="q"
        defaultValue={values.q ?? ""}
        hint="ClientToken, contact id, error, request…"
        error={errors.q}
      />
    </FilterForm>
  );
}
