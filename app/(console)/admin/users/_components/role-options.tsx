import { Options } from "@/components/fields/controls";
import { ROLE_LABELS, ROLES } from "@/lib/permissions";

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

/** The console's roles as a select's options, by their labels. */
export function RoleOptions() {
  return <Options options={ROLE_OPTIONS} />;
}
