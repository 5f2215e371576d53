import { readFile } from "node:fs/promises";

import { DEMO_ACCOUNTS } from "../../lib/demo-accounts";
import { type StorageState, authStatePath } from "../auth-state";
import { expect, test } from "../fixtures";

/**
 * The stored sessions of the setup project (e2e/auth-state.ts) outlive what a spec does to
 * them: a session that was ended (signing out, as the canary spec does as every role) is signed
 * in again at its next use, so no spec depends on the ones before it.
 */
const storedCookie = async () => {
  const state = JSON.parse(await readFile(authStatePath("lead"), "utf8")) as StorageState;
  return state.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
};

test("a stored session a spec ended is signed in again at its next use", async ({
  asRole,
  request,
}) => {
  const first = await asRole("lead");
  await first.goto("/");
  await expect(first.getByLabel("Signed in as")).toContainText(DEMO_ACCOUNTS.lead.name);
  await first.getByRole("button", { name: "Sign out" }).click();
  await expect(first).toHaveURL(/\/sign-in$/);

  // What is stored is now an ended session: the console sends it to the sign-in page.
  const ended = await storedCookie();
  const refused = await request.get("/", { headers: { Cookie: ended }, maxRedirects: 0 });
  expect(refused.status()).toBe(307);

  const second = await asRole("lead");
  await second.goto("/");
  await expect(second.getByLabel("Signed in as")).toContainText(DEMO_ACCOUNTS.lead.name);
  const renewed = await storedCookie();
  expect(renewed).not.toBe(ended);
  const accepted = await request.get("/", { headers: { Cookie: renewed }, maxRedirects: 0 });
  expect(accepted.status()).toBe(200);
});
