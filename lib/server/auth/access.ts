import "server-only";

/**
 * Better Auth's view of the roles: only the admin may call its user-management endpoints. The
 * console's own permissions (lib/permissions.ts) govern everything else; declaring every role
 * here also makes Better Auth refuse an unknown role name.
 */
import { createAccessControl } from "better-auth/plugins/access";
import { adminAc, defaultStatements } from "better-auth/plugins/admin/access";

export const accessControl = createAccessControl(defaultStatements);

export const authRoles = {
  admin: accessControl.newRole(adminAc.statements),
  supervisor: accessControl.newRole({}),
  lead: accessControl.newRole({}),
  support: accessControl.newRole({}),
};
