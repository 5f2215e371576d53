import type { SelectHTMLAttributes } from "react";

import { FieldShell, fieldId } from "@/components/field-shell";
import { ROLE_LABELS, ROLES } from "@/lib/permissions";

/**
 * The select counterpart of components/form-field.tsx, listing the console's roles.
 */
export function RoleSelectField({
  label,
  name,
  error,
  ...select
}: {
  label: string;
  name: string;
  error?: string[] | undefined;
} & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldShell id={fieldId(name)} label={label} error={error}>
      {(control) => (
        <select
          name={name}
          className="block w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm aria-invalid:border-red-600"
          {...control}
          {...select}
        >
          <RoleOptions />
        </select>
      )}
    </FieldShell>
  );
}

export function RoleOptions() {
  return ROLES.map((role) => (
    <option key={role} value={role}>
      {ROLE_LABELS[role]}
    </option>
  ));
}
