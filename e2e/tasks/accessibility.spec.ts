import { AxeBuilder } from "@axe-core/playwright";

import { expect, test } from "../fixtures";
import { choose, createdContactId, describeTask, openEmptyComposer, unique } from "./composer";

/** The composer works with a keyboard alone, and axe finds nothing to fix. */
test.use({ role: "supervisor" });

test("a simple task composed with the keyboard only", async ({ page }) => {
  await openEmptyComposer(page);
  await page.reload();
  const tabTo = async (isTarget: () => Promise<boolean>, limit = 120) => {
    for (let i = 0; i < limit && !(await isTarget()); i++) await page.keyboard.press("Tab");
    expect(await isTarget()).toBe(true);
  };
  const focusedIs = (id: string) => () =>
    page.evaluate((target) => document.activeElement?.id === target, id);

  await tabTo(focusedIs("field-name"));
  const name = unique("Keyboard task");
  await page.keyboard.type(name);
  await tabTo(focusedIs("field-contactFlowId"));
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("listbox", { name: "Choose a flow" })).toBeVisible();
  await page.keyboard.press("ArrowDown");
  const flow = page.getByRole("combobox", { name: "Choose a flow" });
  const activeId = (await flow.getAttribute("aria-activedescendant")) ?? "";
  const active = page.locator(`[id="${activeId}"] span`).first();
  const flowName = (await active.textContent()) ?? "";
  expect(flowName).not.toBe("");
  await page.keyboard.press("Enter");
  await expect(flow).toHaveValue(flowName);
  await tabTo(() => page.evaluate(() => document.activeElement?.textContent === "Create task"));
  await page.keyboard.press("Enter");
  const contactId = await createdContactId(page);
  expect((await describeTask(contactId)).Name).toBe(name);
});

test("axe finds no accessibility violations on the composer", async ({ page }) => {
  // Two axe passes over the whole composer: seconds of CPU each, many more on a busy machine.
  test.slow();
  await openEmptyComposer(page);
  await page.getByRole("button", { name: "Add reference" }).click();
  await page.getByRole("button", { name: "Add attribute" }).click();
  await page.getByRole("radio", { name: "Schedule" }).check();
  await page.getByRole("radio", { name: "Previous contact" }).check();
  await page.getByRole("radio", { name: "Template" }).check();
  await choose(page, "Choose a template", "Refund", "Refund review");
  await expect(page.getByRole("region", { name: "Template fields: Refund review" })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations).toEqual([]);

  const flow = page.getByRole("combobox", { name: "Choose a template" });
  await flow.focus();
  await page.keyboard.press("ArrowDown");
  const open = await new AxeBuilder({ page }).analyze();
  expect(open.violations).toEqual([]);
});
