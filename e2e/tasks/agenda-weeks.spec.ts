import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "@playwright/test";

import {
  PARIS,
  type ScheduledTask,
  addDays,
  expectInGrid,
  rangeLabel,
  scheduleTasks,
  select,
  selection,
  wallClockOf,
  weekHeading,
  weekLabel,
  weekOf,
} from "./agenda";
import { expect, expectSignedInAs, signIn, test } from "../fixtures";
import { createUserViaUi } from "../security/admin-users";

/**
 * The agenda beyond one horizon: the grid pages week by week (Monday to Sunday on the viewer's
 * wall clock) from this week to the week of the furthest schedule (SCHEDULE_MAX_DAYS, 365 by
 * default), the week in the URL; the list reads the days between "From" and "To". Each test has
 * a lead of its own, so the weeks it looks at hold only its own tasks.
 */
test.use({ role: "lead", timezoneId: PARIS });

const DAY = 86_400_000;
const MAX_DAYS = 365;

async function becomeNewLead(page: Page, asRole: (role: "admin") => Promise<Page>) {
  const lead = await createUserViaUi(await asRole("admin"), "lead");
  await page.context().clearCookies();
  await signIn(page, lead.email, lead.password);
  await expectSignedInAs(page, lead.name);
}

/** The week's grid holds exactly `tasks` of these, or says it is empty when it holds none. */
async function expectWeekHolds(
  page: Page,
  week: string,
  tasks: ScheduledTask[],
  all: ScheduledTask[],
) {
  await expect(weekHeading(page, week)).toBeVisible();
  if (tasks.length === 0) {
    await expect(
      page.getByText(`No scheduled tasks in the week of ${weekLabel(week)}`),
    ).toBeVisible();
  } else {
    await expectInGrid(page, tasks, PARIS);
  }
  for (const task of all.filter((other) => !tasks.includes(other))) {
    await expect(page.getByRole("link", { name: task.name })).toHaveCount(0);
  }
}

test("a lead pages week by week, from this week to the week of the furthest schedule", async ({
  page,
  asRole,
}) => {
  test.setTimeout(120_000);
  await becomeNewLead(page, asRole);
  const tasks = await scheduleTasks(page, "Agenda week", [
    [1, "09:10"],
    [5, "14:20"],
  ]);
  const thisWeek = weekOf(new Date(), PARIS);
  const nextWeek = addDays(thisWeek, 7);
  const inWeek = (week: string) => tasks.filter((task) => weekOf(task.at, PARIS) === week);
  const weeks = page.getByRole("navigation", { name: "Weeks" });

  await page.goto("/tasks/scheduled");
  await expectWeekHolds(page, thisWeek, inWeek(thisWeek), tasks);
  const previous = weeks.getByRole("button", { name: "Previous week" });
  await expect(previous).toBeDisabled();
  await expect(previous).toHaveAccessibleDescription(
    "This is the current week: the agenda shows tasks still to come.",
  );
  await expect(weeks.getByRole("link", { name: "This week" })).toHaveAttribute(
    "aria-current",
    "page",
  );

  // By keyboard: the step is a link in the tab order.
  await weeks.getByRole("link", { name: "Next week" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`[?&]week=${nextWeek}(&|$)`));
  await expectWeekHolds(page, nextWeek, inWeek(nextWeek), tasks);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  // The URL keeps the week: a reload, Back and Forward show the same weeks again.
  await page.reload();
  await expectWeekHolds(page, nextWeek, inWeek(nextWeek), tasks);
  await page.goBack();
  await expectWeekHolds(page, thisWeek, inWeek(thisWeek), tasks);
  await page.goForward();
  await expect(weekHeading(page, nextWeek)).toBeVisible();
  await weeks.getByRole("link", { name: "Previous week" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]week=${thisWeek}(&|$)`));
  await expectWeekHolds(page, thisWeek, inWeek(thisWeek), tasks);
  await expect(weeks.getByRole("button", { name: "Previous week" })).toBeDisabled();

  // The last week holds the furthest schedule; there is no week after it.
  const lastWeek = weekOf(new Date(Date.now() + MAX_DAYS * DAY), PARIS);
  await page.goto(`/tasks/scheduled?week=${lastWeek}`);
  await expectWeekHolds(page, lastWeek, [], tasks);
  const next = weeks.getByRole("button", { name: "Next week" });
  await expect(next).toBeDisabled();
  await expect(next).toHaveAccessibleDescription(
    `Tasks can be scheduled at most ${MAX_DAYS} days ahead.`,
  );
  await expect(weeks.getByRole("link", { name: "Previous week" })).toHaveAttribute(
    "href",
    new RegExp(`week=${addDays(lastWeek, -7)}`),
  );
  // A week past it, typed into the URL, is explained rather than shown empty.
  await page.goto(`/tasks/scheduled?week=${addDays(lastWeek, 7)}`);
  await expect(page.getByRole("note")).toHaveText(
    `This week is beyond the furthest a task can be scheduled (${MAX_DAYS} days ahead).`,
  );
  await expect(page.getByRole("table")).toHaveCount(0);
});

test("the list shows the days from “From” to “To” and explains a bad range at its field", async ({
  page,
  asRole,
}) => {
  test.setTimeout(120_000);
  await becomeNewLead(page, asRole);
  const [soon, later] = (await scheduleTasks(page, "Agenda range", [
    [1, "08:40"],
    [5, "17:25"],
  ])) as [ScheduledTask, ScheduledTask];
  const soonDay = wallClockOf(soon.at, PARIS).day;
  const laterDay = wallClockOf(later.at, PARIS).day;
  const today = wallClockOf(new Date(), PARIS).day;

  await page.goto("/tasks/scheduled?view=list");
  const range = page.getByRole("form", { name: "Date range" });
  const from = range.getByLabel("From", { exact: true });
  const to = range.getByLabel("To", { exact: true });
  // The defaults: today and the horizon's day (6 days), on the viewer's calendar.
  await expect(from).toHaveValue(today);
  await expect(to).toHaveValue(wallClockOf(new Date(Date.now() + 6 * DAY), PARIS).day);
  await expect(select(page, soon)).toBeVisible();
  await expect(select(page, later)).toBeVisible();

  await from.fill(laterDay);
  await to.fill(laterDay);
  await range.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${laterDay}&to=${laterDay}`));
  await expect(select(page, later)).toBeVisible();
  await expect(select(page, soon)).toHaveCount(0);
  // The bulk actions work on what the range shows.
  await page.getByRole("button", { name: "Select all" }).click();
  await expect(selection(page)).toHaveText("1 selected");
  await page.reload();
  await expect(from).toHaveValue(laterDay);
  await expect(select(page, later)).toBeVisible();

  // A day with nothing scheduled says so.
  const quiet = addDays(laterDay, 1);
  await from.fill(quiet);
  await to.fill(quiet);
  await range.getByRole("button", { name: "Show" }).click();
  await expect(page.getByText(`No scheduled tasks in ${rangeLabel(quiet, quiet)}`)).toBeVisible();

  // Bad ranges are explained next to the field, with nothing read until they are fixed.
  await from.fill(laterDay);
  await to.fill(soonDay);
  await range.getByRole("button", { name: "Show" }).click();
  await expect(to).toHaveAttribute("aria-invalid", "true");
  await expect(to).toHaveAccessibleDescription(/“To” is before “From”\./);
  await expect(select(page, later)).toHaveCount(0);
  await to.fill(addDays(today, MAX_DAYS + 10));
  await range.getByRole("button", { name: "Show" }).click();
  await expect(to).toHaveAccessibleDescription(
    new RegExp(`Choose a day at most ${MAX_DAYS} days ahead`),
  );
  await from.fill(addDays(today, -3));
  await to.fill(laterDay);
  await range.getByRole("button", { name: "Show" }).click();
  await expect(from).toHaveAttribute("aria-invalid", "true");
  await expect(from).toHaveAccessibleDescription(/Choose today or a later day/);
  await expect(to).not.toHaveAttribute("aria-invalid", "true");
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});
