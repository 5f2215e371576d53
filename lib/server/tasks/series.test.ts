/**
 * Recurring tasks below the browser, on both databases: the real start action creates a series
 * whose occurrences are held tasks (a rolling window, each with the ClientToken derived from the
 * series and its instant), the top-up makes the next window exactly once however often it runs
 * (two pools racing on PostgreSQL), an occurrence is released into Connect like any held task,
 * and skip, pause, resume, edit and end act on the held occurrences only, each audited. An edit
 * that changes the timing: series-continue.test.ts. The console's clock is moved, never slept.
 */
import { describe, expect, it, vi } from "vitest";

import { occurrenceClientToken } from "@/lib/schedule/occurrence-token";
import { openDatabase } from "@/lib/server/db/open";
import type { TaskValues } from "@/lib/task/schema";
import { SERIES_WINDOW_DAYS } from "@/lib/task/series";
import { PARIS, seriesFixture } from "@/test-support/series-fixture";
import { DATABASE_BACKENDS, type TestDatabase } from "@/test-support/test-database";

const mocks = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(mocks.headers) }));

const DAY = 86_400_000;

describe.each(DATABASE_BACKENDS)("recurring tasks on %s", (backend) => {
  const f = seriesFixture(mocks, backend);
  const { db, setNow, createWeekly, lead, occurrencesOf, auditOf } = f;

  it("creates a series whose first window of occurrences is held, each at 09:00 Paris with its own token", async () => {
    await setNow(Date.parse("2027-03-10T12:00:00Z"));
    const series = await createWeekly(`Weekly ${backend}`);
    const rows = await occurrencesOf(series.seriesId);
    // A series that never ends: the Mondays within the window ahead, never one beyond it.
    expect(rows.length).toBe(series.occurrences);
    expect(rows.length).toBeGreaterThanOrEqual(Math.floor(SERIES_WINDOW_DAYS / 7));
    for (const row of rows) {
      expect(row.scheduledAt.getTime()).toBeLessThan(f.now() + SERIES_WINDOW_DAYS * DAY);
      const paris = new Intl.DateTimeFormat("en-GB", {
        timeZone: PARIS,
        weekday: "short",
        hour: "2-digit",
        minute: "2-digit",
      }).format(row.scheduledAt);
      // Across the change to summer time on 28 March: still Monday 09:00 in Paris.
      expect(paris).toBe("Mon 09:00");
      expect(row.clientToken).toBe(occurrenceClientToken(series.seriesId, row.occurrenceAt!));
      expect(row.state).toBe("held");
    }
    expect(rows[0]!.scheduledAt.toISOString()).toBe("2027-03-15T08:00:00.000Z");
    expect(rows.some((row) => row.scheduledAt.toISOString() === "2027-03-29T07:00:00.000Z")).toBe(
      true,
    );
    expect((await auditOf("series.create", series.seriesId)).map((r) => r.outcome)).toEqual([
      "success",
    ]);
  });

  it("tops the window up exactly once, however often and from however many processes", async () => {
    await setNow(Date.parse("2027-05-03T12:00:00Z"));
    const series = await createWeekly(`Top-up ${backend}`);
    const first = (await occurrencesOf(series.seriesId)).length;
    await setNow(f.now() + 21 * DAY);
    const url = (f.harness.opened as TestDatabase).url;
    const other = url ? await openDatabase({ url }) : f.harness.opened;
    try {
      await Promise.all([f.app.topUpSeries(db()), f.app.topUpSeries(other.db)]);
      await f.app.topUpSeries(db());
    } finally {
      if (other !== f.harness.opened) await other.close();
    }
    const rows = await occurrencesOf(series.seriesId);
    expect(rows.length).toBe(first + 3);
    expect(new Set(rows.map((row) => row.clientToken)).size).toBe(rows.length);
    const last = rows.at(-1)!.scheduledAt.getTime();
    expect(last).toBeLessThan(f.now() + SERIES_WINDOW_DAYS * DAY);
  });

  it("holds every occurrence of a series that ends (ten Mondays, beyond the window), and no more", async () => {
    await setNow(Date.parse("2027-06-01T12:00:00Z"));
    const series = await createWeekly(`Ten ${backend}`, "count", "10");
    expect(series.occurrences).toBe(10);
    const rows = await occurrencesOf(series.seriesId);
    expect(rows.at(-1)!.scheduledAt.getTime() - rows[0]!.scheduledAt.getTime()).toBe(63 * DAY);
    await setNow(f.now() + 90 * DAY);
    await f.app.topUpSeries(db());
    expect((await occurrencesOf(series.seriesId)).length).toBe(10);
  });

  it("releases an occurrence into Connect with its own token, like any held task", async () => {
    await setNow(Date.parse("2027-07-01T12:00:00Z"));
    const series = await createWeekly(`Released ${backend}`, "count", "2");
    const [first] = await occurrencesOf(series.seriesId);
    await setNow(first!.scheduledAt.getTime() - 2 * DAY);
    await f.app.releaseDueTasks(db());
    const rows = await occurrencesOf(series.seriesId);
    expect(rows.map((row) => row.state)).toEqual(["released", "held"]);
    f.harness.as("lead");
    const page = await f.app.loadSeriesPage(db(), lead(), series.seriesId);
    expect(page?.occurrences.map((o) => o.state)).toEqual(["in_connect", "held"]);
    expect(page?.occurrences[0]?.contactId).toBe(rows[0]!.contactId);
    expect(page?.ruleText).toContain("Every week on Monday at 09:00 (Europe/Paris)");
  });

  it("skips, pauses, resumes, edits this and following, and ends, on held occurrences only, audited", async () => {
    await setNow(Date.parse("2027-09-01T12:00:00Z"));
    const series = await createWeekly(`Changes ${backend}`, "count", "6");
    const ids = (await occurrencesOf(series.seriesId)).map((row) => row.id);
    const id = series.seriesId;
    f.harness.as("other");
    // Another lead does not see it at all, as with their held tasks.
    expect(await f.app.pauseTaskSeries({ id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    f.harness.as("lead");

    expect(await f.app.skipSeriesOccurrence({ seriesId: id, heldTaskId: ids[1]! })).toMatchObject({
      ok: true,
    });
    expect(await f.app.pauseTaskSeries({ id })).toMatchObject({ ok: true });
    let states = (await occurrencesOf(id)).map((row) => row.state);
    expect(states).toEqual(["paused", "cancelled", "paused", "paused", "paused", "paused"]);
    // Paused occurrences are not released, even when due.
    const rows = await occurrencesOf(id);
    await setNow(rows[0]!.scheduledAt.getTime() - DAY);
    await f.app.releaseDueTasks(db());
    expect((await occurrencesOf(id))[0]!.state).toBe("paused");
    // Resumed after the first one's time: it is skipped, the rest are held again.
    await setNow(rows[0]!.scheduledAt.getTime() + 60_000);
    expect(await f.app.resumeTaskSeries({ id })).toMatchObject({ ok: true });
    states = (await occurrencesOf(id)).map((row) => row.state);
    expect(states).toEqual(["cancelled", "cancelled", "held", "held", "held", "held"]);

    const series0 = (await f.app.findSeries(db(), id))!;
    f.harness.as("lead");
    // The values as the edit page shows them: the timing from the fourth on, kept.
    const { timing } = f.app.timingFrom(series0, rows[3]!);
    expect(timing.repeat?.count).toBe("3");
    const edited = await f.app.editSeries(
      db(),
      lead(),
      {
        id,
        values: { ...(series0.values as TaskValues), ...timing, name: "Renamed from the fourth" },
        fromHeldTaskId: rows[3]!.id,
        shownHeldTaskId: rows[3]!.id,
      },
      { id: lead().id, email: lead().email, role: "lead" },
    );
    expect(edited).toMatchObject({ changed: 3, continues: null });
    const names = (await occurrencesOf(id)).map((row) => (row.values as { name: string }).name);
    expect(names.slice(3)).toEqual(Array(3).fill("Renamed from the fourth"));
    expect(names[2]).toBe(`Changes ${backend}`);
    // Each keeps its time and token.
    const after = await occurrencesOf(id);
    for (const [index, row] of after.entries()) {
      expect(row.scheduledAt.toISOString()).toBe(rows[index]!.scheduledAt.toISOString());
      expect(row.clientToken).toBe(rows[index]!.clientToken);
    }

    const ended = await f.app.endTaskSeries({ id });
    expect(ended).toMatchObject({ ok: true });
    if (ended.ok) expect(ended.data.message).toContain("4 held occurrences were cancelled");
    expect((await occurrencesOf(id)).every((row) => row.state === "cancelled")).toBe(true);
    expect(await f.app.pauseTaskSeries({ id })).toMatchObject({ ok: false, code: "CONFLICT" });
    for (const action of ["series.skip", "series.pause", "series.resume", "series.end"])
      expect((await auditOf(action, id)).map((row) => row.outcome)).toContain("success");
  });
});
