import { type Page } from "@playwright/test";

import { DEMO_ACCOUNTS } from "../../lib/demo-accounts";
import { ROLES, ROLE_LABELS, type Role } from "../../lib/permissions";
import {
  countedEvents,
  expect,
  expectSignInRecordedFrom,
  expectSignedInAs,
  signIn,
  signInAs,
  test,
  uniqueClientIp,
} from "../fixtures";
import { createUserViaUi } from "../security/admin-users";
import { listBuiltActions, listBuiltPages } from "../security/build-inventory";
import {
  PUBLIC_ACTIONS,
  callAction,
  sessionCookieHeader,
  signedInContext,
} from "../security/server-calls";

/** What each role finds in the main navigation (written out, not derived from NAV_ITEMS). */
const NAV: Record<Role, string[]> = {
  admin: [
    "Overview",
    "Tasks",
    "Agenda",
    "New task",
    "Bulk create",
    "Audit trail",
    "Users",
    "Connect settings",
  ],
  supervisor: ["Overview", "Tasks", "Agenda", "New task", "Bulk create", "Audit trail"],
  lead: ["Overview", "Tasks", "Agenda", "New task", "Bulk create", "Audit trail"],
  support: ["Overview", "Tasks", "New task", "Audit trail"],
};
const NAV_HREFS: Record<string, string> = {
  Overview: "/",
  Tasks: "/tasks",
  Agenda: "/tasks/scheduled",
  "New task": "/tasks/new",
  "Bulk create": "/tasks/bulk",
  "Audit trail": "/audit",
  Users: "/admin/users",
  "Connect settings": "/admin/connect",
};

const WRONG = "The email or password is not right.";
const LOCKED = "Too many failed sign-in attempts";

const freshEmail = (tag: string) =>
  `${tag}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;

function signInStatus(page: Page) {
  return page
    .getByRole("form", { name: "Sign in" })
    .getByRole("status", { name: "Sign-in status" });
}

/** One failed attempt; checks the message, that the email stays and the password is cleared. */
async function failSignIn(page: Page, email: string, expected: string) {
  await signIn(page, email, "not-the-right-password");
  await expect(signInStatus(page)).toContainText(expected);
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page.getByLabel("Password")).toHaveValue("");
  await expect(page).toHaveURL(/\/sign-in$/);
}

for (const role of ROLES) {
  test(`${role}: sees their name and role, and only the sections the role may use`, async ({
    page,
    clientIp,
  }) => {
    await signInAs(page, role);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByLabel("Signed in as")).toHaveText(
      `${DEMO_ACCOUNTS[role].name} (${ROLE_LABELS[role]})`,
    );
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText(NAV[role]);

    await expectSignInRecordedFrom(page, DEMO_ACCOUNTS[role].email, clientIp);

    for (const [label, href] of Object.entries(NAV_HREFS)) {
      const response = await page.goto(href);
      const notAllowed = page.getByRole("heading", { level: 1, name: "Not allowed" });
      if (NAV[role].includes(label)) {
        expect(response?.status(), `${role} opens ${href}`).toBe(200);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expect(notAllowed).toHaveCount(0);
      } else {
        expect(response?.status(), `${role} opens ${href}`).toBe(403);
        await expect(notAllowed).toBeVisible();
      }
    }
  });
}

test("signing out ends the session: the page and a replayed cookie are both refused", async ({
  page,
  request,
  clientIp,
}) => {
  await signInAs(page, "lead");
  await expectSignInRecordedFrom(page, DEMO_ACCOUNTS.lead.email, clientIp);
  const cookie = await sessionCookieHeader(page.context());
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);

  // The old cookie, sent by a client that kept it, no longer opens anything.
  const home = await request.get("/", { headers: { Cookie: cookie }, maxRedirects: 0 });
  expect(home.status()).toBe(307);
  expect(home.headers().location).toMatch(/\/sign-in$/);
  const action = listBuiltActions().find((built) => !PUBLIC_ACTIONS.has(built.label));
  expect(action).toBeDefined();
  if (action) {
    const answer = await callAction(request, action, [{}], { Cookie: cookie });
    expect(answer.result?.code).toBe("UNAUTHENTICATED");
  }
});

test("every console page sends a visitor without a session to the sign-in page", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  for (const url of listBuiltPages().filter((path) => path !== "/sign-in")) {
    await page.goto(url);
    await expect(page, url).toHaveURL(/\/sign-in$/);
  }
});

test("a wrong password is refused beside the form, keeping the email, with no hint of which part was wrong", async ({
  page,
  browser,
  clientIp,
}) => {
  // An account made on the admin's page, then three sign-ins, each a password check.
  test.slow();
  // A fresh account, so failing its password on purpose never counts against a demo account.
  const admin = await signedInContext(browser, "admin");
  const account = await createUserViaUi(await admin.newPage(), "support");
  await admin.close();

  // The same answer for an unknown account and a wrong password: no account enumeration.
  await failSignIn(page, freshEmail("unknown"), WRONG);
  await failSignIn(page, account.email, WRONG);
  // The right password still works after a failure.
  await signIn(page, account.email, account.password);
  await expectSignedInAs(page, account.name);
  await expectSignInRecordedFrom(page, account.email, clientIp);
});

test("failed sign-ins lock an account from that address and the address; a forged X-Forwarded-For does not help; elsewhere the person signs in", async ({
  page,
  browser,
  clientIp,
}) => {
  // An account made on the admin's page, then nine sign-ins.
  test.slow();
  const admin = await signedInContext(browser, "admin");
  const account = await createUserViaUi(await admin.newPage(), "support");
  await admin.close();

  for (let attempt = 1; attempt <= 3; attempt += 1) await failSignIn(page, account.email, WRONG);
  await failSignIn(page, account.email, LOCKED);
  // Refused before the password is checked: the right one does not help either.
  await signIn(page, account.email, account.password);
  await expect(signInStatus(page)).toContainText(LOCKED);

  // x-real-ip is the trusted header; a rotating X-Forwarded-For is not a new client.
  for (const forwarded of ["203.0.113.7", "203.0.113.99, 198.51.100.1"]) {
    await page.setExtraHTTPHeaders({ "x-real-ip": clientIp, "x-forwarded-for": forwarded });
    await failSignIn(page, account.email, LOCKED);
  }
  // A flood from one address cannot lock the person out elsewhere (20 failures per account
  // from all addresses together would): from another address the right password works.
  await page.setExtraHTTPHeaders({ "x-real-ip": uniqueClientIp() });
  await signIn(page, account.email, account.password);
  await expectSignedInAs(page, account.name);
});

test("failed sign-ins across different accounts from one IP lock that IP at the fourth", async ({
  page,
  browser,
  clientIp,
}) => {
  // Five sign-ins, then an admin's browser reads the audit trail.
  test.slow();
  for (let attempt = 1; attempt <= 3; attempt += 1)
    await failSignIn(page, freshEmail(`spray${attempt}`), WRONG);
  const fourth = freshEmail("spray4");
  await failSignIn(page, fourth, LOCKED);
  // The refusal is the address's, not that account's: from elsewhere it is a plain wrong password.
  await page.setExtraHTTPHeaders({ "x-real-ip": uniqueClientIp() });
  await failSignIn(page, fourth, WRONG);

  // The audit trail has it under exactly this address: the made-up accounts' failures folded
  // into one row per minute (×3, without their emails), the refusal in another.
  const admin = await signedInContext(browser, "admin");
  const audit = await admin.newPage();
  await audit.goto(`/audit?action=auth.sign_in&q=${encodeURIComponent(clientIp)}`);
  const rows = audit.getByRole("table").locator("tbody").getByRole("row");
  await expect(rows.first()).toBeVisible();
  expect(await countedEvents(rows.filter({ hasText: "INVALID_EMAIL_OR_PASSWORD" }))).toBe(3);
  expect(await countedEvents(rows.filter({ hasText: "TOO_MANY_ATTEMPTS" }))).toBe(1);
  expect(await rows.count()).toBeLessThanOrEqual(3);
  for (const row of await rows.all()) {
    await expect(row).toContainText("anonymous");
    await row.getByText("Details").click();
    await expect(row.getByText(`IP address: ${clientIp}`, { exact: true })).toBeVisible();
  }
  await admin.close();
});

test("20 simultaneous wrong passwords through the sign-in action: 3 are checked, 17 refused", async ({
  browser,
  request,
  clientIp,
}) => {
  // An account made on the admin's page, then 20 sign-ins at once on a shared machine.
  test.slow();
  const admin = await signedInContext(browser, "admin");
  const account = await createUserViaUi(await admin.newPage(), "lead");
  await admin.close();
  const action = listBuiltActions().find((built) => PUBLIC_ACTIONS.has(built.label));
  if (!action) throw new Error("The sign-in action is not in the build");

  const answers = await Promise.all(
    Array.from({ length: 20 }, () =>
      callAction(request, action, [{ email: account.email, password: "not-the-password" }], {
        "x-real-ip": clientIp,
      }),
    ),
  );
  const codes = answers.map((answer) => answer.result?.code);
  expect(codes.filter((code) => code === "UNAUTHENTICATED")).toHaveLength(3);
  expect(codes.filter((code) => code === "RATE_LIMITED")).toHaveLength(17);
});
