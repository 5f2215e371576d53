import type { APIRequestContext } from "@playwright/test";

import { ROLES } from "../../lib/permissions";
import { expect, test } from "../fixtures";
import { createUserViaUi, disableUserViaUi } from "./admin-users";
import {
  type BuiltAction,
  listBuiltActions,
  listBuiltRouteHandlers,
  listSourceActions,
  listSourceRouteHandlers,
} from "./build-inventory";
import {
  PUBLIC_ACTIONS,
  callAction,
  isPermission,
  rolesWithout,
  sessionCookieHeader,
  signedInContext,
} from "./server-calls";

/**
 * README.md, Security, the session-and-permission promise: every server action and route handler of
 * the build refuses a caller without a session and a role without the permission, before doing
 * anything. The lists come from the build's manifests, never from a hand-picked sample.
 */
const actions = listBuiltActions();
const guardedActions = actions.filter((action) => !PUBLIC_ACTIONS.has(action.label));
const routes = listBuiltRouteHandlers();
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** What each guarded action answers an anonymous caller: its code and required permission. */
async function anonymousAnswers(request: APIRequestContext) {
  const answers: Record<string, { code?: string; requiredPermission?: string }> = {};
  for (const action of guardedActions) {
    const { result } = await callAction(request, action);
    answers[action.label] = { code: result?.code, requiredPermission: result?.requiredPermission };
  }
  return answers;
}

async function routeAnswers(request: APIRequestContext, urlPath: string) {
  const answers: { method: string; status: number; body: Record<string, unknown> | null }[] = [];
  for (const method of METHODS) {
    const response = await request.fetch(urlPath, { method, maxRedirects: 0 });
    const isJson = (response.headers()["content-type"] ?? "").includes("application/json");
    answers.push({
      method,
      status: response.status(),
      body: isJson ? ((await response.json()) as Record<string, unknown>) : null,
    });
  }
  // 405: the handler does not export that method, so there is nothing to protect.
  return answers.filter((answer) => answer.status !== 405);
}

test("the enumeration finds every action and route handler of the source tree", () => {
  const built = new Set(actions.map((action) => action.label));
  const source = listSourceActions();
  expect(source.length, 'the source has "use server" modules').toBeGreaterThan(0);
  // A "use server" export missing from the manifest means the manifest format changed (or the
  // action is unused): either way the checks below would not cover it.
  expect(source.filter((label) => !built.has(label))).toEqual([]);
  expect(actions.length).toBeGreaterThanOrEqual(source.length);
  for (const label of PUBLIC_ACTIONS) expect(built, `public action ${label}`).toContain(label);

  expect(routes.map((route) => route.appPath)).toEqual(listSourceRouteHandlers());
});

test("every server action refuses an anonymous caller and names the permission it needs", async ({
  request,
}) => {
  const answers = await anonymousAnswers(request);
  expect(answers).toEqual(
    Object.fromEntries(
      guardedActions.map((action) => [
        action.label,
        { code: "UNAUTHENTICATED", requiredPermission: expect.any(String) },
      ]),
    ),
  );
  for (const [label, answer] of Object.entries(answers))
    expect(isPermission(answer.requiredPermission), `${label} names a real permission`).toBe(true);
});

test("the public sign-in action refuses bad credentials without creating a session", async ({
  request,
  clientIp,
}) => {
  const signIn = actions.find((action) => PUBLIC_ACTIONS.has(action.label));
  expect(signIn, "the sign-in action is in the build").toBeDefined();
  const action = signIn as BuiltAction;
  const email = `nobody-${Date.now()}@example.org`;

  const bad = await callAction(request, action, [{ email, password: "not-the-password" }], {
    "x-real-ip": clientIp,
  });
  expect(bad.result).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  expect(bad.headers["set-cookie"] ?? "").not.toContain("session_token");
  const invalid = await callAction(request, action, [{ email: "not-an-email" }], {
    "x-real-ip": clientIp,
  });
  expect(invalid.result).toMatchObject({ ok: false, code: "INVALID_INPUT" });

  // Nothing was signed in: the console still sends this caller to the sign-in page.
  const home = await request.get("/", { maxRedirects: 0 });
  expect(home.status()).toBe(307);
  expect(home.headers().location).toMatch(/\/sign-in$/);
});

test("every server action refuses each role that lacks its permission", async ({
  browser,
  request,
}) => {
  test.slow();
  const required = await anonymousAnswers(request);
  const expected: Record<string, unknown> = {};
  const actual: Record<string, unknown> = {};
  for (const role of ROLES) {
    const targets = guardedActions.filter((action) => {
      const permission = required[action.label]?.requiredPermission;
      return isPermission(permission) && rolesWithout(permission).includes(role);
    });
    if (targets.length === 0) continue;
    const context = await signedInContext(browser, role);
    for (const action of targets) {
      const key = `${role} → ${action.label}`;
      const requiredPermission = required[action.label]?.requiredPermission;
      expected[key] = { code: "FORBIDDEN", requiredPermission };
      const { result } = await callAction(context.request, action);
      actual[key] = { code: result?.code, requiredPermission: result?.requiredPermission };
    }
    await context.close();
  }
  // Admin actions exist, so at least the three other roles were tried against something.
  expect(Object.keys(expected).length).toBeGreaterThan(0);
  expect(actual).toEqual(expected);
});

test("a disabled user is refused by every action and route handler, even with its old session", async ({
  browser,
  request,
}) => {
  test.slow();
  // Covers the permissions every role holds (session.own, task.create...), which no role lacks.
  const admin = await signedInContext(browser, "admin");
  const adminPage = await admin.newPage();
  const user = await createUserViaUi(adminPage, "support");
  const context = await signedInContext(browser, user);
  const cookie = await sessionCookieHeader(context);
  // The session works before the account is disabled, so the refusals below are not vacuous.
  const before = await context.request.get("/", { maxRedirects: 0 });
  expect(before.status()).toBe(200);

  await disableUserViaUi(adminPage, user);

  // Replayed from the cookie-less request fixture: only the disabled user's old cookie is sent.
  const replay = { Cookie: cookie };
  const actual: Record<string, unknown> = {};
  for (const action of guardedActions) {
    const { result } = await callAction(request, action, [{}], replay);
    actual[action.label] = result?.code;
  }
  expect(actual).toEqual(
    Object.fromEntries(guardedActions.map((action) => [action.label, "UNAUTHENTICATED"])),
  );
  for (const route of routes) {
    const response = await request.get(route.urlPath, {
      headers: replay,
      maxRedirects: 0,
    });
    expect(response.status(), `GET ${route.urlPath}`).toBe(401);
  }
  await context.close();
  await admin.close();
});

test("every route handler refuses an anonymous caller, for every method it answers", async ({
  request,
}) => {
  test.info().annotations.push({
    type: "route handlers",
    description: routes.map((route) => route.urlPath).join(", ") || "none in this build",
  });
  for (const route of routes) {
    const answers = await routeAnswers(request, route.urlPath);
    expect(answers.length, `${route.urlPath} answers at least one method`).toBeGreaterThan(0);
    for (const answer of answers) {
      expect(answer, `${answer.method} ${route.urlPath}`).toMatchObject({
        status: 401,
        body: { ok: false, code: "UNAUTHENTICATED", requiredPermission: expect.any(String) },
      });
    }
  }
});

test("every route handler refuses each role that lacks its permission", async ({
  browser,
  request,
}) => {
  for (const route of routes) {
    const anonymous = await routeAnswers(request, route.urlPath);
    for (const answer of anonymous) {
      const permission = answer.body?.requiredPermission;
      expect(isPermission(permission), `${answer.method} ${route.urlPath}`).toBe(true);
      if (!isPermission(permission)) continue;
      for (const role of rolesWithout(permission)) {
        const context = await signedInContext(browser, role);
        const response = await context.request.fetch(route.urlPath, {
          method: answer.method,
          maxRedirects: 0,
        });
        expect(response.status(), `${role}: ${answer.method} ${route.urlPath}`).toBe(403);
        expect(await response.json()).toMatchObject({
          code: "FORBIDDEN",
          requiredPermission: permission,
        });
        await context.close();
      }
    }
  }
});
