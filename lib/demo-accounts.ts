/**
 * The demo accounts, one per role, with passwords published on purpose (README.md): seeded only
 * when DEMO_USERS is on (lib/server/auth/seed.ts), refused at a production start while one still
 * signs in with its password, and used by the e2e suite, the bench and the demo script to sign
 * in. Neutral module: defined here once, read by the server and by the test tools alike.
 */
import { ROLES, type Role } from "./permissions";

export interface DemoAccount {
  role: Role;
  email: string;
  password: string;
  name: string;
}

function demoAccount(role: Role): DemoAccount {
  return {
    role,
    email: `${role}@demo.example`,
    password: `${role}-demo-password`,
    name: `Demo ${role}`,
  };
}

export const DEMO_ACCOUNTS: Readonly<Record<Role, DemoAccount>> = {
  admin: demoAccount("admin"),
  supervisor: demoAccount("supervisor"),
  lead: demoAccount("lead"),
  support: demoAccount("support"),
};

/** In the order of ROLES, for seeding and listing. */
export const DEMO_ACCOUNT_LIST: readonly DemoAccount[] = ROLES.map((role) => DEMO_ACCOUNTS[role]);
