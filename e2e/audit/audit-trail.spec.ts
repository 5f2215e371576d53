import { readFile } from "node:fs/promises";

import type { Page } from "@playwright/test";

import { DEMO_ACCOUNTS } from "../../lib/demo-accounts";
import type { Role } from "../../lib/permissions";
import { parseCsv } from "../../test-support/csv";
import { countedEvents, expect, signIn, signInAs, test, uniqueClientIp } from "../fixtures";

/**
 * The audit trail as people use it. Each test signs in through the form from its own client
 * address (the clientIp fixture): the sign-ins are the events under test, and the rows carry that
 * address, so a text filter on it isolates this test's rows from everything else the shared e2e
 * console has recorded.
 */

const CSV_HEADER = [
  "occurred_at_utc",
  "completed_at_utc",
  "action",
  "outcome",
  "actor_email",
  "actor_id",
  "actor_role",
  "target_id",
  "contact_id",
  "instance_id",
  "client_token",
  "error_name",
  "error_message",
  "aws_request_id",
  "attempts",
  "ip_address",
  "request_json",
  "detail_json",
  "event_id",
  "repeat_count",
];

const strangerEmail = () =>
  `stranger-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6)}@example.test`;

async function failSignIn(page: Page, email: string): Promise<void> {
  await signIn(page, email, "not-the-right-password");
  await expect(page.getByRole("status", { name: "Sign-in status" })).not.toBeEmpty();
}

/** Signs in as each role in turn (cookies cleared between, as a fresh browser would be). */
async function signInAsEach(page: Page, roles: Role[]): Promise<void> {
  for (const role of roles) {
    await page.context().clearCookies();
    await signInAs(page, role);
  }
}

const eventRows = (page: Page) => page.getByRole("table").locator("tbody").getByRole("row");

async function applyFilters(
  page: Page,
  filters: { person?: string; action?: string; outcome?: string; text?: string },
): Promise<void> {
  await page.getByLabel("Person").fill(filters.person ?? "");
  await page.getByLabel("Action", { exact: true }).fill(filters.action ?? "");
  await page.getByLabel("Outcome").selectOption(filters.outcome ?? "");
  await page.getByLabel("Text", { exact: true }).fill(filters.text ?? "");
  await page.getByRole("button", { name: "Apply filters" }).click();
}

function csvObjects(text: string): Record<string, string>[] {
  expect(text.startsWith("\uFEFF")).toBe(true);
  const [header, ...rows] = parseCsv(text.slice(1));
  expect(header).toEqual(CSV_HEADER);
  return rows.map((row) => Object.fromEntries(CSV_HEADER.map((name, i) => [name, row[i] ?? ""])));
}

test("the admin finds sign-ins by person, outcome and action, keeps filters in the URL and exports them", async ({
  page,
  clientIp,
}) => {
  const stranger = strangerEmail();
  await failSignIn(page, stranger);
  await expect(page.getByRole("status", { name: "Sign-in status" })).toHaveText(
    "The email or password is not right.",
  );
  await signInAsEach(page, ["support", "lead", "admin"]);

  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Audit trail" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();

  // Everything from this test's address: one failed and three successful sign-ins.
  await applyFilters(page, { text: clientIp });
  await expect(page).toHaveURL(new RegExp(`[?&]q=${clientIp.replace(/\./g, "\\.")}`));
  await expect(eventRows(page)).toHaveCount(4);
  await expect(page.getByRole("status").filter({ hasText: "events match" })).toHaveText(
    "4 events match.",
  );
  // An email with no account is not kept (made-up emails are what a flood is made of).
  await expect(eventRows(page).filter({ hasText: stranger })).toHaveCount(0);
  const failed = eventRows(page).filter({ hasText: "anonymous" });
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText("auth.sign_in");
  await expect(failed).toContainText("Failure");
  await expect(failed).toContainText("INVALID_EMAIL_OR_PASSWORD");
  for (const role of ["support", "lead", "admin"] as const) {
    const row = eventRows(page).filter({ hasText: DEMO_ACCOUNTS[role].email });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Success");
    await expect(row).toContainText(role);
  }
  // The time is in the viewer's locale, with the UTC value on the element.
  await expect(failed.locator("time").first()).toHaveAttribute(
    "datetime",
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
  );
  await failed.getByText("Details").click();
  await expect(failed.getByText(`IP address: ${clientIp}`)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("audit-trail.png"), fullPage: true });

  // By person: only that person's events (the lead's one sign-in from this address).
  await applyFilters(page, { person: DEMO_ACCOUNTS.lead.email, text: clientIp });
  await expect(eventRows(page)).toHaveCount(1);
  await expect(eventRows(page).first()).toContainText(DEMO_ACCOUNTS.lead.email);

  // By outcome and action prefix, within this test's address.
  await applyFilters(page, { action: "auth.", outcome: "success", text: clientIp });
  await expect(eventRows(page)).toHaveCount(3);
  await expect(eventRows(page).filter({ hasText: stranger })).toHaveCount(0);
  await expect(eventRows(page).filter({ hasText: "Success" })).toHaveCount(3);

  // The filters are in the URL: a reload shows the same fields and rows.
  const url = new URL(page.url());
  expect(Object.fromEntries(url.searchParams)).toEqual({
    person: "",
    action: "auth.",
    outcome: "success",
    from: "",
    to: "",
    q: clientIp,
  });
  await page.reload();
  await expect(page.getByLabel("Action", { exact: true })).toHaveValue("auth.");
  await expect(page.getByLabel("Outcome")).toHaveValue("success");
  await expect(page.getByLabel("Text", { exact: true })).toHaveValue(clientIp);
  await expect(eventRows(page)).toHaveCount(3);

  // The export carries the same filters.
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = csvObjects(await readFile(await download.path(), "utf8"));
  expect(rows.map((row) => row.actor_email).sort()).toEqual(
    [DEMO_ACCOUNTS.admin.email, DEMO_ACCOUNTS.lead.email, DEMO_ACCOUNTS.support.email].sort(),
  );
  for (const row of rows) {
    expect(row).toMatchObject({
      action: "auth.sign_in",
      outcome: "success",
      ip_address: clientIp,
      repeat_count: "1",
    });
    expect(row.event_id).toMatch(/^[0-9a-f-]{36}$/);
  }

  // A bad filter is explained next to its field, and what was typed stays.
  await page.getByLabel("Action", { exact: true }).fill("drop table");
  await page.getByRole("button", { name: "Apply filters" }).click();
  const action = page.getByLabel("Action", { exact: true });
  await expect(action).toHaveValue("drop table");
  await expect(action).toHaveAttribute("aria-invalid", "true");
  await expect(action).toHaveAccessibleDescription(/Use an action such as auth\.sign_in/);
  await expect(page.getByRole("table")).toHaveCount(0);
});

test("a support user sees and exports only their own events", async ({ page, clientIp }) => {
  const stranger = strangerEmail();
  await failSignIn(page, stranger);
  await signInAs(page, "support");

  await page.goto(`/audit?q=${clientIp}`);
  await expect(page.getByText("You see your own events only.")).toBeVisible();
  // The failed sign-in from the same address is not theirs.
  await expect(eventRows(page)).toHaveCount(1);
  await expect(eventRows(page).first()).toContainText(DEMO_ACCOUNTS.support.email);
  await expect(eventRows(page).first()).toContainText("Success");

  await page.goto("/audit");
  const actors = await eventRows(page).locator("td:nth-child(2)").allTextContents();
  expect(actors.length).toBeGreaterThan(0);
  for (const actor of actors) expect(actor).toContain(DEMO_ACCOUNTS.support.email);

  await page.goto(`/audit?person=${encodeURIComponent(DEMO_ACCOUNTS.admin.email)}`);
  await expect(page.getByRole("status").filter({ hasText: "match" })).toHaveText(
    "No audit events match these filters.",
  );
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);

  // The export applies the same rule, whatever the URL asks for.
  const forAdmin = await page.request.get(
    `/api/audit/export?person=${encodeURIComponent(DEMO_ACCOUNTS.admin.email)}`,
  );
  expect(forAdmin.status()).toBe(200);
  expect(forAdmin.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(csvObjects(await forAdmin.text())).toEqual([]);
  const everything = csvObjects(await (await page.request.get("/api/audit/export")).text());
  expect(everything.length).toBeGreaterThan(0);
  expect(new Set(everything.map((row) => row.actor_email))).toEqual(
    new Set([DEMO_ACCOUNTS.support.email]),
  );
});

test("refused sign-ins and refused exports show up as denied", async ({
  page,
  clientIp,
  request,
  asRole,
}) => {
  const stranger = strangerEmail();
  for (let attempt = 0; attempt < 3; attempt++) await failSignIn(page, stranger);
  await signIn(page, stranger, "not-the-right-password");
  await expect(page.getByRole("status", { name: "Sign-in status" })).toContainText(
    "Too many failed sign-in attempts",
  );

  const anonymousIp = uniqueClientIp();
  const anonymous = await request.get("/api/audit/export", {
    headers: { "x-real-ip": anonymousIp },
  });
  expect(anonymous.status()).toBe(401);

  // This address is now locked too; the admin reads the trail from another one.
  const admin = await asRole("admin");
  await admin.goto(`/audit?outcome=denied&q=${clientIp}`);
  await expect(eventRows(admin)).toHaveCount(1);
  const locked = eventRows(admin).first();
  // No such account: the refusal is the address's, recorded without the made-up email.
  await expect(locked).toContainText("anonymous");
  await expect(locked).toContainText("Denied");
  await expect(locked).toContainText("TOO_MANY_ATTEMPTS");

  await admin.goto(`/audit?action=audit.export&outcome=denied&q=${anonymousIp}`);
  await expect(eventRows(admin)).toHaveCount(1);
  await expect(eventRows(admin).first()).toContainText("anonymous");
  await expect(eventRows(admin).first()).toContainText("UNAUTHENTICATED");

  // The three failures are folded into one row per minute: ×3 (or split at a minute's turn).
  await admin.goto(`/audit?action=auth.sign_in&outcome=failure&q=${clientIp}`);
  await expect(eventRows(admin).first()).toBeVisible();
  expect(await countedEvents(eventRows(admin))).toBe(3);
  await expect(eventRows(admin).filter({ hasText: stranger })).toHaveCount(0);
});
