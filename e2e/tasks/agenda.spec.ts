import { AxeBuilder } from "@axe-core/playwright";

import { expect, signIn, test, expectSignedInAs } from "../fixtures";
import {
  PARIS,
  SDK_ATTEMPTS,
  type ScheduledTask,
  connectNow,
  escape,
  expectInWeeks,
  progress,
  resultFor,
  scheduleCallsSince,
  scheduleTasks,
  select,
  selection,
  wallClockOf,
  weekLabel,
  weekOf,
} from "./agenda";
import { describeTask, setFaults } from "./composer";
import { createUserViaUi } from "../security/admin-users";

/**
 * The agenda (/tasks/scheduled) as a team lead uses it: tasks scheduled on a Paris wall clock sit
 * in the right local day and hour for a viewer in Paris and one in New York, and the list's bulk
 * move and cancel land in Connect (read back through the SDK) and in the audit trail.
 */
const NEW_YORK = "America/New_York";
test.use({ role: "lead", timezoneId: PARIS });

test("each task sits in its local day and hour, in Paris and in New York", async ({
  page,
  asRole,
}) => {
  test.setTimeout(120_000);
  // The last one is early morning in Paris: the evening before in New York.
  const tasks = await scheduleTasks(page, "Agenda grid", [
    [2, "09:15"],
    [2, "16:40"],
    [3, "04:20"],
  ]);
  expect(wallClockOf(tasks[0]!.at, PARIS).time).toBe("09:15");

  await expectInWeeks(page, tasks, PARIS);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  const newYork = await asRole("lead", { timezoneId: NEW_YORK });
  await expectInWeeks(newYork, tasks, NEW_YORK);
  for (const task of tasks) {
    // Six hours earlier, five in the weeks when only one side has switched to summer time.
    const hoursEarlier =
      (wallClockOf(task.at, PARIS).asUtcMs - wallClockOf(task.at, NEW_YORK).asUtcMs) / 3_600_000;
    expect([5, 6]).toContain(hoursEarlier);
  }
});

test("bulk move by an hour and bulk cancel land in Connect and the audit trail", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const [moved, first, second] = (await scheduleTasks(page, "Agenda bulk", [
    [2, "10:05"],
    [2, "11:05"],
    [3, "12:05"],
  ])) as [ScheduledTask, ScheduledTask, ScheduledTask];

  await page.goto("/tasks/scheduled?view=list");
  await expect(selection(page)).toHaveText("None selected");
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  await select(page, moved).check();
  await expect(selection(page)).toHaveText("1 selected");
  await page.getByLabel("Move by").selectOption({ label: "1 hour later" });
  await page.getByRole("button", { name: "Move selected" }).click();
  await expect(resultFor(page, moved.name)).toContainText("Done: Moved to");
  await expect(progress(page)).toHaveAttribute("aria-valuenow", "1");
  expect((await describeTask(moved.contactId)).ScheduledTimestamp?.getTime()).toBe(
    moved.at.getTime() + 3_600_000,
  );

  await select(page, first).check();
  await select(page, second).check();
  await expect(selection(page)).toHaveText("2 selected");
  await page.getByRole("button", { name: "Cancel selected" }).click();
  const dialog = page.getByRole("dialog", { name: "Cancel 2 tasks?" });
  await expect(
    dialog.getByRole("list", { name: "Tasks to cancel" }).getByRole("listitem"),
  ).toHaveText([first.name, second.name]);
  await dialog.getByRole("button", { name: "Cancel tasks" }).click();

  await expect(progress(page)).toHaveAttribute("aria-valuenow", "2");
  await expect(progress(page)).toHaveAttribute("aria-valuemax", "2");
  await expect(page.getByRole("status", { name: "Bulk run status" })).toHaveText(
    "Finished: 2 of 2 done.",
  );
  for (const task of [first, second]) {
    await expect(resultFor(page, task.name)).toContainText("Done: Cancelled.");
    expect((await describeTask(task.contactId)).DisconnectReason).toBe("API");
    // The refreshed agenda no longer lists them.
    await expect(select(page, task)).toHaveCount(0);
  }
  await expect(select(page, moved)).toBeVisible();

  for (const [task, action] of [
    [moved, "task.reschedule"],
    [first, "task.cancel"],
    [second, "task.cancel"],
  ] as const) {
    await page.goto(`/audit?action=task.&q=${task.contactId}`);
    const rows = page.getByRole("table").locator("tbody").getByRole("row");
    await expect(rows.filter({ hasText: action })).toHaveCount(1);
    await expect(rows.filter({ hasText: action })).toContainText("Success");
  }
});

test("a bad offset is explained at the field; a throttled step is retried and still moves", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const [task] = (await scheduleTasks(page, "Agenda busy", [[2, "15:30"]])) as [ScheduledTask];
  await page.goto("/tasks/scheduled?view=list");
  await select(page, task).check();
  await page.getByLabel("Move by").selectOption({ label: "Another offset…" });
  const minutes = page.getByLabel("Offset in minutes");
  const move = page.getByRole("button", { name: "Move selected" });

  await minutes.fill("1.5");
  await move.click();
  await expect(minutes).toHaveAttribute("aria-invalid", "true");
  await expect(minutes).toHaveAccessibleDescription(/Use whole minutes\./);
  await expect(minutes).toHaveValue("1.5");
  await minutes.fill("20000");
  await move.click();
  await expect(minutes).toHaveAccessibleDescription(
    new RegExp(escape(`Tasks can be scheduled at most 6 days ahead: “${task.name}”.`)),
  );
  await expect(progress(page)).toHaveCount(0);

  await minutes.fill("30");
  const since = await connectNow(request);
  await setFaults(request, [
    { kind: "throttle", operations: ["UpdateContactSchedule"], count: SDK_ATTEMPTS },
  ]);
  try {
    await move.click();
    await expect(resultFor(page, task.name)).toContainText(
      /Done: Moved to .* Retried once after Amazon Connect was busy\./,
      { timeout: 30_000 },
    );
    await expect(progress(page)).toHaveAttribute("aria-valuenow", "1");
  } finally {
    await setFaults(request, []);
  }
  expect((await describeTask(task.contactId)).ScheduledTimestamp?.getTime()).toBe(
    task.at.getTime() + 30 * 60_000,
  );
  expect(await scheduleCallsSince(request, since)).toEqual([
    ...Array<number>(SDK_ATTEMPTS).fill(429),
    200,
  ]);
});

test("Stop leaves the rest of the batch untouched and says so", async ({ page, request }) => {
  test.setTimeout(90_000);
  const [early, late] = (await scheduleTasks(page, "Agenda stop", [
    [2, "17:10"],
    [2, "18:10"],
  ])) as [ScheduledTask, ScheduledTask];
  await page.goto("/tasks/scheduled?view=list");
  await select(page, early).check();
  await select(page, late).check();
  await page.getByLabel("Move by").selectOption({ label: "15 minutes later" });
  // The first move hangs for a while at Connect, long enough to press Stop during it.
  await setFaults(request, [
    { kind: "delay", operations: ["UpdateContactSchedule"], delayMs: 3_000, count: 1 },
  ]);
  try {
    await page.getByRole("button", { name: "Move selected" }).click();
    await expect(resultFor(page, early.name)).toContainText("Working");
    await page.getByRole("button", { name: "Stop", exact: true }).click();
    await expect(page.getByRole("status", { name: "Bulk run status" })).toHaveText(
      "Stopped: 1 of 2 done, 1 not attempted.",
    );
  } finally {
    await setFaults(request, []);
  }
  await expect(resultFor(page, early.name)).toContainText("Done: Moved to");
  await expect(resultFor(page, late.name)).toContainText("Not attempted: the run was stopped.");
  // The task left untouched stays selected, ready for another try.
  await expect(selection(page)).toHaveText("1 selected");
  await expect(select(page, late)).toBeChecked();
  expect((await describeTask(early.contactId)).ScheduledTimestamp?.getTime()).toBe(
    early.at.getTime() + 15 * 60_000,
  );
  expect((await describeTask(late.contactId)).ScheduledTimestamp?.getTime()).toBe(
    late.at.getTime(),
  );
});

test("a lead with nothing scheduled sees the empty state; supervisors choose whose tasks", async ({
  page,
  asRole,
}) => {
  test.setTimeout(90_000);
  const lead = await createUserViaUi(await asRole("admin"), "lead");
  // This page changes from the demo lead to a lead of its own, who has nothing scheduled.
  await page.context().clearCookies();
  await signIn(page, lead.email, lead.password);
  await expectSignedInAs(page, lead.name);
  await page.goto("/tasks/scheduled?scope=all");
  const thisWeek = weekOf(new Date(), PARIS);
  await expect(
    page.getByText(`No scheduled tasks in the week of ${weekLabel(thisWeek)}`),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Schedule a task" })).toHaveAttribute(
    "href",
    "/tasks/new",
  );
  // A lead sees only their own tasks, whatever the URL asks for.
  await expect(page.getByRole("navigation", { name: "Whose tasks" })).toHaveCount(0);
  const [task] = (await scheduleTasks(page, "Agenda scope", [[1, "13:20"]])) as [ScheduledTask];

  const supervisor = await asRole("supervisor");
  await supervisor.goto("/tasks/scheduled?view=list");
  const whose = supervisor.getByRole("navigation", { name: "Whose tasks" });
  await expect(whose.getByRole("link", { name: "Everyone" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(select(supervisor, task)).toBeVisible();
  await whose.getByRole("link", { name: "Mine" }).click();
  await expect(whose.getByRole("link", { name: "Mine" })).toHaveAttribute("aria-current", "page");
  await expect(supervisor).toHaveURL(/scope=mine/);
  await expect(
    supervisor.getByRole("navigation", { name: "Agenda view" }).getByRole("link", { name: "List" }),
  ).toHaveAttribute("aria-current", "page");
  await expect(select(supervisor, task)).toHaveCount(0);

  // Back to the lead: cancelling their only task empties the agenda, and the results stay.
  await page.goto("/tasks/scheduled?view=list");
  await page.getByRole("button", { name: "Select all" }).click();
  await expect(selection(page)).toHaveText("1 selected");
  await page.getByRole("button", { name: "Cancel selected" }).click();
  await page
    .getByRole("dialog", { name: "Cancel 1 task?" })
    .getByRole("button", { name: "Cancel task" })
    .click();
  await expect(page.getByText("No scheduled tasks in the next 6 days")).toBeVisible();
  await expect(resultFor(page, task.name)).toContainText("Done: Cancelled.");
  expect((await describeTask(task.contactId)).DisconnectReason).toBe("API");
});
