import { expect, test } from "../fixtures";
import { choose, escape, openEmptyComposer, startTaskCalls, taskName, unique } from "./composer";
import { wallClock } from "./console-tasks";

/**
 * A task beyond Connect's horizon, as a team lead plans it: scheduled three weeks ahead it is
 * held by the console (no StartTaskContact), shown Held in the tasks list and the agenda's list,
 * edited in the composer prefilled with its values, and cancelled, all without a Connect call.
 */
const PARIS = "Europe/Paris";
test.use({ role: "lead", timezoneId: PARIS });

test("a lead holds a task three weeks ahead, sees it Held, edits it and cancels it", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const name = unique("Renewal call");
  await openEmptyComposer(page);
  const clientToken = await page.getByLabel("Client token").inputValue();
  await taskName(page).fill(name);
  await choose(page, "Choose a flow", "General tasks");
  await page.getByRole("radio", { name: "Schedule" }).check();
  await page.getByLabel("Time zone").selectOption(PARIS);
  await page.getByLabel("Date and time").fill(wallClock(PARIS, 21, "10:00"));
  await page.getByRole("button", { name: "Create task" }).click();

  const held = page.getByRole("region", { name: "Task held" });
  await expect(held).toBeVisible();
  await expect(held).toContainText("sends it to Connect on");
  const heldId = (await held.locator("code").textContent()) ?? "";
  expect(heldId).toMatch(/^held-[0-9a-f-]{36}$/);
  expect(await startTaskCalls(request, clientToken)).toEqual([]);

  // The tasks list: Held, under its console id, linked to its page.
  await page.goto(`/tasks?q=${encodeURIComponent(name)}`);
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Held");
  await expect(row.getByRole("link", { name })).toHaveAttribute(
    "href",
    `/tasks/${encodeURIComponent(heldId)}`,
  );

  // The agenda's list over that day shows it beside Connect's tasks.
  const day = wallClock(PARIS, 21, "10:00").slice(0, 10);
  await page.goto(`/tasks/scheduled?view=list&from=${day}&to=${day}`);
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Held");

  // Edit: the composer prefilled, saved to the held task only.
  await page.goto(`/tasks/${heldId}`);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(taskName(page)).toHaveValue(name);
  await expect(page.getByLabel("Time zone")).toHaveValue(PARIS);
  const renamed = `${name} (moved)`;
  await taskName(page).fill(renamed);
  await page.getByLabel("Date and time").fill(wallClock(PARIS, 22, "11:30"));
  await page.getByRole("button", { name: "Save held task" }).click();
  await expect(page.getByRole("region", { name: "Task held" })).toContainText("Changes saved");

  await page.goto(`/tasks/${heldId}`);
  await expect(page.getByRole("heading", { name: renamed, level: 1 })).toBeVisible();
  await expect(page.getByText(new RegExp(escape("chosen in Europe/Paris")))).toBeVisible();

  // Cancel, behind a confirmation; nothing ever reached Connect.
  await page.getByRole("button", { name: "Cancel held task" }).click();
  await page.getByRole("button", { name: "Yes, cancel it" }).click();
  await expect(page.getByRole("status").filter({ hasText: "never sent" })).toBeVisible();
  await page.reload();
  await expect(page.getByText("Cancelled", { exact: true })).toBeVisible();
  expect(await startTaskCalls(request, clientToken)).toEqual([]);
});
