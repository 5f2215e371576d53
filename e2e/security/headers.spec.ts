import { statSync } from "node:fs";
import path from "node:path";

import type { APIResponse } from "@playwright/test";

import { expect, test } from "../fixtures";
import {
  DIST_DIR,
  listBuiltActions,
  listBuiltMetadataRoutes,
  listBuiltRouteHandlers,
  listStaticFiles,
} from "./build-inventory";
import { PUBLIC_ACTIONS, callAction, signedInContext } from "./server-calls";

/**
 * README.md, Security, the security-headers promise: security headers on every response, a nonce
 * CSP on every page.
 */
function expectBaseHeaders(headers: Record<string, string>, what: string) {
  expect(headers["x-content-type-options"], `nosniff on ${what}`).toBe("nosniff");
  expect(headers["referrer-policy"], `Referrer-Policy on ${what}`).toBe(
    "strict-origin-when-cross-origin",
  );
  const csp = headers["content-security-policy"] ?? "";
  const refusesFraming =
    headers["x-frame-options"] === "DENY" || /frame-ancestors 'none'/.test(csp);
  expect(refusesFraming, `X-Frame-Options or frame-ancestors on ${what}`).toBe(true);
  expect(headers["x-powered-by"], `no X-Powered-By on ${what}`).toBeUndefined();
  // Plain http: HSTS would be ignored by browsers and wrong behind no TLS.
  expect(headers["strict-transport-security"], `no HSTS over http on ${what}`).toBeUndefined();
}

function directives(csp: string): Map<string, string> {
  return new Map(
    csp
      .split(";")
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name = "", ...values] = part.split(/\s+/);
        return [name, values.join(" ")] as const;
      }),
  );
}

/** The CSP nonce of an HTML response, after checking the policy's required directives. */
function expectNonceCsp(response: APIResponse, what: string): string {
  const csp = response.headers()["content-security-policy"] ?? "";
  const policy = directives(csp);
  expect(policy.get("object-src"), `${what}: ${csp}`).toBe("'none'");
  expect(policy.get("base-uri"), `${what}: ${csp}`).toBe("'none'");
  expect(policy.get("frame-ancestors"), `${what}: ${csp}`).toBe("'none'");
  expect(policy.get("form-action"), `${what}: ${csp}`).toBe("'self'");
  const scriptSrc = policy.get("script-src") ?? "";
  expect(scriptSrc, `${what}: no unsafe-inline/eval scripts`).not.toMatch(/unsafe-(?:inline|eval)/);
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptSrc)?.[1];
  expect(nonce, `${what}: script-src carries a nonce`).toBeTruthy();
  return nonce ?? "";
}

/** Every <script> of the page carries the request's nonce, or the CSP would block it. */
function expectScriptsCarry(html: string, nonce: string, what: string) {
  const scripts = [...html.matchAll(/<script\b([^>]*)>/gi)].map((match) => match[1] ?? "");
  expect(scripts.length, `${what} has scripts`).toBeGreaterThan(0);
  const without = scripts.filter((attributes) => !attributes.includes(`nonce="${nonce}"`));
  expect(without, `${what}: scripts without the nonce`).toEqual([]);
}

test("pages are served with a fresh nonce CSP that every script of the page carries", async ({
  request,
  browser,
}) => {
  const nonces = new Set<string>();
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const response = await request.get("/sign-in");
    expect(response.status()).toBe(200);
    expectBaseHeaders(response.headers(), "/sign-in");
    const nonce = expectNonceCsp(response, "/sign-in");
    expectScriptsCarry(await response.text(), nonce, "/sign-in");
    nonces.add(nonce);
  }
  expect(nonces.size, "a different nonce per request").toBe(2);

  const context = await signedInContext(browser, "admin");
  const response = await context.request.get("/");
  expect(response.status()).toBe(200);
  expectBaseHeaders(response.headers(), "/ (signed in)");
  const nonce = expectNonceCsp(response, "/ (signed in)");
  expect(nonces.has(nonce)).toBe(false);
  expectScriptsCarry(await response.text(), nonce, "/ (signed in)");
  await context.close();
});

test("every kind of response carries the security headers", async ({ request }) => {
  const checked: string[] = [];
  const check = async (
    url: string,
    init: { status: number; headers?: Record<string, string>; follow?: boolean },
  ) => {
    const response = await request.get(url, {
      headers: init.headers,
      maxRedirects: init.follow ? 5 : 0,
    });
    expect(response.status(), url).toBe(init.status);
    expectBaseHeaders(response.headers(), url);
    checked.push(url);
    return response;
  };

  const anonymousHome = await check("/", { status: 307 });
  expect(anonymousHome.headers().location).toMatch(/\/sign-in$/);
  // Next answers a bare RSC request with a redirect to its cache-busting URL first.
  const rsc = await check("/sign-in", { status: 200, headers: { RSC: "1" }, follow: true });
  expect(rsc.headers()["content-type"]).toContain("text/x-component");

  const action = listBuiltActions().find((built) => !PUBLIC_ACTIONS.has(built.label));
  expect(action, "a guarded server action").toBeDefined();
  if (action) {
    const answer = await callAction(request, action);
    expect(answer.result?.code).toBe("UNAUTHENTICATED");
    expectBaseHeaders(answer.headers, `action ${action.label}`);
    checked.push(action.label);
  }

  const chunk = listStaticFiles().find((file) => file.endsWith(".js"));
  expect(chunk, "a built JavaScript chunk").toBeDefined();
  await check(
    `/_next/${path
      .relative(DIST_DIR, chunk ?? "")
      .split(path.sep)
      .join("/")}`,
    {
      status: 200,
    },
  );

  const metadata = listBuiltMetadataRoutes();
  expect(metadata.map((route) => route.urlPath)).toContain("/icon.svg");
  for (const route of metadata) await check(route.urlPath, { status: 200 });

  for (const route of listBuiltRouteHandlers()) await check(route.urlPath, { status: 401 });

  const missing = await check("/no-such-page", { status: 404 });
  expectNonceCsp(missing, "the 404 page");

  // A client cannot switch HSTS on by claiming https: the proxy header is trusted only when the
  // operator says a TLS proxy sets it (TRUST_PROXY_PROTO), which the e2e console does not.
  await check("/sign-in", { status: 200, headers: { "X-Forwarded-Proto": "https" } });
  expect(checked.length).toBeGreaterThanOrEqual(6);
});

/**
 * README.md, Architecture, Submit latency: a server action's answer (a few hundred bytes of
 * Flight) is sent uncompressed even to a client that accepts gzip, while pages and their
 * scripts are compressed as before.
 */
test("a server action answers uncompressed, pages and scripts are gzipped", async ({ request }) => {
  const gzip = { "Accept-Encoding": "gzip, deflate, br" };
  const page = await request.get("/sign-in", { headers: gzip });
  expect(page.status()).toBe(200);
  expect(page.headers()["content-encoding"], "the sign-in page").toBe("gzip");

  const chunk = listStaticFiles()
    .filter((file) => file.endsWith(".js"))
    .map((file) => ({ file, size: statSync(file).size }))
    .sort((a, b) => b.size - a.size)[0];
  expect(chunk, "a built JavaScript chunk").toBeDefined();
  const script = await request.get(
    `/_next/${path
      .relative(DIST_DIR, chunk?.file ?? "")
      .split(path.sep)
      .join("/")}`,
    { headers: gzip },
  );
  expect(script.headers()["content-encoding"], "the largest script").toBe("gzip");

  const action = listBuiltActions().find((built) => !PUBLIC_ACTIONS.has(built.label));
  expect(action, "a guarded server action").toBeDefined();
  if (action) {
    const answer = await callAction(request, action, [{}], gzip);
    expect(answer.result?.code).toBe("UNAUTHENTICATED");
    expect(answer.headers["content-encoding"], `action ${action.label}`).toBeUndefined();
    expectBaseHeaders(answer.headers, `action ${action.label}`);
  }
});
