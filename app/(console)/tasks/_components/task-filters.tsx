import { InputField, Options, SelectField } from "@/components/fields/controls";
import { DayRangeFields, FilterForm } from "@/components/filter-form";
import { TASK_STATUS_LABELS, TASK_STATUSES } from "@/lib/task/status";

const SCOPE_OPTIONS = [
  { value: "mine", label: "Me" },
  { value: "all", label: "Everyone" },
];

const STATUS_OPTIONS = [
  { value: "", label: "Any status" },
  ...TASK_STATUSES.map((status) => ({ value: status, label: TASK_STATUS_LABELS[status] })),
  { value: "unchecked", label: "Not checked yet" },
  { value: "held", label: "Held" },
  { value: "release_failed", label: "Release failed" },
];

/** The tasks list's filters (see FilterForm: they live in the URL). */
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
    <FilterForm action="/tasks" label="Task filters">
      {canReadAll ? (
        <SelectField
          label="Created by"
          name="scope"
          defaultValue={values.scope ?? "mine"}
          error={errors.scope}
        >
          <Options options={SCOPE_OPTIONS} />
        </SelectField>
      ) : null}
      <SelectField
        label="Status"
        name="status"
        defaultValue={values.status ?? ""}
        hint="As Amazon Connect last reported it."
        error={errors.status}
      >
        <Options options={STATUS_OPTIONS} />
      </SelectField>
      <InputField
        label="Text"
        name="q"
        defaultValue={values.q ?? ""}
        hint="Name, description, contact id or creator's email."
        error={errors.q}
      />
      <DayRangeFields values={values} errors={errors} noun="Created" />
    </FilterForm>
  );
}
