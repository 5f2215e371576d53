import { AxeBuilder } from "@axe-core/playwright";

import { DEMO_IDS } from "../../connect-local/seed/demo";
import { DEMO_ACCOUNTS } from "../../lib/demo-accounts";
import { expect, signIn, test, expectSignedInAs } from "../fixtures";
import {
  taskName,
  choose,
  describeTask,
  INSTANCE_ID,
  startTaskThroughSdk,
  submitTask,
  unique,
} from "./composer";
import { createTaskInConsole, wallClock } from "./console-tasks";
import {
  builtAction,
  changeRegion,
  startLinkedTasksThroughConsole,
  updateScheduleCalls,
  wallTime,
} from "./task-page";
import { createUserViaUi } from "../security/admin-users";
import { callAction } from "../security/server-calls";

/**
 * The task page: what Connect says about a contact, what the console recorded, its history and
 * links; reschedule and cancel from it; follow-ups from it. Every change is read back through the
 * SDK from the local Connect endpoint and from the audit trail. A supervisor unless a test says.
 */
test.use({ role: "supervisor" });

test("a supervisor reschedules a task in another zone, then cancels it; a second cancel is harmless", async ({
  page,
  request,
}) => {
  // One task's whole life, each step read back through the SDK: many real round trips.
  test.slow();
  const name = unique("Call back Mrs Lind");
  const contactId = await createTaskInConsole(page, {
    name,
    schedule: { local: wallClock("Europe/Berlin", 2, "10:00"), timeZone: "Europe/Berlin" },
  });
  await page.getByRole("link", { name: "Open the task" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Scheduled");

  const connect = page.getByRole("region", { name: "What Connect says" });
  const details = connect.getByRole("definition");
  await expect(connect.getByRole("term").filter({ hasText: "Channel" })).toBeVisible();
  await expect(details.filter({ hasText: "TASK" }).first()).toBeVisible();
  await expect(details.filter({ hasText: name })).toBeVisible();
  await expect(connect.getByText("No references.")).toBeVisible();

  const recorded = page.getByRole("region", { name: "What the console recorded" });
  await expect(recorded).toContainText(`${DEMO_ACCOUNTS.supervisor.email} (Supervisor)`);
  const figure = recorded.getByRole("figure", { name: "Request JSON" });
  const requestJson = JSON.parse((await figure.locator("pre").textContent()) ?? "{}") as {
    Name?: string;
    ClientToken?: string;
  };
  expect(requestJson.Name).toBe(name);
  expect(requestJson.ClientToken).toMatch(/^[0-9a-f-]{36}$/);
  await expect(
    recorded.getByRole("definition").filter({ hasText: requestJson.ClientToken! }),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "History" })).toContainText("task.start");
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  // Reschedule to 08:30 New York time, three days out; a double click moves it once.
  const change = changeRegion(page);
  await expect(change).toContainText("0 of 20 reschedules used");
  await change.getByLabel("Time zone").selectOption("America/New_York");
  const newLocal = wallClock("America/New_York", 3, "08:30");
  await change.getByLabel("New date and time").fill(newLocal);
  await expect(change.getByRole("group", { name: "Schedule summary" })).toContainText(
    "(America/New_York)",
  );
  const callsBefore = await updateScheduleCalls(request);
  await change.getByRole("button", { name: "Reschedule" }).dblclick();
  await expect(change.getByRole("status")).toContainText("Moved to");
  await expect(change).toContainText("1 of 20 reschedules used");
  expect(await updateScheduleCalls(request)).toBe(callsBefore + 1);
  const moved = (await describeTask(contactId)).ScheduledTimestamp!;
  expect(wallTime(moved, "America/New_York")).toBe(newLocal.replace("T", ", "));

  // A second tab still shows the task as scheduled when the first one cancels it.
  const secondTab = await page.context().newPage();
  await secondTab.goto(page.url());
  await expect(changeRegion(secondTab).getByRole("button", { name: "Cancel task" })).toBeVisible();

  await change.getByRole("button", { name: "Cancel task" }).click();
  const dialog = page.getByRole("dialog", { name: `Cancel task “${name}”?` });
  await expect(dialog).toContainText(contactId);
  await dialog.getByRole("button", { name: "Yes, cancel the task" }).click();
  await expect(dialog).toBeHidden();
  await expect(change.getByRole("status")).toHaveText("Cancelled.");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Cancelled");
  await expect(change).toContainText("This task was cancelled; there is nothing left to change.");
  const stopped = await describeTask(contactId);
  expect(stopped.DisconnectReason).toBe("API");

  const other = changeRegion(secondTab);
  await other.getByRole("button", { name: "Cancel task" }).click();
  await secondTab.getByRole("button", { name: "Yes, cancel the task" }).click();
  await expect(other.getByRole("status")).toHaveText("This task was already cancelled.");
  await expect(secondTab.getByRole("heading", { level: 1 })).toContainText("Cancelled");
  await secondTab.close();

  await page.getByRole("link", { name: "Open in the audit trail" }).click();
  await expect(page).toHaveURL(new RegExp(`/audit\\?q=${contactId}`));
  const actions = page.getByRole("table").getByRole("cell");
  await expect(actions.filter({ hasText: /^task\.reschedule$/ })).toHaveCount(1);
  await expect(actions.filter({ hasText: /^task\.cancel$/ })).toHaveCount(2);
});

test("a lead cannot reschedule or cancel another lead's task; the refusal is on its history", async ({
  asRole,
  browser,
}) => {
  test.slow();
  const otherLead = await createUserViaUi(await asRole("admin"), "lead");
  const page = await asRole("lead");
  const name = unique("Lead's own task");
  const contactId = await createTaskInConsole(page, {
    name,
    schedule: { local: wallClock("UTC", 1, "15:00"), timeZone: "UTC" },
  });

  // A lead of its own, signed in through the form (no stored session belongs to it).
  const other = await browser.newContext({ storageState: undefined });
  const otherPage = await other.newPage();
  await signIn(otherPage, otherLead.email, otherLead.password);
  await expectSignedInAs(otherPage, otherLead.name);
  await otherPage.goto(`/tasks/${contactId}`);
  await expect(otherPage.getByRole("heading", { level: 1 })).toContainText(name);
  const change = changeRegion(otherPage);
  await expect(change).toContainText(
    `You can reschedule or cancel only the tasks you created; this one was created by ${DEMO_ACCOUNTS.lead.email}.`,
  );
  await expect(change.getByRole("form", { name: "Reschedule" })).toHaveCount(0);
  await expect(change.getByRole("button", { name: "Cancel task" })).toHaveCount(0);
  // Another lead sees who created it and when, not the request or its token.
  await expect(otherPage.getByRole("figure", { name: "Request JSON" })).toHaveCount(0);

  // Calling the actions anyway is refused on the server, and Connect is untouched.
  const target = { instanceId: INSTANCE_ID, contactId };
  const moved = await callAction(
    other.request,
    builtAction("tasks/actions/reschedule-task.ts", "rescheduleTask"),
    [{ ...target, mode: "at", scheduledLocal: wallClock("UTC", 1, "16:00"), timeZone: "UTC" }],
  );
  expect(moved.result).toMatchObject({ ok: false, code: "FORBIDDEN" });
  const cancelled = await callAction(
    other.request,
    builtAction("tasks/actions/cancel-task.ts", "cancelTask"),
    [target],
  );
  expect(cancelled.result).toMatchObject({ ok: false, code: "FORBIDDEN" });
  await other.close();
  const contact = await describeTask(contactId);
  expect(contact.ScheduledTimestamp?.toISOString()).toContain("T15:00");
  expect(contact.DisconnectTimestamp).toBeUndefined();

  // The creator sees both refused attempts on the task's history.
  await page.goto(`/tasks/${contactId}`);
  const history = page.getByRole("region", { name: "History" });
  await expect(history.getByRole("row").filter({ hasText: "task.reschedule" })).toContainText(
    "Failure",
  );
  await expect(history.getByRole("row").filter({ hasText: "task.cancel" })).toContainText(
    otherLead.email,
  );
});

test("two tasks with the same previous contact: the page counts the chain", async ({ page }) => {
  const previous = DEMO_IDS.contacts.voiceOutageCall;
  const first = unique("Outage follow-up A");
  const second = unique("Outage follow-up B");
  const firstId = await createTaskInConsole(page, { name: first, previousContactId: previous });
  await createTaskInConsole(page, { name: second, previousContactId: previous });

  await page.goto(`/tasks/${firstId}`);
  const links = page.getByRole("region", { name: "Links" });
  await expect(links).toContainText("2 of 12 linked tasks used");
  await expect(links.getByRole("link", { name: previous })).toBeVisible();
  await expect(links).toContainText("voice contact");
  const siblings = links.getByRole("list", { name: "Tasks linked to the same previous contact" });
  await expect(siblings.getByRole("listitem")).toHaveCount(2);
  await expect(siblings).toContainText(`${first} (this task)`);
  await siblings.getByRole("link", { name: second }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(second);
});

test("support opens a seeded contact from the header and creates a linked follow-up", async ({
  asRole,
}) => {
  const contact = DEMO_IDS.contacts.chatPasswordReset;
  const page = await asRole("support");
  await page.goto("/");

  const jump = page.getByLabel("Go to contact");
  await jump.fill("f6a5b8c7-9999-40c1-8c6d-0e1f2a3b4c99");
  await page.getByRole("button", { name: "Open", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Contact not found", level: 1 })).toBeVisible();
  // Exact: Next's route announcer may say the page title, which names the id too.
  await expect(
    page.getByText("f6a5b8c7-9999-40c1-8c6d-0e1f2a3b4c99", { exact: true }),
  ).toBeVisible();

  await jump.fill(contact);
  await page.getByRole("button", { name: "Open", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Password reset");
  await expect(changeRegion(page)).toContainText("Your role cannot reschedule or cancel tasks");
  await expect(page.getByRole("region", { name: "What the console recorded" })).toContainText(
    "The console did not create this contact",
  );
  await expect(
    page
      .getByRole("region", { name: "What Connect says" })
      .getByRole("cell", { name: "customerId" }),
  ).toBeVisible();

  await page.getByRole("link", { name: "Create follow-up" }).click();
  await expect(page.getByRole("heading", { name: "New task", level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Follow-up" })).toContainText(
    "linked as its previous contact",
  );
  await expect(page.getByRole("radio", { name: "Previous contact" })).toBeChecked();
  await expect(page.getByLabel("Contact id")).toHaveValue(contact);
  await expect(page.getByRole("status", { name: "Contact lookup" })).toContainText(
    "chat contact “Password reset”",
  );
  const name = unique("Reset follow-up");
  await taskName(page).fill(name);
  await choose(page, "Choose a flow", "General tasks");
  const followUpId = await submitTask(page);
  const created = await describeTask(followUpId);
  expect(created.Name).toBe(name);
  expect(created.PreviousContactId).toBe(contact);

  // A bad id in the follow-up link is explained on the composer, nothing crashes.
  await page.goto(`/tasks/new?followUp=${"x".repeat(300)}`);
  await expect(page.getByRole("region", { name: "Follow-up" })).toContainText(
    "no usable contact id",
  );
  await expect(page.getByRole("radio", { name: "None" })).toBeChecked();
});

test("a follow-up of a contact whose chain is full lands as a related contact", async ({
  page,
}) => {
  const start = await startTaskThroughSdk(unique("Chain start"));
  await startLinkedTasksThroughConsole(page.request, start, 12);

  await page.goto(`/tasks/${start}`);
  await expect(page.getByRole("region", { name: "Links" })).toContainText(
    "12 of 12 linked tasks used",
  );
  await page.getByRole("link", { name: "Create follow-up" }).click();
  const notice = page.getByRole("region", { name: "Follow-up" });
  await expect(notice).toContainText(
    `${start} already has 12 linked tasks, Connect's limit; this follow-up is linked as a related contact instead.`,
  );
  await expect(page.getByRole("radio", { name: "Related contact" })).toBeChecked();
  await expect(page.getByLabel("Contact id")).toHaveValue(start);
  await taskName(page).fill(unique("Thirteenth, related"));
  await choose(page, "Choose a flow", "General tasks");
  const followUpId = await submitTask(page);
  const created = await describeTask(followUpId);
  expect(created.RelatedContactId).toBe(start);
  expect(created.PreviousContactId).toBeUndefined();
});

test.describe("in the browser's own time zone", () => {
  test.use({ timezoneId: "Asia/Tokyo" });

  test("the reschedule form and the composer start in the browser's zone", async ({ page }) => {
    const local = wallClock("Asia/Tokyo", 2, "10:00");
    const contactId = await createTaskInConsole(page, {
      name: unique("Tokyo call"),
      schedule: { local, timeZone: "Asia/Tokyo" },
    });
    await page.goto(`/tasks/${contactId}`);
    const change = changeRegion(page);
    await expect(change.getByLabel("Time zone")).toHaveValue("Asia/Tokyo");
    await expect(change.getByLabel("New date and time")).toHaveValue(local);
    await expect(change.getByRole("group", { name: "Schedule summary" })).toContainText(
      "(Asia/Tokyo)",
    );

    // A new draft starts in the browser's zone too, and the select shows it.
    await page.goto("/tasks/new");
    await page.getByRole("button", { name: "New task" }).click();
    await page.getByRole("button", { name: "Discard draft" }).click();
    await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Tokyo");
  });
});
