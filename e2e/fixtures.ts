import { type Locator, type Page, test as base, expect } from "@playwright/test";

import type { Role } from "../lib/permissions";

export { expect };

/** The demo accounts the e2e console seeds (DEMO_USERS=1); see lib/server/auth/seed.ts. */
export const DEMO_USERS: Record<Role, { email: string; password: string; name: string }> = {
  admin: { email: "admin@demo.example", password: "admin-demo-password", name: "Demo admin" },
  supervisor: {
    email: "supervisor@demo.example",
    password: "supervisor-demo-password",
    name: "Demo supervisor",
  },
  lead: { email: "lead@demo.example", password: "lead-demo-password", name: "Demo lead" },
  support: {
    email: "support@demo.example",
    password: "support-demo-password",
    name: "Demo support",
  },
};

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in through the form and waits for the console's header to show the user. */
export async function signInAs(page: Page, role: Role): Promise<void> {
  const user = DEMO_USERS[role];
  await signIn(page, user.email, user.password);
  await expect(page.getByLabel("Signed in as")).toContainText(user.name);
}

/**
 * The newest successful sign-in of `email` on the audit trail (every role reads its own rows)
 * came from exactly this client address: the console took the address from the trusted header.
 */
export async function expectSignInRecordedFrom(page: Page, email: string, ip: string) {
  await page.goto(`/audit?action=auth.sign_in&outcome=success&q=${encodeURIComponent(ip)}`);
  const row = page
    .getByRole("table")
    .locator("tbody")
    .getByRole("row")
    .filter({ hasText: email })
    .first();
  await row.getByText("Details").click();
  await expect(row.getByText(`IP address: ${ip}`, { exact: true })).toBeVisible();
}

/** How many events audit-table rows stand for: "×N" on an aggregated row, 1 on any other. */
export async function countedEvents(rows: Locator): Promise<number> {
  let total = 0;
  for (const text of await rows.allTextContents()) total += Number(/×(\d+)/.exec(text)?.[1] ?? 1);
  return total;
}

/**
 * A fresh client address for tests that fail sign-ins on purpose, so their failures never lock
 * out another test (the e2e console trusts x-real-ip as the client IP).
 */
export function uniqueClientIp(): string {
  const n = Math.floor(Math.random() * 250) + 1;
  const m = Math.floor(Math.random() * 250) + 1;
  return `198.51.${n}.${m}`;
}

export const test = base.extend<{ clientIp: string }>({
  clientIp: async ({ page }, provide) => {
    const ip = uniqueClientIp();
    await page.setExtraHTTPHeaders({ "x-real-ip": ip });
    await provide(ip);
  },
});
