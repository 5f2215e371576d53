import type { SelectHTMLAttributes } from "react";

import { ROLE_LABELS, ROLES } from "@/lib/permissions";

/**
 * The select counterpart of components/form-field.tsx (same ids, aria-invalid and
 * aria-describedby), listing the console's roles.
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
  const id = `field-${name}`;
  const errorId = `${id}-error`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        id={id}
        name={name}
        aria-invalid={error?.length ? true : undefined}
        aria-describedby={error?.length ? errorId : undefined}
        className="block w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm aria-invalid:border-red-600"
        {...select}
      >
        <RoleOptions />
      </select>
      {error?.length ? (
        <p id={errorId} className="text-sm text-red-700">
          {error.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function RoleOptions() {
  return ROLES.map((role) => (
    <option key={role} value={role}>
      {ROLE_LABELS[role]}
    </option>
  ));
}
