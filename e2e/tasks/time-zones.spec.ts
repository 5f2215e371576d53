import type { Page } from "@playwright/test";

import { isValidTimeZone } from "../../lib/task/zoned-time";
import { expect, test } from "../fixtures";
import { openEmptyComposer } from "./composer";

/**
 * The zones a browser reports and lists (the composer offers "UTC" and the browser's list) are
 * zones the server accepts, spelled exactly. Debian's Chromium, like Node, reports the names ICU
 * keeps ("Asia/Calcutta" for Asia/Kolkata); other browsers report the current IANA names.
 */
const ZONES = [
  "Asia/Kolkata",
  "Europe/Kyiv",
  "America/Nuuk",
  "Asia/Ho_Chi_Minh",
  "Asia/Kathmandu",
  "Asia/Tokyo",
  "Europe/Berlin",
  "America/Argentina/Buenos_Aires",
  "Etc/UTC",
];

// The composer tests open it as a supervisor, from the stored session.
test.use({ role: "supervisor" });

test("every zone the browser reports or lists is accepted by the server", async ({ browser }) => {
  const reported: string[] = [];
  let listed: string[] = [];
  for (const timezoneId of ZONES) {
    const context = await browser.newContext({ timezoneId });
    const page = await context.newPage();
    reported.push(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone));
    // What the composer asks first (lib/task/zoned-time.ts currentTimeZone), where it exists.
    const temporal = await page.evaluate(() => {
      const now = (globalThis as { Temporal?: { Now: { timeZoneId: () => string } } }).Temporal
        ?.Now;
      return now ? now.timeZoneId() : null;
    });
    if (temporal !== null) reported.push(temporal);
    listed = await page.evaluate(() => Intl.supportedValuesOf("timeZone"));
    await context.close();
  }
  expect(listed.length).toBeGreaterThan(300);
  const offered = ["UTC", ...listed];
  expect(reported.filter((zone) => !isValidTimeZone(zone))).toEqual([]);
  expect(offered.filter((zone) => !isValidTimeZone(zone))).toEqual([]);
  // The current names are accepted too, for browsers that report them.
  expect(ZONES.filter((zone) => zone !== "Etc/UTC" && !isValidTimeZone(zone))).toEqual([]);
});

/** The options the composer's zone select ends with: UTC, then the browser's list. */
const browserZoneCount = (page: Page) =>
  page.evaluate(
    () => 1 + Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC").length,
  );

test("the composer's zone select lists every zone of the browser once the page has started", async ({
  page,
}) => {
  await openEmptyComposer(page);
  const zone = page.getByLabel("Time zone");
  // They arrive while the browser is idle, without anyone touching the select.
  await expect(zone.locator("option")).toHaveCount(await browserZoneCount(page));
  await zone.selectOption("Asia/Tokyo");
  await expect(zone).toHaveValue("Asia/Tokyo");
});

test("a zone select focused before its list arrived lists every zone at once", async ({ page }) => {
  // No idle time ever: the list can only come from the focus.
  await page.addInitScript(() => {
    window.requestIdleCallback = () => 0;
  });
  await openEmptyComposer(page);
  const zone = page.getByLabel("Time zone");
  await expect(zone.locator("option")).toHaveCount(1);
  await zone.focus();
  await expect(zone.locator("option")).toHaveCount(await browserZoneCount(page));
});
