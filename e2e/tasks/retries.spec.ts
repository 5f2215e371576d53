import { expect, test } from "../fixtures";
import {
  taskName,
  choose,
  createdContactId,
  describeTask,
  draftSavedWith,
  openEmptyComposer,
  setFaults,
  startTaskCalls,
  unique,
} from "./composer";

/**
 * A composed task is created exactly once, whatever happens around the submit: double clicks,
 * Connect throttling, reloads. The console owns the ClientToken, so the local endpoint's request
 * log shows every attempt of a draft under one token.
 */
test.use({ role: "supervisor" });

test("a double click creates one task", async ({ page, request }) => {
  await openEmptyComposer(page);
  await taskName(page).fill(unique("Double click"));
  await choose(page, "Choose a flow", "Billing", "Billing follow-ups");
  const token = await page.getByLabel("Client token").inputValue();

  await page.getByRole("button", { name: "Create task" }).dblclick();
  const contactId = await createdContactId(page);
  expect(await describeTask(contactId)).toMatchObject({ Channel: "TASK" });
  const calls = await startTaskCalls(request, token);
  expect(calls.map((call) => call.status)).toEqual([200]);
});

test("throttling says nothing was created; Retry reuses the token", async ({ page, request }) => {
  await openEmptyComposer(page);
  const name = unique("Busy Connect");
  await taskName(page).fill(name);
  await choose(page, "Choose a flow", "General", "General tasks");
  const token = await page.getByLabel("Client token").inputValue();

  await setFaults(request, [
    // This submit's token only: a background release meanwhile must not use the faults up.
    { kind: "throttle", operations: ["StartTaskContact"], clientTokens: [token], count: 3 },
  ]);
  try {
    await page.getByRole("button", { name: "Create task" }).click();
    const alert = page.getByRole("alert", { name: "Submit problems" });
    await expect(alert).toContainText("Connect is busy, nothing was created. Retry.");
    await expect(taskName(page)).toHaveValue(name);
    await expect(page.getByLabel("Client token")).toHaveValue(token);
    expect((await startTaskCalls(request, token)).map((call) => call.status)).toEqual([
      429, 429, 429,
    ]);

    // The draft survives the failure (the start action keeps it when nothing was created, in
    // the same request: no draft save before the submit): a reload brings it back.
    await page.reload();
    await expect(taskName(page)).toHaveValue(name);
    await expect(page.getByLabel("Client token")).toHaveValue(token);
    await page.getByRole("button", { name: "Create task" }).click();
    const contactId = await createdContactId(page);
    expect((await describeTask(contactId)).Name).toBe(name);
    const calls = await startTaskCalls(request, token);
    expect(calls.map((call) => call.status)).toEqual([429, 429, 429, 200]);
  } finally {
    await setFaults(request, []);
  }
});

test("Retry in the busy message sends the same token again", async ({ page, request }) => {
  await openEmptyComposer(page);
  await taskName(page).fill(unique("Retry button"));
  await choose(page, "Choose a flow", "General", "General tasks");
  const token = await page.getByLabel("Client token").inputValue();
  await setFaults(request, [
    // This submit's token only: a background release meanwhile must not use the faults up.
    { kind: "throttle", operations: ["StartTaskContact"], clientTokens: [token], count: 3 },
  ]);
  try {
    await page.getByRole("button", { name: "Create task" }).click();
    await page
      .getByRole("alert", { name: "Submit problems" })
      .getByRole("button", { name: "Retry" })
      .click();
    await createdContactId(page);
    expect((await startTaskCalls(request, token)).map((call) => call.status)).toEqual([
      429, 429, 429, 200,
    ]);
  } finally {
    await setFaults(request, []);
  }
});

test("a reload keeps the draft", async ({ page }) => {
  await openEmptyComposer(page);
  const name = unique("Kept draft");
  await taskName(page).fill(name);
  await page.getByLabel("Description").fill("Typed before a reload");
  await choose(page, "Choose a flow", "Escalations");
  await page.getByRole("button", { name: "Add attribute" }).click();
  await page.getByRole("group", { name: "Attribute 1" }).getByLabel("Key").fill("ticket");
  const saved = draftSavedWith(page, name, "T-77");
  await page.getByRole("group", { name: "Attribute 1" }).getByLabel("Value").fill("T-77");
  const token = await page.getByLabel("Client token").inputValue();
  await saved;
  await expect(page.getByRole("status", { name: "Draft status" })).toContainText("Draft saved");
  await page.reload();

  await expect(taskName(page)).toHaveValue(name);
  await expect(page.getByLabel("Description")).toHaveValue("Typed before a reload");
  await expect(page.getByRole("combobox", { name: "Choose a flow" })).toHaveValue("Escalations");
  await expect(page.getByRole("group", { name: "Attribute 1" }).getByLabel("Value")).toHaveValue(
    "T-77",
  );
  await expect(page.getByLabel("Client token")).toHaveValue(token);
  await expect(page.getByRole("status", { name: "Draft status" })).toContainText("Draft saved");
});

test("a created task's draft is gone: a reload opens an empty composer", async ({ page }) => {
  await openEmptyComposer(page);
  const name = unique("Created, then reloaded");
  const saved = draftSavedWith(page, name);
  await taskName(page).fill(name);
  await choose(page, "Choose a flow", "General", "General tasks");
  await saved;
  await expect(page.getByRole("status", { name: "Draft status" })).toContainText("Draft saved");
  const token = await page.getByLabel("Client token").inputValue();

  await page.getByRole("button", { name: "Create task" }).click();
  await createdContactId(page);
  // The start action drops the draft once the success is recorded, after its response.
  await page.reload();
  await expect(page.getByRole("heading", { name: "New task", level: 1 })).toBeVisible();
  await expect(taskName(page)).toHaveValue("");
  await expect(page.getByLabel("Client token")).not.toHaveValue(token);
});
