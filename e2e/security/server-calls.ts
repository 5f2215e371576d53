import type { APIRequestContext, Browser, BrowserContext } from "@playwright/test";

import { type Permission, ROLES, ROLE_PERMISSIONS, type Role } from "../../lib/permissions";
import { type ActionResultValue, parseActionResult } from "../../test-support/action-client";
import { TEST_ENV } from "../../test-support/test-env";
import { signedInState } from "../auth-state";
import { expectSignedInAs, signIn, uniqueClientIp } from "../fixtures";
import type { BuiltAction } from "./build-inventory";

/**
 * The one action callable without a session (README.md, Security: every action checks the session).
 * Listed, never guessed.
 */
export const PUBLIC_ACTIONS: ReadonlySet<string> = new Set([
  "app/(auth)/sign-in/actions/sign-in.ts#signIn",
]);

export interface ActionAnswer {
  status: number;
  text: string;
  headers: Record<string, string>;
  /** Our ActionResult, as serialised into the RSC stream; null when there is none. */
  result: ActionResultValue | null;
}

/**
 * Calls a server action the way Next's client does (router's fetchServerAction): a POST to a page
 * that bundles it, the id in `Next-Action`, the arguments encoded as a JSON array, a same-origin
 * `Origin` (Next refuses cross-site ones).
 */
export async function callAction(
  request: APIRequestContext,
  action: BuiltAction,
  args: unknown[] = [{}],
  headers: Record<string, string> = {},
): Promise<ActionAnswer> {
  const response = await request.post(action.pagePath, {
    headers: {
      "Next-Action": action.id,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: TEST_ENV.consoleUrl,
      ...headers,
    },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
  const text = await response.text();
  return {
    status: response.status(),
    text,
    headers: response.headers(),
    result: parseActionResult(text),
  };
}

export const rolesWithout = (permission: Permission): Role[] =>
  ROLES.filter((role) => !ROLE_PERMISSIONS[role].includes(permission));

export function isPermission(value: unknown): value is Permission {
  return (
    typeof value === "string" &&
    Object.values(ROLE_PERMISSIONS).some((list) => list.includes(value as Permission))
  );
}

export interface Account {
  email: string;
  password: string;
  name: string;
}

/**
 * A browser context signed in as a demo role (its stored session, e2e/auth-state.ts) or as an
 * account a test made (through the sign-in form), from a client address of its own; its
 * `request` carries the session cookie, which is how the tests call actions and route handlers
 * as that user. The caller closes it.
 */
export async function signedInContext(
  browser: Browser,
  who: Role | Account,
): Promise<BrowserContext> {
  const options = {
    baseURL: TEST_ENV.consoleUrl,
    extraHTTPHeaders: { "x-real-ip": uniqueClientIp() },
  };
  if (typeof who === "string") {
    return browser.newContext({ ...options, storageState: await signedInState(browser, who) });
  }
  const context = await browser.newContext({ ...options, storageState: undefined });
  const page = await context.newPage();
  await signIn(page, who.email, who.password);
  await expectSignedInAs(page, who.name);
  await page.close();
  return context;
}

/** The session cookie as a Cookie header value, for replaying it from another context. */
export async function sessionCookieHeader(context: BrowserContext): Promise<string> {
  const cookies = await context.cookies(TEST_ENV.consoleUrl);
  const session = cookies.filter((cookie) => cookie.name.includes("session_token"));
  if (session.length === 0) throw new Error("The context holds no session cookie");
  return session.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}
