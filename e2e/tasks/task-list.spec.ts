import type { Page } from "@playwright/test";

import { DEMO_ACCOUNTS } from "../../lib/demo-accounts";
import { TEST_ENV } from "../../test-support/test-env";
import { expect, test } from "../fixtures";
import { describeTask, unique } from "./composer";
import { createTaskInConsole, wallClock } from "./console-tasks";

/**
 * The tasks list: what the console created, with the status Amazon Connect reports. Time moves
 * on the local Connect endpoint only (its injected clock), so "the task started" is Connect's
 * word, not the browser's. The start is checked with both of the endpoint's readings of a
 * scheduled task's timestamps (connect-local/README.md): documented (its default) and legacy.
 */
test.use({ role: "lead" });

function rowOf(page: Page, name: string) {
  return page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
}

test.afterEach(async ({ request }) => {
  await request.post(`${TEST_ENV.connectUrl}/__admin/clock`, { data: { reset: true } });
  await request.put(`${TEST_ENV.connectUrl}/__admin/timestamps`, { data: { mode: "documented" } });
});

/** The value next to a term in the task page's "What Connect says". */
function connectFact(page: Page, term: string) {
  return page
    .getByRole("region", { name: "What Connect says" })
    .getByRole("term")
    .filter({ hasText: new RegExp(`^${term}$`) })
    .locator("xpath=following-sibling::dd[1]");
}

for (const mode of ["documented", "legacy"] as const) {
  test(`a lead's tasks, newest first, with Connect's status that a refresh brings up to date (${mode} timestamps)`, async ({
    page,
    request,
  }) => {
    // Two tasks through the composer, the list, the agenda twice and the task page.
    test.slow();
    const switched = await request.put(`${TEST_ENV.connectUrl}/__admin/timestamps`, {
      data: { mode },
    });
    expect(switched.ok()).toBe(true);
    const soon = unique("Ring the courier");
    const now = unique("Check the parcel");
    const soonId = await createTaskInConsole(page, {
      name: soon,
      schedule: { local: wallClock("UTC", 1, "10:00"), timeZone: "UTC" },
    });
    await createTaskInConsole(page, { name: now });

    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Tasks" })
      .click();
    await expect(page.getByRole("heading", { name: "Tasks", level: 1 })).toBeVisible();
    // A lead sees their own tasks only: no "Created by" choice.
    await expect(page.getByLabel("Created by")).toHaveCount(0);
    const names = page.getByRole("table").getByRole("rowheader").getByRole("link");
    await expect(names.nth(0)).toHaveText(now);
    await expect(names.nth(1)).toHaveText(soon);
    await expect(rowOf(page, soon)).toContainText("Scheduled");
    await expect(rowOf(page, soon)).toContainText("Flow: General tasks");
    await expect(rowOf(page, now)).toContainText("In progress");

    // Scheduled, so on the agenda too.
    await page.goto("/tasks/scheduled?view=list");
    await expect(page.getByRole("link", { name: soon, exact: true })).toBeVisible();
    await page.goto("/tasks");

    // Connect's clock passes the scheduled time: the task starts there.
    const scheduled = (await describeTask(soonId)).ScheduledTimestamp!;
    await request.post(`${TEST_ENV.connectUrl}/__admin/clock`, {
      data: { setNowMs: scheduled.getTime() + 60_000 },
    });
    // The server skips what it checked in the last few seconds (the page load did): click again
    // until it asks Connect about this task.
    await expect(async () => {
      await page.getByRole("button", { name: "Refresh statuses" }).click();
      await expect(page.getByRole("status", { name: "Refresh result" })).toContainText(
        /Checked \d+ with Amazon Connect/,
        { timeout: 1_000 },
      );
      await expect(rowOf(page, soon)).toContainText("In progress", { timeout: 1_000 });
    }).toPass({ timeout: 20_000, intervals: [1_000, 2_000] });

    // Started in Connect, so no longer on the agenda of scheduled tasks.
    await page.goto("/tasks/scheduled?view=list");
    await expect(page.getByRole("heading", { name: "Agenda", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: soon, exact: true })).toHaveCount(0);

    // Its page says when it started; when it was created only where Connect's answer says so.
    await page.goto(`/tasks/${soonId}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("In progress");
    await expect(connectFact(page, "Started")).not.toHaveText(/Not yet|Never/);
    await expect(connectFact(page, "Started").locator("time")).toHaveAttribute(
      "datetime",
      scheduled.toISOString(),
    );
    if (mode === "legacy")
      await expect(connectFact(page, "Created in Connect")).toHaveText("Not reported by Connect");
    else await expect(connectFact(page, "Created in Connect").locator("time")).toHaveCount(1);
    await page.goto("/tasks");

    // Filters live in the URL: status and text.
    await page.getByLabel("Status").selectOption("in_progress");
    await page.getByLabel("Text").fill(soon.toUpperCase());
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/status=in_progress/);
    await expect(names).toHaveText([soon]);
    await page.getByLabel("Status").selectOption("cancelled");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByRole("status").filter({ hasText: "match" })).toHaveText(
      "No tasks match these filters.",
    );
  });
}

test("a supervisor chooses between their tasks and everyone's; bad dates are named", async ({
  page: lead,
  asRole,
}) => {
  const leads = unique("Lead's visit");
  await createTaskInConsole(lead, { name: leads });

  const page = await asRole("supervisor");
  await page.goto(`/tasks?q=${encodeURIComponent(leads)}`);
  await expect(page.getByRole("status").filter({ hasText: "match" })).toHaveText(
    "No tasks match these filters.",
  );
  await page.getByLabel("Created by").selectOption("all");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(rowOf(page, leads)).toContainText(DEMO_ACCOUNTS.lead.email);

  await page.getByLabel("Created from (UTC day)").fill("2026-12-31");
  await page.getByLabel("Created to (UTC day)").fill("2026-01-01");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByLabel("Created to (UTC day)")).toHaveAccessibleDescription(
    /The end date is before the start date/,
  );
  await expect(page.getByLabel("Text")).toHaveValue(leads);
});
