import { isValidTimeZone } from "../../lib/task/zoned-time";
import { expect, test } from "../fixtures";

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

test("every zone the browser reports or lists is accepted by the server", async ({ browser }) => {
  const reported: string[] = [];
  let listed: string[] = [];
  for (const timezoneId of ZONES) {
    const context = await browser.newContext({ timezoneId });
    const page = await context.newPage();
    reported.push(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone));
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
