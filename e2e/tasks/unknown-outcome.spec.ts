import { readFile } from "node:fs/promises";

import type { APIRequestContext } from "@playwright/test";

import { TEST_ENV } from "../../test-support/test-env";
import { expect, test } from "../fixtures";
import {
  choose,
  createdContactId,
  describeTask,
  openEmptyComposer,
  setFaults,
  startTaskCalls,
  taskName,
  unique,
} from "./composer";

/**
 * Connect's answer is lost: the first attempt reaches Connect and is delayed past the console's
 * request timeout (Connect still creates the task when the delay ends), the SDK's two retries
 * fail with 500s. The composer says the outcome is unknown, keeps the draft and its token, and
 * Retry gets the task Connect made: one task, and the audit trail settles the unknown attempt.
 */
test.use({ role: "supervisor" });

/** How often each fault rule has hit so far. */
async function faultHits(request: APIRequestContext): Promise<number[]> {
  const response = await request.get(`${TEST_ENV.connectUrl}/__admin/faults`);
  const { faults } = (await response.json()) as { faults: { hits: number }[] };
  return faults.map((fault) => fault.hits);
}

/** Tasks with this name in the local endpoint's own state. */
async function tasksNamed(name: string): Promise<string[]> {
  const state = JSON.parse(await readFile(TEST_ENV.connectStateFile, "utf8")) as {
    contacts: Record<string, { Name?: string }>;
  };
  return Object.entries(state.contacts)
    .filter(([, contact]) => contact.Name === name)
    .map(([id]) => id);
}

test("a lost answer is 'outcome unknown'; Retry keeps the token and gets the one task Connect made", async ({
  page,
  request,
}) => {
  // The console waits 10 s per attempt; the delayed attempt and two retries take about 12 s.
  test.setTimeout(120_000);
  await openEmptyComposer(page);
  const name = unique("Lost answer");
  await taskName(page).fill(name);
  await choose(page, "Choose a flow", "General", "General tasks");
  const token = await page.getByLabel("Client token").inputValue();

  await setFaults(request, [
    {
      kind: "delay",
      operations: ["StartTaskContact"],
      clientTokens: [token],
      delayMs: 12_000,
      count: 1,
    },
  ]);
  try {
    await page.getByRole("button", { name: "Create task" }).click();
    // Attempt 1 is at Connect, held past the timeout; the retries that follow get 500s.
    await expect.poll(() => faultHits(request)).toEqual([1]);
    await setFaults(request, [
      { kind: "internal", operations: ["StartTaskContact"], clientTokens: [token], count: 2 },
    ]);

    const problems = page.getByRole("alert", { name: "Submit problems" });
    await expect(problems).toContainText(
      "Outcome unknown: Amazon Connect did not confirm whether the task was created.",
      { timeout: 60_000 },
    );
    await expect(problems).toContainText(
      "Retrying is safe: your draft keeps its client token, so Connect returns the same task instead of creating a second one.",
    );
    await expect(problems).not.toContainText("nothing was created");
    await expect(taskName(page)).toHaveValue(name);
    await expect(page.getByLabel("Client token")).toHaveValue(token);

    // Connect created the task when the delay ended, though the console never heard of it.
    await expect
      .poll(async () => (await startTaskCalls(request, token)).map((call) => call.status).sort())
      .toEqual([200, 500, 500]);
    await setFaults(request, []);
    const [made] = await tasksNamed(name);
    expect(made).toMatch(/^[0-9a-f-]{36}$/);

    await problems.getByRole("button", { name: "Retry" }).click();
    const contactId = await createdContactId(page);
    expect(contactId).toBe(made);
    expect((await describeTask(contactId)).Name).toBe(name);
    expect(await tasksNamed(name)).toEqual([made]);
    const calls = await startTaskCalls(request, token);
    expect(calls.map((call) => call.status).sort()).toEqual([200, 200, 500, 500]);

    // The audit trail: the unknown attempt settled by the retry, and the retry's success.
    await page.goto(`/audit?action=task.start&q=${token}`);
    const rows = page.getByRole("table").locator("tbody").getByRole("row");
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: "Success" })).toHaveCount(2);
    const settled = rows.filter({
      hasText: "Settled: a later attempt with the same ClientToken succeeded.",
    });
    await expect(settled).toHaveCount(1);
    await expect(settled).toContainText(contactId);
    await expect(settled).toContainText("InternalServiceException");
    await page.goto(`/audit?action=task.start&outcome=unknown&q=${token}`);
    await expect(page.getByRole("status").filter({ hasText: "match" })).toHaveText(
      "No audit events match these filters.",
    );
  } finally {
    await setFaults(request, []);
  }
});
