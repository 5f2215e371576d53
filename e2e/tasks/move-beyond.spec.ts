import { zonedLocalToInstant } from "../../lib/task/zoned-time";
import { expect, test } from "../fixtures";
import { describeTask, unique } from "./composer";
import { createTaskInConsole, wallClock } from "./console-tasks";
import { changeRegion, updateScheduleCalls } from "./task-page";

/**
 * A Connect task rescheduled beyond Connect's horizon, as a team lead does it: the task page asks
 * first (dismissing keeps the typed time and asks Connect nothing), then stops the task in Connect
 * and holds a copy with the new time, linked from the status line; the held page shows that time.
 */
const PARIS = "Europe/Paris";
test.use({ role: "lead", timezoneId: PARIS });

test("a lead moves a task three weeks out: confirmed, it is stopped in Connect and held", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const name = unique("Quarterly review");
  const contactId = await createTaskInConsole(page, {
    name,
    schedule: { local: wallClock(PARIS, 2, "09:00"), timeZone: PARIS },
  });
  await page.goto(`/tasks/${contactId}`);

  const change = changeRegion(page);
  await expect(change.getByLabel("Time zone")).toHaveValue(PARIS);
  const newLocal = wallClock(PARIS, 20, "10:00");
  await change.getByLabel("New date and time").fill(newLocal);
  const calls = await updateScheduleCalls(request);
  await change.getByRole("button", { name: "Reschedule" }).click();

  const dialog = page.getByRole("dialog", { name: /^Stop this task in Connect and hold it until/ });
  await expect(dialog).toContainText("as a new contact");
  // Dismissed: nothing changes, and the time typed is still there.
  await dialog.getByRole("button", { name: "Keep it in Connect" }).click();
  await expect(dialog).toBeHidden();
  await expect(change.getByLabel("New date and time")).toHaveValue(newLocal);
  expect((await describeTask(contactId)).DisconnectTimestamp).toBeUndefined();

  await change.getByRole("button", { name: "Reschedule" }).click();
  await dialog.getByRole("button", { name: "Stop and hold" }).click();
  const status = change.getByRole("status");
  await expect(status).toContainText("Stopped in Connect and held until");
  expect(await updateScheduleCalls(request)).toBe(calls);
  expect((await describeTask(contactId)).DisconnectReason).toBe("API");

  const link = status.getByRole("link", { name: "Open the held task" });
  const href = (await link.getAttribute("href")) ?? "";
  expect(href).toMatch(/^\/tasks\/held-[0-9a-f-]{36}$/);
  await link.click();
  await expect(page).toHaveURL(href);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const at = zonedLocalToInstant(newLocal, PARIS);
  if (!at.ok) throw new Error(`${newLocal} is not a Paris time`);
  const utc = at.instant.toISOString();
  await expect(page.getByText(/chosen in Europe\/Paris/)).toContainText(
    `${utc.slice(0, 10)} ${utc.slice(11, 19)} UTC`,
  );
});
