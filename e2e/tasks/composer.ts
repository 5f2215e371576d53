import {
  ConnectClient,
  DescribeContactCommand,
  GetContactAttributesCommand,
  ListContactReferencesCommand,
  StartTaskContactCommand,
} from "@aws-sdk/client-connect";
import type { APIRequestContext, Locator, Page } from "@playwright/test";

import { DEMO_IDS } from "../../connect-local/seed/demo";
import { TEST_ENV } from "../../test-support/test-env";
import { expect } from "../fixtures";

/** Helpers for the composer specs: driving the page, and reading what landed in Connect. */

export const INSTANCE_ID = DEMO_IDS.instanceId;

/** A name no earlier run or test used, so assertions find exactly the task this test made. */
let serial = 0;
export const unique = (label: string) =>
  `${label} ${Date.now().toString(36)}${(serial++).toString(36)}`;

const connect = new ConnectClient({
  endpoint: TEST_ENV.connectUrl,
  region: "us-east-1",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});

/** A task created straight through the SDK, as another tool sharing the instance would. */
export async function startTaskThroughSdk(
  name: string,
  previousContactId?: string,
  scheduledTime?: Date,
): Promise<string> {
  const { ContactId } = await connect.send(
    new StartTaskContactCommand({
      InstanceId: INSTANCE_ID,
      Name: name,
      ContactFlowId: DEMO_IDS.flows.generalTasks,
      ...(previousContactId ? { PreviousContactId: previousContactId } : {}),
      ...(scheduledTime ? { ScheduledTime: scheduledTime } : {}),
    }),
  );
  if (!ContactId) throw new Error("StartTaskContact answered without a ContactId");
  return ContactId;
}

export async function describeTask(contactId: string) {
  const { Contact } = await connect.send(
    new DescribeContactCommand({ InstanceId: INSTANCE_ID, ContactId: contactId }),
  );
  if (!Contact) throw new Error(`No contact ${contactId}`);
  return Contact;
}

/** The task's references as { name: { type, value } }. */
export async function referencesOf(contactId: string) {
  const { ReferenceSummaryList = [] } = await connect.send(
    new ListContactReferencesCommand({
      InstanceId: INSTANCE_ID,
      ContactId: contactId,
      ReferenceTypes: ["URL", "NUMBER", "STRING", "DATE", "EMAIL"],
    }),
  );
  const found: Record<string, { type: string; value: string | undefined }> = {};
  for (const summary of ReferenceSummaryList) {
    const [type, entry] = Object.entries(summary).find(([, v]) => v !== undefined) ?? [];
    const item = entry as { Name?: string; Value?: string } | undefined;
    if (type && item?.Name) found[item.Name] = { type: type.toUpperCase(), value: item.Value };
  }
  return found;
}

export async function attributesOf(contactId: string) {
  const { Attributes } = await connect.send(
    new GetContactAttributesCommand({ InstanceId: INSTANCE_ID, InitialContactId: contactId }),
  );
  return Attributes ?? {};
}

/** StartTaskContact calls the local endpoint saw with this client token. */
export async function startTaskCalls(request: APIRequestContext, clientToken: string) {
  const response = await request.get(
    `${TEST_ENV.connectUrl}/__admin/requests?operation=StartTaskContact`,
  );
  const { requests } = (await response.json()) as {
    requests: { status: number; clientToken?: string }[];
  };
  return requests.filter((entry) => entry.clientToken === clientToken);
}

export async function setFaults(request: APIRequestContext, faults: unknown[]) {
  const response = await request.put(`${TEST_ENV.connectUrl}/__admin/faults`, { data: { faults } });
  expect(response.ok()).toBe(true);
}

/** Opens the composer on a new, empty draft (discarding whatever draft the user had). */
export async function openEmptyComposer(page: Page): Promise<void> {
  await page.goto("/tasks/new");
  await expect(page.getByRole("heading", { name: "New task", level: 1 })).toBeVisible();
  const token = await page.getByLabel("Client token").inputValue();
  await page.getByRole("button", { name: "New task" }).click();
  await page.getByRole("button", { name: "Discard draft" }).click();
  await expect(page.getByLabel("Client token")).not.toHaveValue(token);
  await expect(taskName(page)).toHaveValue("");
}

/** The task's own Name (reference rows have Name fields too). */
export function taskName(page: Page): Locator {
  return page.getByRole("region", { name: "Task", exact: true }).getByLabel("Name");
}

export const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Types into a combobox and clicks the option whose name starts with `option`. */
export async function choose(page: Page, combobox: string, search: string, option = search) {
  const box = page.getByRole("combobox", { name: combobox });
  await box.fill(search);
  await page.getByRole("option", { name: new RegExp(`^${escape(option)}`) }).click();
  await expect(box).toHaveValue(option);
}

export function referenceRow(page: Page, index: number): Locator {
  return page.getByRole("group", { name: `Reference ${index}` });
}

export async function addReference(
  page: Page,
  index: number,
  reference: { name: string; type: string; value: string },
) {
  await page.getByRole("button", { name: "Add reference" }).click();
  const row = referenceRow(page, index);
  await row.getByLabel("Name").fill(reference.name);
  await row.getByLabel("Type").selectOption(reference.type);
  await row.getByLabel("Value").fill(reference.value);
}

export async function previewRequest(page: Page): Promise<Record<string, unknown>> {
  const text = await page
    .getByRole("figure", { name: "Request JSON" })
    .locator("pre")
    .textContent();
  return JSON.parse(text ?? "{}") as Record<string, unknown>;
}

/**
 * Resolves when an autosave whose request carries all of `needles` has been answered: the draft
 * on the server then holds them (earlier saves may still be in flight when it is set up).
 */
export function draftSavedWith(page: Page, ...needles: string[]) {
  return page.waitForResponse((response) => {
    const request = response.request();
    const body = request.postData() ?? "";
    return (
      request.method() === "POST" &&
      request.headers()["next-action"] !== undefined &&
      needles.every((needle) => body.includes(needle))
    );
  });
}

/** Submits and returns the new ContactId from the success view. */
export async function submitTask(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Create task" }).click();
  return createdContactId(page);
}

export async function createdContactId(page: Page): Promise<string> {
  const created = page.getByRole("region", { name: "Task created" });
  await expect(created).toBeVisible();
  const contactId = (await created.locator("code").textContent()) ?? "";
  expect(contactId).toMatch(/^[0-9a-f-]{36}$/);
  return contactId;
}
