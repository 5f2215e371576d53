import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

import type { APIRequestContext, APIResponse, Browser, BrowserContext } from "@playwright/test";

import { DEMO_ACCOUNTS } from "../../lib/demo-accounts";
import { ROLES, type Role } from "../../lib/permissions";
import { CANARIES } from "../../playwright.config";
import { TEST_ENV } from "../../test-support/test-env";
import { expect, expectSignInRecordedFrom, signIn, test , expectSignedInAs} from "../fixtures";
import {
  DIST_DIR,
  listBuiltActions,
  listBuiltPages,
  listBuiltRouteHandlers,
  listStaticFiles,
} from "./build-inventory";
import { callAction, sessionCookieHeader, signedInContext } from "./server-calls";

/**
 * README.md, Security, the first promise (no secret reaches the browser): the build and the server
 * run with canary values for every secret (playwright.config.ts, scripts/test-all.sh); none of them
 * may reach the browser by any road.
 */
const CANARY_ENTRIES = Object.entries(CANARIES);

function canariesIn(text: string): string[] {
  return CANARY_ENTRIES.filter(([, value]) => text.includes(value)).map(([name]) => name);
}

async function leaksOf(response: APIResponse, what: string): Promise<string[]> {
  const headers = JSON.stringify(response.headers());
  const body = await response.text();
  return canariesIn(headers + body).map((name) => `${name} in ${what}`);
}

/**
 * Keeps a role's context signed in across actions that may end the session (sign-out): the
 * sign-in page redirects a signed-in visitor, so a 200 there means the session is gone.
 */
async function keepSignedIn(browser: Browser, role: Role, context: BrowserContext) {
  const probe = await context.request.get("/sign-in", { maxRedirects: 0 });
  if (probe.status() !== 200) return context;
  await context.close();
  return signedInContext(browser, role);
}

test("the server under test runs with the canary secret", async ({ browser }) => {
  // Without canaries every search below would pass vacuously.
  expect(CANARY_ENTRIES.length).toBeGreaterThan(0);
  expect(Object.keys(CANARIES)).toEqual(
    expect.arrayContaining(["BETTER_AUTH_SECRET", "AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID"]),
  );
  // Better Auth signs the session cookie with HMAC-SHA256(secret, token): a signature made with
  // the canary proves the server got the canary values, so the searches below mean something.
  const context = await signedInContext(browser, "support");
  const cookie = decodeURIComponent((await sessionCookieHeader(context)).split("=")[1] ?? "");
  const [token = "", signature = ""] = cookie.split(".");
  const expected = createHmac("sha256", CANARIES.BETTER_AUTH_SECRET ?? "")
    .update(token)
    .digest("base64");
  expect(signature).toBe(expected);
  await context.close();
});

test("no canary appears in any file the browser can download", () => {
  const files = listStaticFiles();
  expect(files.length, `files under ${DIST_DIR}/static`).toBeGreaterThan(0);
  const leaks = files.flatMap((file) =>
    canariesIn(readFileSync(file, "latin1")).map(
      (name) => `${name} in ${path.relative(DIST_DIR, file)}`,
    ),
  );
  expect(leaks).toEqual([]);
});

async function pageLeaks(request: APIRequestContext, who: string): Promise<string[]> {
  const leaks: string[] = [];
  for (const url of [...listBuiltPages(), "/no-such-page"]) {
    const html = await request.get(url);
    expect([200, 403, 404], `${who} GET ${url}`).toContain(html.status());
    leaks.push(...(await leaksOf(html, `${who} HTML ${url}`)));
    const rsc = await request.get(url, { headers: { RSC: "1" } });
    expect(rsc.headers()["content-type"], `${who} RSC ${url}`).toContain("text/x-component");
    leaks.push(...(await leaksOf(rsc, `${who} RSC ${url}`)));
  }
  return leaks;
}

test("no canary appears in the HTML or RSC payload of any page, signed out or as any role", async ({
  browser,
  request,
}) => {
  test.slow();
  const leaks = await pageLeaks(request, "anonymous");
  for (const role of ROLES) {
    const context = await signedInContext(browser, role);
    leaks.push(...(await pageLeaks(context.request, role)));
    await context.close();
  }
  expect(leaks).toEqual([]);
});

test("no canary appears in the answer of any server action or route handler, for any caller", async ({
  browser,
  request,
}) => {
  test.slow();
  const actions = listBuiltActions();
  const routes = listBuiltRouteHandlers();
  const leaks: string[] = [];
  for (const action of actions) {
    const answer = await callAction(request, action);
    leaks.push(
      ...canariesIn(JSON.stringify(answer.headers) + answer.text).map(
        (n) => `${n} in anonymous ${action.label}`,
      ),
    );
  }
  for (const route of routes)
    leaks.push(...(await leaksOf(await request.get(route.urlPath), `anonymous ${route.urlPath}`)));

  for (const role of ROLES) {
    let context = await signedInContext(browser, role);
    for (const action of actions) {
      // Called with an empty input: allowed roles get a validation answer (or, for an action
      // that takes none, its real answer), which is where a leak would show.
      const answer = await callAction(context.request, action);
      leaks.push(
        ...canariesIn(JSON.stringify(answer.headers) + answer.text).map(
          (name) => `${name} in ${role} ${action.label}`,
        ),
      );
      if (answer.result?.ok) context = await keepSignedIn(browser, role, context);
    }
    for (const route of routes) {
      const response = await context.request.get(route.urlPath);
      leaks.push(...(await leaksOf(response, `${role} ${route.urlPath}`)));
    }
    await context.close();
  }
  expect(leaks).toEqual([]);
});

test("no canary reaches the browser on the sign-in page, through a failed and a good sign-in", async ({
  page,
  clientIp,
}) => {
  const bodies: Promise<string>[] = [];
  page.on("response", (response) => {
    if (!response.url().startsWith(TEST_ENV.consoleUrl)) return;
    bodies.push(
      response
        .body()
        .then((body) => JSON.stringify(response.headers()) + body.toString("latin1"))
        .catch(() => ""),
    );
  });
  await signIn(page, `no-account-${Date.now()}@example.org`, "wrong-password-123");
  await expect(page.getByRole("status", { name: "Sign-in status" })).toContainText(
    "The email or password is not right.",
  );
  const { email, password } = DEMO_ACCOUNTS.support;
  await signIn(page, email, password);
  await expectSignedInAs(page, DEMO_ACCOUNTS.support.name);
  await expectSignInRecordedFrom(page, email, clientIp);
  const texts = await Promise.all(bodies);
  expect(texts.length).toBeGreaterThan(3);
  expect(texts.flatMap(canariesIn)).toEqual([]);
});
