/**
 * Roles and what each may do. Neutral module: the server enforces it (action wrapper, pages),
 * the browser only uses it to hide what a role cannot use. One table, so the two never disagree.
 */
export const ROLES = ["admin", "supervisor", "lead", "support"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrator",
  supervisor: "Supervisor",
  lead: "Team lead",
  support: "Support",
};

export const PERMISSIONS = [
  /** Sign out and use one's own session. */
  "session.own",
  /** Create, disable and re-enable users, change roles, revoke sessions. */
  "users.manage",
  /** See which endpoint, Region and credential source the console uses. */
  "connect.settings.read",
  /** Read the whole audit trail and export it. */
  "audit.read.all",
  /** Read one's own audit entries. */
  "audit.read.own",
  /** Re-check pending audit entries left by an interrupted call. */
  "audit.reconcile",
  /** Start tasks now, linked (previous / related contact) or not. */
  "task.create",
  /** Create tasks from a CSV file as a background job, and manage one's own jobs. */
  "task.bulk",
  /** Start tasks with a ScheduledTime. */
  "task.schedule",
  /** Reschedule or cancel any task. */
  "task.manage.any",
  /** Reschedule or cancel the tasks one created. */
  "task.manage.own",
  /** See every task the console created. */
  "task.read.all",
  /** See the tasks one created. */
  "task.read.own",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const EVERYONE: Permission[] = ["session.own", "audit.read.own", "task.create", "task.read.own"];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  supervisor: [
    ...EVERYONE,
    "audit.read.all",
    "audit.reconcile",
    "task.bulk",
    "task.schedule",
    "task.manage.any",
    "task.manage.own",
    "task.read.all",
  ],
  lead: [...EVERYONE, "task.bulk", "task.schedule", "task.manage.own"],
  support: EVERYONE,
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function hasPermission(role: string | null | undefined, permission: Permission): boolean {
  return isRole(role) && ROLE_PERMISSIONS[role].includes(permission);
}
