import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "@playwright/test";

import { expect, test } from "../fixtures";
import { choose, openEmptyComposer, startTaskCalls, taskName, unique } from "./composer";

/**
 * The composer's Repeat: its fields, the Next occurrences list in the chosen zone and UTC, field
 * messages that keep what was typed, and a submit that creates a series (never one task with the
 * form's token: each occurrence has its own).
 */
test.use({ role: "supervisor" });

const PARIS = "Europe/Paris";

/** Two days from now in Paris, as "YYYY-MM-DD", and its weekday's English name. */
function dayAfterTomorrowInParis() {
  const at = new Date(Date.now() + 2 * 86_400_000);
  const date = new Intl.DateTimeFormat("en-CA", { timeZone: PARIS }).format(at);
  const weekday = new Intl.DateTimeFormat("en-GB", { timeZone: PARIS, weekday: "long" }).format(at);
  return { date, weekday };
}

async function scheduleInParis(page: Page, local: string) {
  await openEmptyComposer(page);
  await taskName(page).fill(unique("Weekly check-in"));
  await choose(page, "Choose a flow", "Escalations");
  await page.getByRole("radio", { name: "Schedule" }).check();
  await page.getByLabel("Time zone").selectOption(PARIS);
  await page.getByLabel("Date and time").fill(local);
}

const occurrences = (page: Page) =>
  page.getByRole("list", { name: "Next occurrences" }).getByRole("listitem");

test("Repeat lists the next ten occurrences at 09:00 Paris, in UTC across DST", async ({
  page,
}) => {
  const { date, weekday } = dayAfterTomorrowInParis();
  await scheduleInParis(page, `${date}T09:00`);
  await page.getByRole("checkbox", { name: "Repeat" }).check();

  // Weekly on the schedule's own weekday to begin with.
  await expect(page.getByLabel("Frequency")).toHaveValue("weekly");
  await expect(page.getByRole("checkbox", { name: weekday })).toBeChecked();
  await expect(page.getByRole("radio", { name: "After a number of occurrences" })).toBeChecked();
  await expect(page.getByRole("spinbutton", { name: "Occurrences" })).toHaveValue("10");
  await expect(occurrences(page)).toHaveCount(10);
  for (const item of await occurrences(page).all()) {
    await expect(item).toContainText(weekday.slice(0, 3));
    await expect(item).toContainText("09:00");
  }

  // Monthly on the same day: ten months cross both of Paris's changes, 09:00 all along.
  await page.getByLabel("Frequency").selectOption("monthly");
  await expect(page.getByRole("radio", { name: /^On day \d+$/ })).toBeChecked();
  await expect(
    page.getByRole("radio", { name: /^On the (first|second|third|fourth|fifth) / }),
  ).toBeVisible();
  await expect(page.getByLabel("Every (months)")).toHaveValue("1");
  const items = await occurrences(page).allTextContents();
  expect(items).toHaveLength(10);
  expect(items.every((text) => text.includes("09:00") && text.endsWith("UTC)"))).toBe(true);
  expect(items.some((text) => text.includes(" 08:00 UTC)"))).toBe(true);
  expect(items.some((text) => text.includes(" 07:00 UTC)"))).toBe(true);

  // Ends on a date: the list stops at it.
  await page.getByRole("radio", { name: "On a date" }).check();
  const until = new Date(`${date}T12:00:00Z`);
  until.setUTCMonth(until.getUTCMonth() + 2);
  await page.getByLabel("End date").fill(until.toISOString().slice(0, 10));
  await expect(occurrences(page)).toHaveCount(3);
  await page.getByRole("radio", { name: "Never" }).check();
  await expect(occurrences(page)).toHaveCount(10);
});

test("Repeat's fields say what is wrong next to them and keep what was typed", async ({
  page,
  request,
}) => {
  // An axe pass: seconds of CPU, many more on a busy machine.
  test.slow();
  const { date, weekday } = dayAfterTomorrowInParis();
  await scheduleInParis(page, `${date}T09:00`);
  await page.getByRole("checkbox", { name: "Repeat" }).check();

  const every = page.getByLabel("Every (weeks)");
  await every.fill("0");
  await expect(every).toHaveAttribute("aria-invalid", "true");
  await expect(every).toHaveAccessibleDescription("Every must be a whole number from 1 to 99.");
  await expect(page.getByText("fix the marked fields to see the occurrences")).toBeVisible();
  await every.fill("2");
  await expect(every).not.toHaveAttribute("aria-invalid", "true");

  const own = page.getByRole("checkbox", { name: weekday });
  await own.uncheck();
  await expect(own).toHaveAccessibleDescription("Choose at least one weekday.");
  const other = weekday === "Monday" ? "Tuesday" : "Monday";
  await page.getByRole("checkbox", { name: other }).check();
  await expect(own).toHaveAccessibleDescription(
    `The first occurrence is on a ${weekday}: tick ${weekday}, or change the date.`,
  );
  // The open Repeat fields, one of them with its message: nothing for axe to fix.
  const axe = await new AxeBuilder({ page })
    .include('section[aria-labelledby="schedule-title"]')
    .analyze();
  expect(axe.violations).toEqual([]);
  await own.check();
  await page.getByRole("spinbutton", { name: "Occurrences" }).fill("12");
  await expect(occurrences(page)).toHaveCount(10);

  // Unticked and ticked again: the same fields, as typed.
  const repeat = page.getByRole("checkbox", { name: "Repeat" });
  await repeat.uncheck();
  await expect(page.getByLabel("Frequency")).toHaveCount(0);
  await repeat.check();
  await expect(page.getByLabel("Every (weeks)")).toHaveValue("2");
  await expect(page.getByRole("spinbutton", { name: "Occurrences" })).toHaveValue("12");
  await expect(page.getByRole("checkbox", { name: other })).toBeChecked();

  // The submit creates the series: its occurrences are held tasks with their own tokens.
  const token = await page.getByLabel("Client token").inputValue();
  await page.getByRole("button", { name: "Create task" }).click();
  const created = page.getByRole("region", { name: "Series created" });
  // A series that ends is held whole: all 12 occurrences of the rule.
  const made = Number(/holds (\d+) occurrences/.exec((await created.textContent()) ?? "")?.[1]);
  expect(made).toBe(12);
  expect(await startTaskCalls(request, token)).toEqual([]);
  await created.getByRole("link", { name: "Open the series" }).click();
  await expect(page.getByRole("table", { name: "Occurrences" }).getByRole("row")).toHaveCount(
    made + 1,
  );
  await expect(
    page.getByText(/^Every 2 weeks on \w+day and \w+day at 09:00 \(Europe\/Paris\), .*12 occurrences$/),
  ).toBeVisible();
});
