import type { Browser, Locator, Page } from "@playwright/test";

import { DEMO_ACCOUNTS } from "../../lib/demo-accounts";
import { expect, expectSignedInAs, signIn, test, uniqueClientIp } from "../fixtures";

/**
 * User administration through the browser, with a second browser (its own context and client IP)
 * signed in as the user being changed, so each change is checked where it lands: that user's next
 * request. The audit rows of these actions are checked in lib/server/users/user-admin.test.ts.
 */
const PASSWORD = "e2e-initial-password";

test.use({ role: "admin" });

interface NewUser {
  name: string;
  email: string;
  roleLabel: "Administrator" | "Supervisor" | "Team lead" | "Support";
  password: string;
}

/** Unique per run: the e2e console keeps its data only for one run, but tests share it. */
function newUser(tag: string, roleLabel: NewUser["roleLabel"] = "Support"): NewUser {
  const id = Math.random().toString(36).slice(2, 8);
  return {
    name: `E2E ${tag} ${id}`,
    email: `${tag}-${Date.now().toString(36)}-${id}@example.test`,
    roleLabel,
    password: PASSWORD,
  };
}

function createForm(page: Page): Locator {
  return page.getByRole("form", { name: "Create user" });
}

async function fillCreateForm(page: Page, user: NewUser): Promise<void> {
  const form = createForm(page);
  await form.getByLabel("Name", { exact: true }).fill(user.name);
  await form.getByLabel("Email", { exact: true }).fill(user.email);
  await form.getByLabel("Role", { exact: true }).selectOption({ label: user.roleLabel });
  await form.getByLabel("Initial password", { exact: true }).fill(user.password);
  await form.getByRole("button", { name: "Create user" }).click();
}

async function createUser(page: Page, user: NewUser): Promise<void> {
  await fillCreateForm(page, user);
  await expect(page.getByRole("status", { name: "Create user status" })).toHaveText(
    new RegExp(`^Created ${user.name} \\(${user.email}\\) as ${user.roleLabel}\\.`),
  );
  await expect(userRow(page, user.email)).toBeVisible();
}

function userRow(page: Page, email: string): Locator {
  return page
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: email, exact: true }) });
}

/** The "Active sessions" column (cells after the row header: email, role, status, created, sessions). */
function sessionsCell(row: Locator): Locator {
  return row.getByRole("cell").nth(4);
}

function roleSelect(row: Locator, name: string): Locator {
  return row.getByRole("combobox", { name: `Role for ${name}`, exact: true });
}

/** A separate browser session for the user being administered, with its own client IP. */
async function signInElsewhere(
  browser: Browser,
  baseURL: string | undefined,
  user: NewUser,
): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    storageState: undefined,
    extraHTTPHeaders: { "x-real-ip": uniqueClientIp() },
  });
  const page = await context.newPage();
  await signIn(page, user.email, user.password);
  await expectSignedInAs(page, user.name);
  return page;
}

const changes = (page: Page) => page.getByRole("status", { name: "User changes" });

test.beforeEach(async ({ page }) => {
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
});

test("an administrator creates a user who can then sign in", async ({ page, browser, baseURL }) => {
  const user = newUser("create", "Team lead");
  await createUser(page, user);

  const form = createForm(page);
  await expect(form.getByLabel("Email", { exact: true })).toHaveValue("");
  await expect(form.getByLabel("Initial password", { exact: true })).toHaveValue("");

  const row = userRow(page, user.email);
  await expect(row.getByRole("rowheader")).toHaveText(user.name);
  await expect(roleSelect(row, user.name)).toHaveValue("lead");
  await expect(row.getByRole("cell", { name: "Active", exact: true })).toBeVisible();
  await expect(sessionsCell(row)).toHaveText("0");

  const other = await signInElsewhere(browser, baseURL, user);
  await expect(other.getByLabel("Signed in as")).toContainText("(Team lead)");
  await page.reload();
  await expect(sessionsCell(userRow(page, user.email))).toHaveText("1");
  await other.context().close();
});

test("a short password and a taken email are named at their fields, and nothing typed is lost", async ({
  page,
}) => {
  const user = { ...newUser("invalid", "Supervisor"), password: "too-short" };
  await fillCreateForm(page, user);

  const form = createForm(page);
  const password = form.getByLabel("Initial password", { exact: true });
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription(
    /The initial password must be at least 12 characters\./,
  );
  await expect(page.getByRole("status", { name: "Create user status" })).toHaveText(
    "Some fields need attention.",
  );
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue(user.name);
  await expect(form.getByLabel("Email", { exact: true })).toHaveValue(user.email);
  await expect(form.getByLabel("Role", { exact: true })).toHaveValue("supervisor");
  await expect(password).toHaveValue("too-short");

  // Fix the password; now use an address that belongs to someone else (in another case).
  await password.fill(PASSWORD);
  const email = form.getByLabel("Email", { exact: true });
  await email.fill(DEMO_ACCOUNTS.lead.email.toUpperCase());
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAccessibleDescription("A user with this email already exists.");
  await expect(password).not.toHaveAttribute("aria-invalid");
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue(user.name);
  await expect(email).toHaveValue(DEMO_ACCOUNTS.lead.email.toUpperCase());
  await expect(password).toHaveValue(PASSWORD);
  await expect(page.getByRole("rowheader", { name: user.name })).toHaveCount(0);
});

test("a role change counts at the user's next request", async ({ page, browser, baseURL }) => {
  const user = newUser("role");
  await createUser(page, user);
  const other = await signInElsewhere(browser, baseURL, user);
  const otherNav = other.getByRole("navigation", { name: "Main" });
  await expect(otherNav.getByRole("link", { name: "Users" })).toHaveCount(0);

  const row = userRow(page, user.email);
  await roleSelect(row, user.name).selectOption({ label: "Administrator" });
  await row.getByRole("button", { name: `Save role for ${user.name}` }).click();
  await expect(changes(page)).toHaveText(`${user.name} is now Administrator (was Support).`);

  await other.reload();
  await expect(other.getByLabel("Signed in as")).toContainText("(Administrator)");
  await expect(otherNav.getByRole("link", { name: "Users" })).toBeVisible();

  await roleSelect(row, user.name).selectOption({ label: "Support" });
  await row.getByRole("button", { name: `Save role for ${user.name}` }).click();
  await expect(changes(page)).toHaveText(`${user.name} is now Support (was Administrator).`);
  await other.goto("/admin/users");
  await expect(other.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await other.context().close();
});

test("a disabled user is signed out at once and cannot sign in until re-enabled", async ({
  page,
  browser,
  baseURL,
}) => {
  const user = newUser("disable");
  await createUser(page, user);
  const other = await signInElsewhere(browser, baseURL, user);

  const row = userRow(page, user.email);
  await row.getByRole("button", { name: `Disable ${user.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Disable ${user.name}?` });
  await expect(dialog).toContainText(user.email);
  await dialog.getByLabel("Reason (optional)").fill("Left the team");
  await dialog.getByRole("button", { name: "Disable user" }).click();
  await expect(dialog).toBeHidden();
  await expect(changes(page)).toHaveText(`${user.name} is disabled; 1 session ended.`);
  await expect(row.getByRole("cell", { name: /Disabled/ })).toContainText("Reason: Left the team");
  await expect(sessionsCell(row)).toHaveText("0");

  await other.reload();
  await expect(other).toHaveURL(/\/sign-in$/);
  await signIn(other, user.email, user.password);
  await expect(other.getByRole("status", { name: "Sign-in status" })).toHaveText(
    "This account is disabled. Ask an administrator.",
  );
  await other.goto("/");
  await expect(other).toHaveURL(/\/sign-in$/);
  await expect(other.getByLabel("Signed in as")).toHaveCount(0);

  await row.getByRole("button", { name: `Re-enable ${user.name}` }).click();
  await expect(changes(page)).toHaveText(`${user.name} is enabled again and can sign in.`);
  await expect(row.getByRole("cell", { name: "Active", exact: true })).toBeVisible();
  await signIn(other, user.email, user.password);
  await expectSignedInAs(other, user.name);
  await other.context().close();
});

test("revoking a user's sessions sends their browser to sign-in", async ({
  page,
  browser,
  baseURL,
}) => {
  const user = newUser("revoke");
  await createUser(page, user);
  const other = await signInElsewhere(browser, baseURL, user);
  await page.reload();
  const row = userRow(page, user.email);
  await expect(sessionsCell(row)).toHaveText("1");

  await row.getByRole("button", { name: `Revoke all sessions of ${user.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Revoke all sessions of ${user.name}?` });
  await expect(dialog).toContainText("1 active session");
  // Cancel first: nothing happens.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await other.reload();
  await expectSignedInAs(other, user.name);

  await row.getByRole("button", { name: `Revoke all sessions of ${user.name}` }).click();
  await dialog.getByRole("button", { name: "Revoke sessions" }).click();
  await expect(changes(page)).toHaveText(
    `Ended 1 session of ${user.name}. They can sign in again.`,
  );
  await expect(sessionsCell(row)).toHaveText("0");
  await expect(row.getByRole("cell", { name: "Active", exact: true })).toBeVisible();

  await other.goto("/");
  await expect(other).toHaveURL(/\/sign-in$/);
  await other.context().close();
});

test("a user locked out by failed sign-ins signs in at once after Clear lockout", async ({
  page,
  browser,
  baseURL,
}) => {
  // Five sign-ins in a second browser on top of the admin's, each checking its password.
  test.slow();
  const user = newUser("lockout");
  await createUser(page, user);
  const ip = uniqueClientIp();
  const context = await browser.newContext({
    baseURL,
    storageState: undefined,
    extraHTTPHeaders: { "x-real-ip": ip },
  });
  const other = await context.newPage();
  const status = other.getByRole("status", { name: "Sign-in status" });
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await signIn(other, user.email, "not-the-password");
    await expect(status).toHaveText("The email or password is not right.");
  }
  await signIn(other, user.email, user.password);
  await expect(status).toContainText("Too many failed sign-in attempts");

  await page.reload();
  const row = userRow(page, user.email);
  await expect(row).toContainText("Sign-in locked until");
  await expect(row).toContainText(`from ${ip}, after too many failed sign-ins`);
  await row.getByRole("button", { name: "Clear lockout", exact: true }).click();
  await expect(changes(page)).toHaveText(`${user.name} can sign in again: the lockout is cleared.`);
  await expect(row).not.toContainText("Sign-in locked");
  await expect(row.getByRole("button", { name: "Clear lockout" })).toHaveCount(0);

  // From the very address that was locked out.
  await signIn(other, user.email, user.password);
  await expectSignedInAs(other, user.name);
  await context.close();
});

test("an administrator can neither demote nor disable themselves", async ({ page }) => {
  const admin = DEMO_ACCOUNTS.admin;
  const row = userRow(page, admin.email);
  await roleSelect(row, admin.name).selectOption({ label: "Team lead" });
  await row.getByRole("button", { name: `Save role for ${admin.name}` }).click();
  await expect(changes(page)).toHaveText(
    `Could not change the role of ${admin.name}: You cannot change your own role. Ask another administrator.`,
  );
  // The choice stays on screen; the stored role did not change.
  await expect(roleSelect(row, admin.name)).toHaveValue("lead");

  await row.getByRole("button", { name: `Disable ${admin.name}` }).click();
  await page
    .getByRole("dialog", { name: `Disable ${admin.name}?` })
    .getByRole("button", { name: "Disable user" })
    .click();
  await expect(changes(page)).toHaveText(
    `Could not disable ${admin.name}: You cannot disable your own account. Ask another administrator.`,
  );

  await page.reload();
  await expect(page.getByLabel("Signed in as")).toContainText("(Administrator)");
  const fresh = userRow(page, admin.email);
  await expect(roleSelect(fresh, admin.name)).toHaveValue("admin");
  await expect(fresh.getByRole("cell", { name: "Active", exact: true })).toBeVisible();
});

test("other roles get the Not allowed page and no Users entry", async ({ asRole }) => {
  for (const role of ["supervisor", "lead", "support"] as const) {
    const page = await asRole(role);
    await page.goto("/");
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }),
    ).toHaveCount(0);
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    await expect(page.getByRole("form", { name: "Create user" })).toHaveCount(0);
  }
});
