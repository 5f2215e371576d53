/**
 * The suite's fixtures. `test.use({ role })` starts the test's `page` with that demo role's
 * stored session (e2e/auth.setup.ts signs each role in once through the form); `asRole(role)`
 * opens a further page as a role, in its own browser context (closed after the test). Only the
 * specs about signing in fill the form themselves (e2e/sign-in.ts).
 */
import {
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
  test as base,
  expect,
} from "@playwright/test";

import { signedInState } from "./auth-state";
import { uniqueClientIp } from "./sign-in";
import type { Role } from "../lib/permissions";

export { expect };
export { expectSignedInAs, signIn, signInAs, uniqueClientIp } from "./sign-in";

interface Options {
  /** The demo role whose session the test's `page` starts with; unset: signed out. */
  role: Role | undefined;
}

interface Fixtures {
  /** A client address of the test's own for `page` (the e2e console trusts x-real-ip). */
  clientIp: string;
  /** A new page signed in as `role`, in a context of its own with its own client address. */
  asRole: (role: Role, options?: BrowserContextOptions) => Promise<Page>;
}

export const test = base.extend<Options & Fixtures>({
  role: [undefined, { option: true }],
  // Every context the test opens inherits this (Playwright's own option), so a context meant
  // to be signed out says `storageState: undefined`.
  storageState: async ({ role, storageState, browser }, provide) => {
    await provide(role ? await signedInState(browser, role) : storageState);
  },
  clientIp: async ({ page }, provide) => {
    const ip = uniqueClientIp();
    await page.setExtraHTTPHeaders({ "x-real-ip": ip });
    await provide(ip);
  },
  asRole: async ({ browser }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async (role, options = {}) => {
      const context = await browser.newContext({
        ...options,
        storageState: await signedInState(browser, role),
        extraHTTPHeaders: { "x-real-ip": uniqueClientIp(), ...options.extraHTTPHeaders },
      });
      contexts.push(context);
      return context.newPage();
    });
    for (const context of contexts) await context.close();
  },
});

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
