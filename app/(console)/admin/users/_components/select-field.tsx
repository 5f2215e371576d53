import type { SelectHTMLAttributes } from "react";

import { SelectField } from "@/components/select-field";
import { ROLE_LABELS, ROLES } from "@/lib/permissions";

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

/** A labelled select listing the console's roles. */
export function RoleSelectField(
  props: {
    label: string;
    name: string;
    error?: string[] | undefined;
  } & SelectHTMLAttributes<HTMLSelectElement>,
) {
  return <SelectField options={ROLE_OPTIONS} {...props} />;
}

export function RoleOptions() {
  return ROLE_OPTIONS.map((option) => (
    <option key={option.value} value={option.value}>
      {option.label}
    </option>
  ));
}
