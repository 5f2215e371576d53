/**
 * A series edit that changes the timing, below the browser, on both databases: the series ends
 * before the occurrence edited and continues as a new one (still its creator's, audited on both),
 * never while paused, never from an occurrence already sent, and a series stays a repeating one.
 * The shared set-up: test-support/series-fixture.ts.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";

import { occurrenceClientToken } from "@/lib/schedule/occurrence-token";
import { heldTask } from "@/lib/server/db/schema";
import type { TaskValues } from "@/lib/task/schema";
import { seriesFixture } from "@/test-support/series-fixture";
import { DATABASE_BACKENDS } from "@/test-support/test-database";

const mocks = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(mocks.headers) }));

describe.each(DATABASE_BACKENDS)("series timing edits on %s", (backend) => {
  const f = seriesFixture(mocks, backend);
  const { db, setNow, createWeekly, lead, occurrencesOf, auditOf } = f;

  it("continues the series as a new one when an edit changes its timing, for its creator, audited", async () => {
    await setNow(Date.parse("2027-10-06T12:00:00Z"));
    const series = await createWeekly(`Retimed ${backend}`, "count", "6");
    const id = series.seriesId;
    const rows = await occurrencesOf(id);
    const old = (await f.app.findSeries(db(), id))!;
    f.harness.as("boss");
    const { timing } = f.app.timingFrom(old, rows[2]!);
    const values = {
      ...(old.values as TaskValues),
      ...timing,
      scheduledLocal: timing.scheduledLocal.replace("T09:00", "T10:30"),
    };
    const edit = { id, fromHeldTaskId: rows[2]!.id, shownHeldTaskId: rows[2]!.id };
    // Not while paused: the new series would send what the lead paused.
    f.harness.as("lead");
    expect(await f.app.pauseTaskSeries({ id })).toMatchObject({ ok: true });
    f.harness.as("boss");
    const whilePaused = await f.app.editSeriesValues({ ...edit, values });
    expect(whilePaused).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!whilePaused.ok && whilePaused.formError).toMatch(/Resume the series/);
    f.harness.as("lead");
    expect(await f.app.resumeTaskSeries({ id })).toMatchObject({ ok: true });
    // A page opened before an occurrence went to Connect: a rename stays a rename (the baseline
    // is the occurrence the page showed), a new time from it is refused, nothing sent twice.
    f.harness.as("boss");
    await db().update(heldTask).set({ state: "released" }).where(eq(heldTask.id, rows[0]!.id));
    const stale = { id, fromHeldTaskId: null, shownHeldTaskId: rows[0]!.id };
    const { timing: shownFirst } = f.app.timingFrom(old, rows[0]!);
    const renamed = { ...(old.values as TaskValues), ...shownFirst, name: `Retimed ${backend}` };
    expect(await f.app.editSeriesValues({ ...stale, values: renamed })).toMatchObject({
      ok: true,
      data: { continues: null },
    });
    const later = {
      ...renamed,
      scheduledLocal: shownFirst.scheduledLocal.replace("T09:00", "T11:00"),
    };
    const fromSent = await f.app.editSeriesValues({ ...stale, values: later });
    expect(fromSent).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!fromSent.ok && fromSent.formError).toMatch(/sent to Amazon Connect meanwhile/);
    await db().update(heldTask).set({ state: "held" }).where(eq(heldTask.id, rows[0]!.id));

    // A supervisor moves the third Monday on to 10:30, the remaining four of six.
    const saved = await f.app.editSeriesValues({ ...edit, values });
    if (!saved.ok) throw new Error(saved.formError);
    expect(saved.data).toMatchObject({ changed: 4, continues: id });
    const next = saved.data.id;
    expect(next).not.toBe(id);

    // The old series ended before the third: the first two are still held, to be released.
    expect((await occurrencesOf(id)).map((row) => row.state)).toEqual([
      "held",
      "held",
      "cancelled",
      "cancelled",
      "cancelled",
      "cancelled",
    ]);
    expect(await f.app.findSeries(db(), id)).toMatchObject({ state: "ended", continuedAsId: next });
    const moved = await occurrencesOf(next);
    expect(moved).toHaveLength(4);
    for (const [index, row] of moved.entries()) {
      expect(row.scheduledAt.getTime()).toBe(rows[index + 2]!.scheduledAt.getTime() + 90 * 60_000);
      expect(row.clientToken).toBe(occurrenceClientToken(next, row.scheduledAt));
      expect(row.createdByEmail).toBe(f.harness.users.lead!.email);
    }
    // It is still the lead's: they change it, and its page says what it continues.
    f.harness.as("lead");
    const page = await f.app.loadSeriesPage(db(), lead(), next);
    expect(page?.continues).toBe(id);
    expect(page?.ruleText).toContain("at 10:30");
    const create = await auditOf("series.create", next);
    expect(create[0]).toMatchObject({ outcome: "success", actorEmail: f.harness.users.boss!.email });
    expect(create[0]!.detail).toMatchObject({ continues: id });
    const edits = await auditOf("series.edit", id);
    expect(edits.map((row) => row.detail)).toContainEqual(
      expect.objectContaining({ continuedAs: next, continuedWithOccurrences: 4 }),
    );

    // A series stays a repeating one: unticking Repeat is refused at its field.
    const kept = (await f.app.findSeries(db(), next))!;
    const { repeat: _repeat, ...single } = {
      ...(kept.values as TaskValues),
      ...f.app.timingFrom(kept, moved[0]!).timing,
    };
    const whole = { id: next, fromHeldTaskId: null, shownHeldTaskId: moved[0]!.id };
    expect(await f.app.editSeriesValues({ ...whole, values: single })).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
      fieldErrors: { "values.repeat": [expect.stringContaining("keep Repeat ticked")] },
    });
    // And the ended one has nothing left to change.
    expect(await f.app.editSeriesValues({ ...edit, values })).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
  });
});
