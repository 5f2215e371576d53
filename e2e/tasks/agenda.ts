import { type APIRequestContext, type Locator, type Page, expect } from "@playwright/test";

import { describeTask, escape, unique } from "./composer";
import { createTaskInConsole, wallClock } from "./console-tasks";
import { dayLabel, hourLabel } from "../../lib/task/agenda";
import { addDays, mondayOf, rangeLabel, weekLabel } from "../../lib/task/agenda-week";
import { E2E_CONNECT_MAX_ATTEMPTS, TEST_ENV } from "../../test-support/test-env";

/** Helpers of the agenda specs: scheduling on a Paris wall clock, and reading the agenda back. */
export const PARIS = "Europe/Paris";

/** The e2e console's attempts per Connect call (playwright.config.ts) before the agenda sees a throttle. */
export const SDK_ATTEMPTS = E2E_CONNECT_MAX_ATTEMPTS;

export { escape, unique } from "./composer";

export interface ScheduledTask {
  name: string;
  contactId: string;
  at: Date;
}

/** Schedules tasks through the composer at Paris wall-clock times, `[daysAhead, "HH:MM"]`. */
export async function scheduleTasks(page: Page, label: string, slots: [number, string][]) {
  const tasks: ScheduledTask[] = [];
  for (const [days, time] of slots) {
    const name = unique(`${label} ${time}`);
    const contactId = await createTaskInConsole(page, {
      name,
      schedule: { local: wallClock(PARIS, days, time), timeZone: PARIS },
    });
    const at = (await describeTask(contactId)).ScheduledTimestamp;
    if (!at) throw new Error(`Connect has no ScheduledTimestamp for ${contactId}`);
    tasks.push({ name, contactId, at });
  }
  return tasks;
}

/** Where an instant falls on a zone's wall clock, worked out here with Intl, not by the console. */
export function wallClockOf(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  ) as Record<string, string>;
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  const time = `${parts.hour}:${parts.minute}`;
  return { day, hour: Number(parts.hour), time, asUtcMs: Date.parse(`${day}T${time}:00Z`) };
}

/** The grid cell under the day's column header and in the hour's row. */
export async function gridCell(page: Page, day: string, hour: number): Promise<Locator> {
  const grid = page.getByRole("table", { name: /Scheduled tasks by day and hour/ });
  await expect(grid).toBeVisible();
  const headers = await grid.getByRole("columnheader").allTextContents();
  const column = headers.indexOf(dayLabel(day));
  expect(column, `a column for ${day} among ${headers.join(", ")}`).toBeGreaterThan(0);
  const row = grid.getByRole("row").filter({
    has: page.getByRole("rowheader", { name: hourLabel(hour), exact: true }),
  });
  return row.getByRole("cell").nth(column - 1);
}

export async function expectInGrid(page: Page, tasks: ScheduledTask[], timeZone: string) {
  const grid = page.getByRole("table", { name: /Scheduled tasks by day and hour/ });
  await expect(grid).toHaveAccessibleName(new RegExp(escape(`(${timeZone})`)));
  for (const task of tasks) {
    const local = wallClockOf(task.at, timeZone);
    const link = (await gridCell(page, local.day, local.hour)).getByRole("link", {
      name: task.name,
    });
    await expect(link).toHaveText(`${local.time} ${task.name}`);
    await expect(link).toHaveAttribute("href", `/tasks/${task.contactId}`);
    await expect(grid.getByRole("link", { name: task.name })).toHaveCount(1);
  }
}

/** The Monday of the week (Monday to Sunday) that holds an instant on a zone's wall clock. */
export const weekOf = (instant: Date, timeZone: string) =>
  mondayOf(wallClockOf(instant, timeZone).day);

export const weekHeading = (page: Page, monday: string) =>
  page.getByRole("heading", { name: `Week of ${weekLabel(monday)}`, level: 2 });

/** Each task in its local day and hour, on the grid of its own week (opened by its URL). */
export async function expectInWeeks(page: Page, tasks: ScheduledTask[], timeZone: string) {
  const weeks = new Map<string, ScheduledTask[]>();
  for (const task of tasks) {
    const week = weekOf(task.at, timeZone);
    weeks.set(week, [...(weeks.get(week) ?? []), task]);
  }
  for (const [week, inWeek] of weeks) {
    await page.goto(`/tasks/scheduled?view=grid&week=${week}`);
    await expect(weekHeading(page, week)).toBeVisible();
    await expectInGrid(page, inWeek, timeZone);
  }
}

export { addDays, mondayOf, rangeLabel, weekLabel };

export const selection = (page: Page) => page.getByRole("status", { name: "Selection" });
export const progress = (page: Page) => page.getByRole("progressbar", { name: "Bulk progress" });
export const resultFor = (page: Page, name: string) =>
  page.getByRole("list", { name: "Bulk results" }).getByRole("listitem").filter({ hasText: name });
export const select = (page: Page, task: ScheduledTask) =>
  page.getByRole("checkbox", { name: `Select ${task.name}` });

export async function connectNow(request: APIRequestContext): Promise<number> {
  const response = await request.get(`${TEST_ENV.connectUrl}/__admin/clock`);
  return ((await response.json()) as { now: number }).now;
}

export async function scheduleCallsSince(request: APIRequestContext, since: number) {
  const response = await request.get(
    `${TEST_ENV.connectUrl}/__admin/requests?operation=UpdateContactSchedule`,
  );
  const { requests } = (await response.json()) as { requests: { status: number; at: number }[] };
  return requests.filter((entry) => entry.at >= since).map((entry) => entry.status);
}
