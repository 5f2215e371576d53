import { DEMO_IDS } from "../../connect-local/seed/demo";
import { expect, test } from "../fixtures";

test("the overview shows the seeded instances reached through the local Connect endpoint", async ({
  asRole,
}, testInfo) => {
  // The overview needs a session; any role may see it.
  const page = await asRole("support");
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  const response = await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");

  const connect = page.getByRole("region", { name: "Amazon Connect" });
  await expect(connect.getByText("Local Connect endpoint (demo)")).toBeVisible();
  // The alias and status come from DescribeInstance answered by the local endpoint.
  await expect(connect.getByText("northwind-support")).toBeVisible();
  await expect(connect.getByText(DEMO_IDS.instanceId)).toBeVisible();
  await expect(connect.getByText("northwind-sandbox")).toBeVisible();
  await expect(connect.getByText("Status: ACTIVE").first()).toBeVisible();

  // The nonce CSP is in force and the page's own scripts still run (hydration: the nav is live).
  expect(response?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-/);
  await page.screenshot({ path: testInfo.outputPath("overview.png"), fullPage: true });
  expect(consoleErrors).toEqual([]);
});

test("an unknown address shows a page that says so", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
