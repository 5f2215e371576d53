import { readFile } from "node:fs/promises";

import { expect, test } from "../fixtures";
import { describeTask, unique } from "./composer";

/**
 * Bulk create end to end, as a supervisor does it: a CSV with good and bad rows is checked in the
 * browser (each problem at its cell), the good rows become a job, the job page shows its progress
 * to the end, and the results file names each created task, which is then read back from the
 * local Connect through the real SDK.
 */
test.use({ role: "supervisor" });

function recallFile(tag: string): string {
  const lines = ["name,flow,description,attr:batch"];
  for (let index = 1; index <= 8; index += 1) {
    // Rows 4 and 8 of the data have no name: two rows with problems.
    const name = index % 4 === 0 ? "" : `${tag} ${index}`;
    lines.push(`${name},Billing follow-ups,"Row ${index}, from the file",${tag}`);
  }
  return `${lines.join("\r\n")}\r\n`;
}

test("upload, see the problems at their cells, create the good rows, watch them to the end", async ({
  page,
}) => {
  test.slow();
  const tag = unique("Recall");
  await page.goto("/");
  await page.getByRole("link", { name: "Bulk create" }).click();
  await expect(page).toHaveURL(/\/tasks\/bulk$/);

  await page.getByLabel("CSV file").setInputFiles({
    name: "recall.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(recallFile(tag), "utf8"),
  });
  const check = page.getByRole("status", { name: "Check result" });
  await expect(check).toHaveText("8 rows: 6 ready, 2 with problems");

  // The missing names are marked at their cells, with the message the cell points to.
  const invalid = page.locator("td[aria-invalid='true']");
  await expect(invalid).toHaveCount(2);
  const describedBy = await invalid.first().getAttribute("aria-describedby");
  expect(describedBy).toBeTruthy();
  await expect(page.locator(`[id="${describedBy!.split(" ")[0]}"]`)).not.toBeEmpty();

  const dataRows = page.getByRole("row").filter({ hasText: "from the file" });
  await expect(dataRows).toHaveCount(8);
  await page.getByLabel("Show only rows with problems").check();
  await expect(dataRows).toHaveCount(2);
  await page.getByLabel("Show only rows with problems").uncheck();

  await page.getByRole("button", { name: "Create 6 tasks" }).click();
  await expect(page).toHaveURL(/\/tasks\/bulk\/[0-9a-f-]{36}/);
  const progress = page.getByRole("progressbar", { name: "Bulk progress" });
  await expect(progress).toHaveAttribute("aria-valuemax", "6");
  await expect(progress).toHaveAttribute("aria-valuenow", "6", { timeout: 60_000 });

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download results CSV" }).click();
  const results = await readFile(await (await download).path(), "utf8");
  const contactIds = [
    ...results.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g),
  ].map((match) => match[0]);
  const created = [...new Set(contactIds)];
  expect(created).toHaveLength(6);
  for (const contactId of created) {
    const contact = await describeTask(contactId);
    expect(contact.Name).toMatch(new RegExp(`^${tag} [1-8]$`));
  }

  // In the tasks list like any other task, with the job as their origin.
  await page.goto(`/tasks?q=${encodeURIComponent(tag)}`);
  await expect(page.getByRole("link", { name: "(bulk job)" })).toHaveCount(6);
  await page.goBack();

  // Each created row links to its task page.
  await page.getByRole("link", { name: created[0]! }).click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${created[0]}`));
});

test("a file over a form's 1 MB is accepted whole, and its job can be paused and cancelled", async ({
  page,
}) => {
  test.slow();
  const tag = unique("Campaign");
  // 400 rows with 3,900-character descriptions: about 1.6 MB.
  const lines = ["name,flow,description"];
  for (let index = 1; index <= 400; index += 1)
    lines.push(`${tag} ${index},Billing follow-ups,${"x".repeat(3_900)}`);
  await page.goto("/tasks/bulk");
  await page.getByLabel("CSV file").setInputFiles({
    name: "campaign.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${lines.join("\n")}\n`, "utf8"),
  });
  await expect(page.getByRole("status", { name: "Check result" })).toHaveText(
    "400 rows: 400 ready, 0 with problems",
  );
  await page.getByRole("button", { name: "Create 400 tasks" }).click();
  await expect(page).toHaveURL(/\/tasks\/bulk\/[0-9a-f-]{36}/, { timeout: 30_000 });
  const progress = page.getByRole("progressbar", { name: "Bulk progress" });
  await expect(progress).toHaveAttribute("aria-valuemax", "400");

  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByRole("button", { name: "Resume" })).toBeVisible();
  await expect(page.getByText("State: Paused")).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("State: Cancelled")).toBeVisible();
  await expect(page.getByRole("button", { name: "Resume" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Pause" })).toHaveCount(0);
  // Paused at once: most rows were never sent, and are cancelled now.
  const cancelled = page
    .locator("dt", { hasText: /^Cancelled$/ })
    .locator("xpath=following-sibling::dd");
  expect(Number(await cancelled.textContent())).toBeGreaterThan(300);
});
