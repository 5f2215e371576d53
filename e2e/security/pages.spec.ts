import type { APIRequestContext } from "@playwright/test";

import { DEMO_IDS, demoSeed } from "../../connect-local/seed/demo";
import { DEMO_ACCOUNTS } from "../../lib/demo-accounts";
import { TEST_ENV } from "../../test-support/test-env";
import { expect, test } from "../fixtures";
import { listBuiltPageRoutes } from "./build-inventory";
import { rscGet, stateAbovePage } from "./router-state";
import { signedInContext } from "./server-calls";

/**
 * Every page checks the session itself before it loads anything. The console layout's check
 * alone does not protect a page: Next renders a page beside its layout (a plain GET streams the
 * page's payload behind the layout's redirect), and renders it without the layout when the
 * client router says the layout is already on screen. Pages come from the build's manifest.
 */
const pages = listBuiltPageRoutes();

/** What the console knows that a signed-out visitor must never see. */
function consoleData(): string[] {
  const values = new Set<string>();
  const collect = (value: unknown) => {
    if (typeof value === "string") values.add(value);
    else if (value && typeof value === "object") Object.values(value).forEach(collect);
  };
  collect(DEMO_IDS);
  for (const entry of demoSeed(Date.now() / 1000).instances) {
    values.add(entry.instance.InstanceAlias);
    for (const named of [...entry.flows, ...entry.quickConnects, ...entry.taskTemplates])
      values.add(named.Name);
    for (const user of entry.users) values.add(user.Username);
  }
  for (const user of Object.values(DEMO_ACCOUNTS)) {
    values.add(user.email);
    values.add(user.name);
  }
  values.add(TEST_ENV.connectUrl);
  values.add(new URL(TEST_ENV.connectUrl).host);
  return [...values];
}

async function connectClock(request: APIRequestContext): Promise<number> {
  const response = await request.get(`${TEST_ENV.connectUrl}/__admin/clock`);
  return ((await response.json()) as { now: number }).now;
}

async function connectCallsSince(request: APIRequestContext, since: number): Promise<string[]> {
  const response = await request.get(`${TEST_ENV.connectUrl}/__admin/requests`);
  const { requests } = (await response.json()) as {
    requests: { operation: string; at: number }[];
  };
  return requests.filter((entry) => entry.at >= since).map((entry) => entry.operation);
}

test("the sweep covers every page of the build, the public sign-in page among them", () => {
  const urls = pages.map((page) => page.urlPath);
  expect(urls).toEqual(expect.arrayContaining(["/", "/sign-in", "/tasks", "/tasks/sample"]));
  for (const page of pages)
    expect(stateAbovePage(page.appPath)[0], `${page.appPath} starts at the root`).toBe("");
});

test("the crafted router state makes Next render a page without the console layout", async ({
  browser,
}) => {
  // Signed in, so both renders succeed: the header (layout) names the user, the overview (page)
  // names the instances. Without this, an empty anonymous answer could mean the header was ignored.
  const context = await signedInContext(browser, "support");
  const overview = pages.find((page) => page.urlPath === "/");
  expect(overview, "the overview is in the build").toBeDefined();
  const whole = await (await rscGet(context.request, "/", null)).text();
  expect(whole).toContain(DEMO_ACCOUNTS.support.name);
  expect(whole).toContain("northwind-support");
  const pageOnly = await rscGet(context.request, "/", stateAbovePage(overview?.appPath ?? ""));
  expect(pageOnly.status()).toBe(200);
  const body = await pageOnly.text();
  expect(body).toContain("northwind-support");
  expect(body, "the console layout (site header) was not rendered").not.toContain(
    DEMO_ACCOUNTS.support.name,
  );
  await context.close();
});

test("no page answers a signed-out visitor with console data, and none calls Connect", async ({
  request,
}) => {
  const secrets = consoleData();
  const leaksIn = (text: string, what: string) =>
    secrets.filter((secret) => text.includes(secret)).map((secret) => `${secret} in ${what}`);
  const since = await connectClock(request);
  const leaks: string[] = [];
  for (const page of pages) {
    const plain = await request.get(page.urlPath, { maxRedirects: 0 });
    if (page.urlPath === "/sign-in") expect(plain.status(), "GET /sign-in").toBe(200);
    else {
      expect(plain.status(), `GET ${page.urlPath}`).toBe(307);
      expect(plain.headers().location, `GET ${page.urlPath}`).toMatch(/\/sign-in$/);
    }
    leaks.push(...leaksIn(await plain.text(), `GET ${page.urlPath}`));

    const pageOnly = await rscGet(request, page.urlPath, stateAbovePage(page.appPath));
    expect(pageOnly.status(), `RSC ${page.urlPath}`).toBeLessThan(500);
    leaks.push(...leaksIn(await pageOnly.text(), `page-only RSC ${page.urlPath}`));
  }
  expect(leaks).toEqual([]);
  expect(await connectCallsSince(request, since)).toEqual([]);
});
