import type { Locator } from "@playwright/test";

import { DEMO_IDS } from "../../connect-local/seed/demo";
import { TEST_ENV } from "../../test-support/test-env";
import canaries from "../canaries.json" with { type: "json" };
import { expect, test } from "../fixtures";

test.use({ role: "admin" });

/** The <dd> that follows the <dt> named `term` inside `region`. */
function fact(region: Locator, term: string): Locator {
  return region
    .getByRole("term")
    .filter({ hasText: new RegExp(`^${term}$`) })
    .locator("xpath=following-sibling::dd[1]");
}

test("an administrator sees the Connect endpoint, instances, data store and sign-in limits", async ({
  page,
}) => {
  await page.goto("/");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Connect settings" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Connect settings" })).toBeVisible();

  const connect = page.getByRole("region", { name: "Amazon Connect" });
  await expect(fact(connect, "Mode")).toHaveText("Local Connect endpoint (demo)");
  await expect(fact(connect, "Region")).toHaveText("us-east-1");
  await expect(fact(connect, "Endpoint")).toHaveText(TEST_ENV.connectUrl);
  await expect(fact(connect, "Credential source")).toHaveText(
    "fixed local credentials (local Connect endpoint)",
  );

  // Both configured instances, as DescribeInstance answered them.
  const instances = page.getByRole("region", { name: "Instances" });
  const first = instances.getByRole("row").filter({ hasText: DEMO_IDS.instanceId });
  await expect(first.getByRole("cell")).toHaveText([
    "northwind-support",
    "ACTIVE",
    /^\d{4}-\d{2}-\d{2}$/,
    /Yes|No/,
    /Yes|No/,
  ]);
  const second = instances.getByRole("row").filter({ hasText: DEMO_IDS.secondInstanceId });
  await expect(second.getByRole("cell").first()).toHaveText("northwind-sandbox");

  const store = page.getByRole("region", { name: "Data store" });
  await expect(fact(store, "Database")).toHaveText(
    "Embedded PostgreSQL server (started by the console)",
  );
  await expect(fact(store, "Folder")).toHaveText(
    new RegExp(`/\\.data/e2e-${TEST_ENV.consolePort}/console/postgres$`),
  );

  const signIn = page.getByRole("region", { name: "Sign-in protection" });
  await expect(fact(signIn, "Client IP header")).toHaveText("x-real-ip");
  await expect(fact(signIn, "Failures allowed")).toHaveText("3");
  await expect(fact(signIn, "Window")).toHaveText("900 seconds (15 min)");
  await expect(signIn.getByRole("note")).toHaveCount(0);

  // The server runs with canary secrets; none of them may reach the page.
  const html = await page.content();
  for (const secret of Object.values(canaries)) expect(html).not.toContain(secret);
});

test("other roles get the Not allowed page", async ({ asRole }) => {
  for (const role of ["supervisor", "lead", "support"] as const) {
    const page = await asRole(role);
    await page.goto("/");
    await expect(
      page
        .getByRole("navigation", { name: "Main" })
        .getByRole("link", { name: "Connect settings" }),
    ).toHaveCount(0);
    await page.goto("/admin/connect");
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Data store" })).toHaveCount(0);
  }
});
