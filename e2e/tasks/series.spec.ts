import type { Page } from "@playwright/test";

import { addDays, mondayOf, weekHeading } from "./agenda";
import { choose, openEmptyComposer, startTaskCalls, taskName, unique } from "./composer";
import { wallClock } from "./console-tasks";
import { expect, test } from "../fixtures";

/**
 * A team lead plans weeks ahead: a task three weeks out (held by the console) and a check-in
 * every Monday at 09:00 Paris (a series, its occurrences held). Both show in the agenda's week
 * grid weeks ahead; one occurrence is edited on its own; the series is ended, which cancels the
 * occurrences still held and takes them off the agenda. Nothing here reaches Connect.
 */
const PARIS = "Europe/Paris";
test.use({ role: "lead", timezoneId: PARIS });

/** The first Monday at least eight days ahead in Paris: beyond Connect's horizon. */
function firstMondayBeyondHorizon(): string {
  for (let days = 8; days < 15; days += 1) {
    const day = wallClock(PARIS, days, "09:00").slice(0, 10);
    if (new Date(`${day}T00:00:00Z`).getUTCDay() === 1) return day;
  }
  throw new Error("no Monday in a week");
}

async function composeInParis(page: Page, name: string, local: string) {
  await openEmptyComposer(page);
  await taskName(page).fill(name);
  await choose(page, "Choose a flow", "General tasks");
  await page.getByRole("radio", { name: "Schedule" }).check();
  await page.getByLabel("Time zone").selectOption(PARIS);
  await page.getByLabel("Date and time").fill(local);
}

const weekGrid = (page: Page) =>
  page.getByRole("table", { name: /Scheduled tasks by day and hour/ });

test("a lead holds a task three weeks ahead and a weekly series, sees both weeks ahead, edits one occurrence and ends the series", async ({
  page,
  request,
}) => {
  test.slow();
  const renewal = unique("Renewal call");
  const renewalLocal = wallClock(PARIS, 21, "10:00");
  await composeInParis(page, renewal, renewalLocal);
  await page.getByRole("button", { name: "Create task" }).click();
  await expect(page.getByRole("region", { name: "Task held" })).toBeVisible();

  const checkIn = unique("Monday check-in");
  const firstMonday = firstMondayBeyondHorizon();
  await composeInParis(page, checkIn, `${firstMonday}T09:00`);
  const token = await page.getByLabel("Client token").inputValue();
  await page.getByRole("checkbox", { name: "Repeat" }).check();
  await page.getByLabel("Frequency").selectOption({ label: "Weekly" });
  await expect(page.getByRole("checkbox", { name: "Monday" })).toBeChecked();
  // Ten weeks: every occurrence exists from the start (beyond the 60-day rolling window too).
  await page.getByRole("radio", { name: "After a number of occurrences" }).check();
  await page.getByRole("spinbutton", { name: "Occurrences" }).fill("10");
  await expect(
    page.getByRole("list", { name: "Next occurrences" }).getByRole("listitem"),
  ).toHaveCount(10);
  await page.getByRole("button", { name: "Create task" }).click();
  const created = page.getByRole("region", { name: "Series created" });
  await expect(created).toContainText("holds 10 occurrences");
  expect(await startTaskCalls(request, token)).toEqual([]);

  // The agenda, three weeks ahead: the held task and that week's Monday occurrence.
  const week = mondayOf(renewalLocal.slice(0, 10));
  await page.goto(`/tasks/scheduled?view=grid&week=${week}`);
  await expect(weekHeading(page, week)).toBeVisible();
  await expect(weekGrid(page).getByRole("link", { name: renewal })).toHaveCount(1);
  await expect(weekGrid(page).getByRole("link", { name: checkIn })).toHaveCount(1);
  await expect(weekGrid(page).getByRole("link", { name: checkIn })).toContainText("09:00");

  // The tenth Monday, nine weeks after the first, is on the agenda too.
  const lastWeek = mondayOf(addDays(firstMonday, 63));
  await page.goto(`/tasks/scheduled?view=grid&week=${lastWeek}`);
  await expect(weekHeading(page, lastWeek)).toBeVisible();
  await expect(weekGrid(page).getByRole("link", { name: checkIn })).toHaveCount(1);

  // From the agenda to the occurrence, then to its series: every occurrence held.
  await page.goto(`/tasks/scheduled?view=grid&week=${week}`);
  await weekGrid(page).getByRole("link", { name: checkIn }).click();
  await page.getByRole("link", { name: "open the series" }).click();
  await expect(page).toHaveURL(/\/tasks\/series\/series-/);
  const seriesUrl = page.url();
  const table = page.getByRole("table", { name: "Occurrences" });
  const rows = table.getByRole("row");
  await expect(rows.nth(1)).toContainText("Held");
  const count = (await rows.count()) - 1;
  expect(count).toBe(10);
  await expect(page.getByText(/Every week on Monday at 09:00 \(Europe\/Paris\)/)).toBeVisible();

  // Edit the second occurrence on its own.
  await rows.nth(2).getByRole("link", { name: "Edit occurrence" }).click();
  await expect(taskName(page)).toHaveValue(checkIn);
  const moved = `${checkIn} (with the new agenda)`;
  await taskName(page).fill(moved);
  await page.getByRole("button", { name: "Save held task" }).click();
  await expect(page.getByRole("region", { name: "Task held" })).toContainText("Changes saved");
  await page.goto(seriesUrl);
  await expect(rows.nth(2)).toContainText(moved);
  await expect(rows.nth(3)).not.toContainText(moved);

  // This and the following ones, from the fourth: the earlier ones keep their name.
  await rows.nth(4).getByRole("link", { name: "Edit this and following" }).click();
  await expect(
    page.getByRole("heading", { name: "Edit this and the following occurrences" }),
  ).toBeVisible();
  const later = `${checkIn} (new room)`;
  await taskName(page).fill(later);
  await page.getByRole("button", { name: "Save series" }).click();
  await expect(page.getByRole("region", { name: "Series saved" })).toContainText(
    `${count - 3} occurrences`,
  );
  await page.goto(seriesUrl);
  await expect(rows.nth(3)).not.toContainText(later);
  await expect(rows.nth(4)).toContainText(later);
  await expect(rows.nth(count)).toContainText(later);

  // End the series: the held occurrences are cancelled and leave the agenda.
  await page.getByRole("button", { name: "End series" }).click();
  await page.getByRole("button", { name: "Yes, end the series" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Series ended" })).toContainText(
    `${count} held occurrences were cancelled`,
  );
  await page.reload();
  await expect(table.getByRole("cell", { name: "Cancelled" })).toHaveCount(count);
  await expect(table.getByRole("link", { name: "Edit occurrence" })).toHaveCount(0);
  await page.goto(`/tasks/scheduled?view=grid&week=${week}`);
  await expect(weekHeading(page, week)).toBeVisible();
  await expect(weekGrid(page).getByRole("link", { name: renewal })).toHaveCount(1);
  await expect(weekGrid(page).getByRole("link", { name: checkIn })).toHaveCount(0);
});

test("a lead moves a weekly series to 10:30: it ends there and continues as a new series with the rest", async ({
  page,
}) => {
  test.slow();
  const standUp = unique("Stand-up");
  const firstMonday = firstMondayBeyondHorizon();
  await composeInParis(page, standUp, `${firstMonday}T09:00`);
  await page.getByRole("checkbox", { name: "Repeat" }).check();
  await page.getByRole("radio", { name: "After a number of occurrences" }).check();
  await page.getByRole("spinbutton", { name: "Occurrences" }).fill("4");
  await page.getByRole("button", { name: "Create task" }).click();
  await page.getByRole("region", { name: "Series created" }).getByRole("link").click();
  await expect(page).toHaveURL(/\/tasks\/series\/series-/);
  const oldUrl = page.url();

  await page.getByRole("link", { name: "Edit series" }).click();
  await expect(page.getByRole("heading", { name: "Edit the whole series" })).toBeVisible();
  await expect(page.getByLabel("Date and time")).toHaveValue(`${firstMonday}T09:00`);
  await expect(page.getByRole("spinbutton", { name: "Occurrences" })).toHaveValue("4");
  await page.getByLabel("Date and time").fill(`${firstMonday}T10:30`);
  await expect(
    page.getByRole("list", { name: "Next occurrences" }).getByRole("listitem").first(),
  ).toContainText("10:30");
  await page.getByRole("button", { name: "Save series" }).click();
  const saved = page.getByRole("region", { name: "Series saved" });
  await expect(saved).toContainText("new timing");
  await saved.getByRole("link", { name: "Open the series" }).click();

  await expect(page.getByText(/Every week on Monday at 10:30 \(Europe\/Paris\)/)).toBeVisible();
  const rows = page.getByRole("table", { name: "Occurrences" }).getByRole("row");
  await expect(rows).toHaveCount(5);
  for (const index of [1, 2, 3, 4]) await expect(rows.nth(index)).toContainText("Held");
  // The earlier series ended where the new one begins: nothing of it is left to send.
  await page.getByRole("link", { name: oldUrl.split("/").pop()! }).click();
  await expect(page).toHaveURL(oldUrl);
  await expect(page.getByText("Series: Ended")).toBeVisible();
  await expect(
    page.getByRole("table", { name: "Occurrences" }).getByRole("cell", { name: "Cancelled" }),
  ).toHaveCount(4);
});

test("a lead ends a daily series whose occurrences are already in Connect, and cancels those there too", async ({
  page,
}) => {
  test.slow();
  const reminder = unique("Daily reminder");
  // Inside Connect's horizon: the release job sends each occurrence to Connect within seconds.
  await composeInParis(page, reminder, wallClock(PARIS, 1, "09:00"));
  await page.getByRole("checkbox", { name: "Repeat" }).check();
  await page.getByLabel("Frequency").selectOption({ label: "Daily" });
  await page.getByRole("radio", { name: "After a number of occurrences" }).check();
  await page.getByRole("spinbutton", { name: "Occurrences" }).fill("2");
  await page.getByRole("button", { name: "Create task" }).click();
  await page.getByRole("region", { name: "Series created" }).getByRole("link").click();
  await expect(page).toHaveURL(/\/tasks\/series\/series-/);

  const table = page.getByRole("table", { name: "Occurrences" });
  await expect(async () => {
    await page.reload();
    await expect(table.getByRole("cell", { name: "In Connect" })).toHaveCount(2, { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });

  await page.getByRole("button", { name: "End series" }).click();
  await page
    .getByRole("checkbox", {
      name: "Also cancel the 2 occurrences already scheduled in Amazon Connect",
    })
    .check();
  await page.getByRole("button", { name: "Yes, end the series" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Series ended" })).toContainText(
    "2 of 2 in Amazon Connect",
  );
  const firstTask = table.getByRole("row").nth(1).getByRole("link").first();
  await firstTask.click();
  await expect(page.getByText("Cancelled", { exact: true }).first()).toBeVisible();
});
