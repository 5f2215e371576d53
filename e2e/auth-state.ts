/**
 * One signed-in browser state per demo role, made by e2e/auth.setup.ts through the real sign-in
 * form and reused by every spec that only needs a session (`role` and `asRole` in
 * e2e/fixtures.ts). Specs may end such a session (the canary spec calls the sign-out action as
 * each role): every use checks the stored session first and signs in again when it has ended,
 * so no spec depends on what an earlier one did to it.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

import type { Browser, BrowserContext } from "@playwright/test";

import { signInAs, uniqueClientIp } from "./sign-in";
import type { Role } from "../lib/permissions";
import { TEST_ENV } from "../test-support/test-env";

export type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

export const authStatePath = (role: Role) => path.join(TEST_ENV.authStateDir, `${role}.json`);

/** Signs `role` in through the form, from a client address of its own, and stores the state. */
export async function storeSignedInState(browser: Browser, role: Role): Promise<StorageState> {
  const context = await browser.newContext({
    baseURL: TEST_ENV.consoleUrl,
    // Explicitly signed out: inside a test a new context inherits the test's storage state.
    storageState: undefined,
    extraHTTPHeaders: { "x-real-ip": uniqueClientIp() },
  });
  try {
    await signInAs(await context.newPage(), role);
    const state = await context.storageState();
    const file = authStatePath(role);
    await mkdir(path.dirname(file), { recursive: true });
    // Written whole, then renamed: a reader never sees half a file.
    const partial = `${file}.${process.pid}.tmp`;
    await writeFile(partial, JSON.stringify(state, null, 2));
    await rename(partial, file);
    return state;
  } finally {
    await context.close();
  }
}

async function readState(role: Role): Promise<StorageState | null> {
  try {
    return JSON.parse(await readFile(authStatePath(role), "utf8")) as StorageState;
  } catch {
    // None stored yet (a spec run with --no-deps) or being replaced: sign in afresh.
    return null;
  }
}

/** The sign-in page sends a signed-in visitor on (307) and shows the form (200) to anyone else. */
async function isSignedIn(state: StorageState): Promise<boolean> {
  const cookie = state.cookies.map((entry) => `${entry.name}=${entry.value}`).join("; ");
  const response = await fetch(`${TEST_ENV.consoleUrl}/sign-in`, {
    headers: { cookie },
    redirect: "manual",
  });
  await response.body?.cancel();
  if (response.status === 200) return false;
  if (response.status === 307) return true;
  throw new Error(
    `Checking the stored session of a role: GET /sign-in answered ${response.status}`,
  );
}

/** The stored state of `role`, with a live session (signed in again if it had ended). */
export async function signedInState(browser: Browser, role: Role): Promise<StorageState> {
  const state = await readState(role);
  if (state && (await isSignedIn(state))) return state;
  return storeSignedInState(browser, role);
}
