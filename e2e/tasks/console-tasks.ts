import { type Page, expect } from "@playwright/test";

import { choose, createdContactId, openEmptyComposer, taskName } from "./composer";

/**
 * Creating tasks the way a user does, through the composer, so the console records them (the
 * tasks list, agenda and task page only know tasks the console created). Assumes a signed-in user
 * who may create (and, for `schedule`, schedule) tasks.
 */
export interface ConsoleTask {
  name: string;
  /** Flow name as the picker lists it. */
  flow?: string;
  /** Wall-clock time in `timeZone`, as a datetime-local value ("2026-11-27T09:15"). */
  schedule?: { local: string; timeZone: string };
  previousContactId?: string;
}

export async function createTaskInConsole(page: Page, task: ConsoleTask): Promise<string> {
  await openEmptyComposer(page);
  await taskName(page).fill(task.name);
  await choose(page, "Choose a flow", task.flow ?? "General tasks");
  if (task.schedule) {
    await page.getByRole("radio", { name: "Schedule" }).check();
    await page.getByLabel("Time zone").selectOption(task.schedule.timeZone);
    await page.getByLabel("Date and time").fill(task.schedule.local);
  }
  if (task.previousContactId) {
    await page.getByRole("radio", { name: "Previous contact" }).check();
    await page.getByLabel("Contact id").fill(task.previousContactId);
    // Leaving the field looks the contact up and shows the answer above the submit button; let
    // that settle first, or the moving button can swallow the click.
    await page.getByRole("button", { name: "Look up" }).click();
    const lookup = page.getByRole("status", { name: "Contact lookup" });
    await expect(lookup).toBeVisible();
    await expect(lookup).not.toContainText("Looking up");
  }
  await page.getByRole("button", { name: "Create task" }).click();
  return createdContactId(page);
}

/** "YYYY-MM-DDTHH:MM" on `timeZone`'s wall clock, `daysAhead` days from today there. */
export function wallClock(timeZone: string, daysAhead: number, time: string): string {
  const day = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(Date.now() + daysAhead * 86_400_000));
  return `${day}T${time}`;
}
