import { DEMO_IDS, instanceArn } from "../../connect-local/seed/demo";
import { expect, test } from "../fixtures";
import {
  addReference,
  taskName,
  attributesOf,
  choose,
  describeTask,
  openEmptyComposer,
  referencesOf,
  previewRequest,
  startTaskCalls,
  startTaskThroughSdk,
  submitTask,
  unique,
} from "./composer";

/**
 * The task composer end to end: what a supervisor composes in the browser must land in the local
 * Connect exactly as previewed, read back through the real SDK. The browser runs in Berlin time,
 * so DATE references and schedules are checked against a zone that is not UTC.
 */
test.use({ role: "supervisor", timezoneId: "Europe/Berlin" });

const BRUNO_ARN = `${instanceArn(DEMO_IDS.instanceId)}/agent/${DEMO_IDS.users[1]}`;

test("a flow task with references of each type, attributes, expiry and creator", async ({
  page,
}) => {
  await openEmptyComposer(page);
  const name = unique("Check invoice");
  await taskName(page).fill(name);
  await page.getByLabel("Description").fill("Customer says they were charged twice.");
  await choose(page, "Choose a flow", "General", "General tasks");

  await addReference(page, 1, {
    name: "Invoice",
    type: "URL",
    value: "https://billing.example/i/42",
  });
  await addReference(page, 2, { name: "Amount", type: "NUMBER", value: "42.50" });
  await addReference(page, 3, { name: "Customer", type: "STRING", value: "Ada  Lovelace" });
  await addReference(page, 4, { name: "Due", type: "DATE", value: "2026-12-01T10:30" });
  await addReference(page, 5, { name: "Contact email", type: "EMAIL", value: "ada@example.com" });

  // A mistake is shown next to the field as it is typed, and fixed in place.
  const amount = page.getByRole("group", { name: "Reference 2" }).getByLabel("Value");
  await amount.fill("forty");
  await expect(amount).toHaveAccessibleDescription(/Enter a number/);
  await amount.fill("42.50");
  await expect(amount).not.toHaveAttribute("aria-invalid", "true");

  const paste = page.getByLabel("Paste key=value lines");
  await paste.fill("customerId=C-10442\norderId=O-554120\nnot a pair");
  await page.getByRole("button", { name: "Add pasted lines" }).click();
  await expect(page.getByRole("status", { name: "Pasted lines" })).toContainText(
    "Line 3 not added",
  );
  await expect(paste).toHaveValue("not a pair");
  await paste.fill("");
  await expect(page.getByRole("status", { name: "Attribute size" })).toHaveText(
    "32 / 32,768 bytes",
  );

  await page.getByLabel("Expires after").fill("2");
  await page.getByLabel("Unit").selectOption("hours");
  await expect(page.getByText("= 120 minutes")).toBeVisible();
  await choose(page, "Created by (agent)", "bruno", "bruno.silva");

  const preview = await previewRequest(page);
  expect(preview).toMatchObject({
    InstanceId: DEMO_IDS.instanceId,
    Name: name,
    ContactFlowId: DEMO_IDS.flows.generalTasks,
    Attributes: { customerId: "C-10442", orderId: "O-554120" },
  });
  expect(preview).not.toHaveProperty("QuickConnectId");
  await expect(page.getByRole("figure", { name: "CLI command" })).toContainText(
    `aws connect start-task-contact`,
  );

  const contactId = await submitTask(page);
  const contact = await describeTask(contactId);
  expect(contact.Name).toBe(name);
  expect(contact.Description).toBe("Customer says they were charged twice.");
  expect(contact.Channel).toBe("TASK");
  expect(contact.SegmentAttributes?.["connect:ContactExpiry"]?.ValueMap).toEqual({
    ExpiryDuration: { ValueInteger: 120 },
  });
  expect(contact.SegmentAttributes?.["connect:CreatedByUser"]?.ValueString).toBe(BRUNO_ARN);
  // 10:30 in Berlin on 1 December is 09:30 UTC.
  expect(await referencesOf(contactId)).toEqual({
    Invoice: { type: "URL", value: "https://billing.example/i/42" },
    Amount: { type: "NUMBER", value: "42.50" },
    Customer: { type: "STRING", value: "Ada  Lovelace" },
    Due: { type: "DATE", value: String(Date.UTC(2026, 11, 1, 9, 30) / 1000) },
    "Contact email": { type: "EMAIL", value: "ada@example.com" },
  });
  expect(preview.References).toEqual({
    Invoice: { Type: "URL", Value: "https://billing.example/i/42" },
    Amount: { Type: "NUMBER", Value: "42.50" },
    Customer: { Type: "STRING", Value: "Ada  Lovelace" },
    Due: { Type: "DATE", Value: String(Date.UTC(2026, 11, 1, 9, 30) / 1000) },
    "Contact email": { Type: "EMAIL", Value: "ada@example.com" },
  });
  expect(await attributesOf(contactId)).toEqual({ customerId: "C-10442", orderId: "O-554120" });
  await expect(page.getByRole("link", { name: "Open the task" })).toHaveAttribute(
    "href",
    `/tasks/${contactId}`,
  );
});

test("a quick connect task offers only agents and queues", async ({ page }) => {
  await openEmptyComposer(page);
  const name = unique("Billing question");
  await taskName(page).fill(name);
  await page.getByRole("radio", { name: "Quick connect" }).check();
  const box = page.getByRole("combobox", { name: "Choose a quick connect" });
  await box.fill("Escalation desk");
  await expect(page.getByText("No quick connects match “Escalation desk”.")).toBeVisible();
  await expect(box).toHaveAccessibleDescription(/tasks route only to agents and queues/);
  await choose(page, "Choose a quick connect", "Billing", "Billing queue");

  const preview = await previewRequest(page);
  expect(preview.QuickConnectId).toBe(DEMO_IDS.quickConnects.queueBilling);
  expect(preview).not.toHaveProperty("ContactFlowId");

  const contactId = await submitTask(page);
  expect((await describeTask(contactId)).Name).toBe(name);
});

test("a template task honours required, read-only and invisible fields", async ({ page }) => {
  await openEmptyComposer(page);
  await page.getByRole("radio", { name: "Template" }).check();
  await choose(page, "Choose a template", "Customer", "Customer callback");

  const fields = page.getByRole("region", { name: "Template fields: Customer callback" });
  await expect(taskName(page)).toHaveValue("Call back customer");
  await expect(fields.getByLabel("Case link")).toHaveValue("https://crm.northwind.example/cases");
  await expect(fields.getByLabel("Case link")).toHaveAttribute("readonly", "");
  await expect(fields.getByLabel("Internal score")).toHaveCount(0);
  await expect(fields.getByLabel("Priority")).toHaveValue("Normal");

  await page.getByRole("button", { name: "Create task" }).click();
  const phone = fields.getByLabel("Phone number");
  await expect(phone).toHaveAccessibleDescription(/Required by the template/);
  await expect(page.getByRole("alert", { name: "Submit problems" })).toContainText(
    "Template fields",
  );

  await phone.fill("+4930123456");
  await fields.getByLabel("Priority").selectOption("High");
  const contactId = await submitTask(page);

  const contact = await describeTask(contactId);
  expect(contact.Name).toBe("Call back customer");
  expect(contact.TaskTemplateInfo?.Name).toBe("Customer callback");
  expect(await referencesOf(contactId)).toEqual({
    "Phone number": { type: "STRING", value: "+4930123456" },
    "Case link": { type: "URL", value: "https://crm.northwind.example/cases" },
    Priority: { type: "STRING", value: "High" },
    "Internal score": { type: "NUMBER", value: "50" },
  });
});

test("a template's rules are shown at their fields, with the server's messages", async ({
  page,
  request,
}) => {
  await openEmptyComposer(page);
  const token = await page.getByLabel("Client token").inputValue();
  await page.getByRole("radio", { name: "Template" }).check();
  await choose(page, "Choose a template", "Refund", "Refund review");
  await taskName(page).fill(unique("Refund for order 1182"));
  await page.getByRole("button", { name: "Create task" }).click();

  // The same paths and messages the start action answers for this template
  // (lib/server/tasks/start-task.test.ts): both come from lib/task/template-rules.ts.
  const fields = page.getByRole("region", { name: "Template fields: Refund review" });
  for (const label of ["Amount", "Order date"]) {
    await expect(fields.getByLabel(label)).toHaveAccessibleDescription(
      /Required by the template\./,
    );
  }
  await expect(page.getByRole("alert", { name: "Submit problems" })).toContainText(
    "Template fields",
  );

  // A template without a flow asks for the flow or quick connect it is routed with, where the
  // composer shows it: the template's QUICK_CONNECT field first, a flow when that is chosen.
  await choose(page, "Choose a template", "Field", "Field visit");
  await page.getByRole("button", { name: "Create task" }).click();
  const noFlow = /This template has no flow: choose a flow or a quick connect to route it\./;
  await expect(page.getByRole("combobox", { name: "Assign to" })).toHaveAccessibleDescription(
    noFlow,
  );
  await page.getByRole("radio", { name: "A flow" }).check();
  await page.getByRole("button", { name: "Create task" }).click();
  await expect(
    page.getByRole("combobox", { name: "Flow for this template" }),
  ).toHaveAccessibleDescription(noFlow);
  // The browser stopped each of these submits: nothing reached Connect.
  expect(await startTaskCalls(request, token)).toEqual([]);
});

test("a scheduled task starts when the field said, in the chosen zone", async ({ page }) => {
  await openEmptyComposer(page);
  await taskName(page).fill(unique("Call at nine"));
  await choose(page, "Choose a flow", "Escalations");
  await page.getByRole("radio", { name: "Schedule" }).check();
  await page.getByLabel("Time zone").selectOption("America/New_York");

  const when = page.getByLabel("Date and time");
  await when.fill("2020-01-01T09:15");
  await expect(when).toHaveAccessibleDescription(/This time is in the past/);

  // The day after tomorrow, 09:15 on New York's wall clock.
  const ny = new Intl.DateTimeFormat("en-CA", {
    timeZone: "America/New_York",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  const day = ny.format(new Date(Date.now() + 2 * 86_400_000));
  await when.fill(`${day}T09:15`);
  const summary = page.getByRole("group", { name: "Schedule summary" });
  await expect(summary).toContainText("(America/New_York)");
  await expect(summary).toContainText(/in (1|2) days?/);

  const contactId = await submitTask(page);
  const scheduled = (await describeTask(contactId)).ScheduledTimestamp;
  expect(scheduled).toBeInstanceOf(Date);
  const wall = new Intl.DateTimeFormat("en-CA", {
    timeZone: "America/New_York",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(scheduled);
  expect(wall).toBe(`${day}, 09:15`);
});

test("previous and related links; the 13th link is refused at the field", async ({ page }) => {
  const previous = DEMO_IDS.contacts.voiceBillingCall;
  await openEmptyComposer(page);
  await page.getByRole("radio", { name: "Related contact" }).check();
  await page.getByLabel("Contact id").fill("f6a5b8c7-9999-40c1-8c6d-0e1f2a3b4c99");
  await page.getByRole("button", { name: "Look up" }).click();
  const lookup = page.getByRole("status", { name: "Contact lookup" });
  await expect(lookup).toContainText("No contact with this id");
  await page.getByLabel("Contact id").fill(DEMO_IDS.contacts.chatDeliveryQuestion);
  await page.getByRole("button", { name: "Look up" }).click();
  await expect(lookup).toContainText("chat contact “Where is my parcel?”, started");
  // A scheduled task has not started, though Connect already reports when it was created.
  const later = await startTaskThroughSdk(
    unique("Later"),
    undefined,
    new Date(Date.now() + 7_200_000),
  );
  await page.getByLabel("Contact id").fill(later);
  await page.getByRole("button", { name: "Look up" }).click();
  await expect(lookup).toContainText(
    /task contact “Later.*”, scheduled to start in (1 hour|2 hours)/,
  );
  await expect(lookup).not.toContainText("started");
  await page.getByLabel("Contact id").fill(DEMO_IDS.contacts.chatDeliveryQuestion);
  await taskName(page).fill(unique("Related"));
  await choose(page, "Choose a flow", "General", "General tasks");
  const relatedToken = await page.getByLabel("Client token").inputValue();
  const related = await submitTask(page);
  expect((await describeTask(related)).RelatedContactId).toBe(
    DEMO_IDS.contacts.chatDeliveryQuestion,
  );

  await page.getByRole("button", { name: "Create another" }).click();
  // A confirmed success is the only thing (besides "New task") that makes a new token.
  await expect(page.getByLabel("Client token")).not.toHaveValue(relatedToken);
  await expect(taskName(page)).toHaveValue("");
  await taskName(page).fill(unique("Previous"));
  await choose(page, "Choose a flow", "General", "General tasks");
  await page.getByRole("radio", { name: "Previous contact" }).check();
  await page.getByLabel("Contact id").fill(previous);
  await page.getByRole("button", { name: "Look up" }).click();
  await expect(lookup).toContainText(/\d+ of 12 linked tasks used \(as far as the console knows\)/);
  const first = await submitTask(page);
  expect((await describeTask(first)).PreviousContactId).toBe(previous);

  // A contact that already has twelve linked tasks (made by another tool, straight through the
  // SDK): Connect refuses the 13th, and the console says so at the link field.
  const full = await startTaskThroughSdk(unique("Chain start"));
  for (let i = 1; i <= 12; i++) await startTaskThroughSdk(unique(`Chain link ${i}`), full);
  await page.getByRole("button", { name: "Create another" }).click();
  await taskName(page).fill(unique("Thirteenth"));
  await choose(page, "Choose a flow", "General", "General tasks");
  await page.getByRole("radio", { name: "Previous contact" }).check();
  await page.getByLabel("Contact id").fill(full);
  await page.getByRole("button", { name: "Create task" }).click();
  await expect(page.getByLabel("Contact id")).toHaveAccessibleDescription(
    /already has 12 linked tasks.*related contact instead/,
  );
  await expect(page.getByRole("alert", { name: "Submit problems" })).toContainText("Link");
});
