import { type Page, expect } from "@playwright/test";

import { DEMO_ACCOUNTS } from "../lib/demo-accounts";
import type { Role } from "../lib/permissions";

/** Signing in through the real form, for the specs that test it and for the stored sessions. */

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in as a demo role and waits for the console's header to show the user. */
export async function signInAs(page: Page, role: Role): Promise<void> {
  const account = DEMO_ACCOUNTS[role];
  await signIn(page, account.email, account.password);
  await expect(page.getByLabel("Signed in as")).toContainText(account.name);
}

/**
 * A fresh client address (the e2e console trusts x-real-ip as the client IP), so sign-ins and
 * failures from one test never count against another test's address.
 */
export function uniqueClientIp(): string {
  const n = Math.floor(Math.random() * 250) + 1;
  const m = Math.floor(Math.random() * 250) + 1;
  return `198.51.${n}.${m}`;
}
