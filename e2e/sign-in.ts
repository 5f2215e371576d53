/**
 * Signing in through the real form: for the specs about signing in, for accounts a test creates,
 * and for the stored sessions of the demo roles (e2e/auth-state.ts).
 */
import { randomInt } from "node:crypto";

import { type Page, expect } from "@playwright/test";

import { DEMO_ACCOUNTS } from "../lib/demo-accounts";
import type { Role } from "../lib/permissions";

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * The password check is deliberately slow (scrypt, ~200 ms of CPU), and seconds on a busy
 * two-core machine: the header gets longer than a usual expectation to show up.
 */
const SIGN_IN_TIMEOUT_MS = 20_000;

/** Waits for the console's header to name the user a sign-in through the form just let in. */
export async function expectSignedInAs(page: Page, name: string): Promise<void> {
  await expect(page.getByLabel("Signed in as")).toContainText(name, {
    timeout: SIGN_IN_TIMEOUT_MS,
  });
}

/** Signs in as a demo role and waits for the console's header to show the user. */
export async function signInAs(page: Page, role: Role): Promise<void> {
  const account = DEMO_ACCOUNTS[role];
  await signIn(page, account.email, account.password);
  await expectSignedInAs(page, account.name);
}

const ADDRESSES = 250 * 250;
let nextAddress = randomInt(ADDRESSES);

/**
 * A client address no earlier call of this process got (the e2e console trusts x-real-ip as the
 * client IP), so sign-ins and failures from one test never count against another's address. A
 * random start keeps processes apart; counting on from it keeps one process's calls apart.
 */
export function uniqueClientIp(): string {
  const address = nextAddress++ % ADDRESSES;
  return `198.51.${Math.floor(address / 250) + 1}.${(address % 250) + 1}`;
}
