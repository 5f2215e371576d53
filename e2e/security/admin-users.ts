import { type Page, expect } from "@playwright/test";

import type { Account } from "./server-calls";
import { ROLE_LABELS, type Role } from "../../lib/permissions";

/**
 * Fresh accounts made through the administrator's Users page, for tests that must not touch the
 * shared demo accounts (disabling one would break every other test).
 */
export async function createUserViaUi(adminPage: Page, role: Role): Promise<Account> {
  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const account = {
    name: `Security probe ${stamp}`,
    email: `security-probe-${stamp}@example.org`,
    password: `probe-password-${stamp}`,
  };
  await adminPage.goto("/admin/users");
  const form = adminPage.getByRole("form", { name: "Create user" });
  await form.getByLabel("Name").fill(account.name);
  await form.getByLabel("Email").fill(account.email);
  await form.getByLabel("Role").selectOption(role);
  await form.getByLabel("Initial password").fill(account.password);
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(adminPage.getByRole("status", { name: "Create user status" })).toContainText(
    `as ${ROLE_LABELS[role]}`,
  );
  await expect(adminPage.getByRole("rowheader", { name: account.name })).toBeVisible();
  return account;
}

export async function disableUserViaUi(adminPage: Page, account: Account): Promise<void> {
  await adminPage.goto("/admin/users");
  await adminPage.getByRole("button", { name: `Disable ${account.name}` }).click();
  const dialog = adminPage.getByRole("dialog", { name: `Disable ${account.name}?` });
  await dialog.getByRole("button", { name: "Disable user" }).click();
  await expect(adminPage.getByRole("button", { name: `Re-enable ${account.name}` })).toBeVisible();
}
