/**
 * Recurring tasks below the browser, on both databases: the real start action creates a series
 * whose occurrences are held tasks (a rolling window, each with the ClientToken derived from the
 * series and its instant), the top-up makes the next window exactly once however often it runs
 * (two pools racing on PostgreSQL), an occurrence is released into Connect like any held task,
 * and skip, pause, resume, edit (this and following) and end act on the held occurrences only,
 * each audited. The console's clock is moved, never slept.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { DEMO_IDS } from "@/connect-local/index";
import { occurrenceClientToken } from "@/lib/schedule/occurrence-token";
import { defaultRepeat } from "@/lib/schedule/series-rule";
import type { SessionUser } from "@/lib/server/auth/session";
import { openDatabase } from "@/lib/server/db/open";
import { auditEvent, heldTask } from "@/lib/server/db/schema";
import { type TaskValues, emptyTask } from "@/lib/task/schema";
import { SERIES_WINDOW_DAYS } from "@/lib/task/series";
import { type ActionHarness, startActionHarness } from "@/test-support/action-harness";
import { DATABASE_BACKENDS, type TestDatabase } from "@/test-support/test-database";

const mocks = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(mocks.headers) }));

const I = DEMO_IDS.instanceId;
const DAY = 86_400_000;
const PARIS = "Europe/Paris";

async function importConsole() {
  return {
    ...(await import("@/app/(console)/tasks/new/actions/start-task")),
    ...(await import("@/app/(console)/tasks/actions/series")),
    ...(await import("./series")),
    ...(await import("./series-changes")),
    ...(await import("./series-timing")),
    ...(await import("./series-page")),
    ...(await import("./release")),
    ...(await import("@/lib/server/clock")),
  };
}

describe.each(DATABASE_BACKENDS)("recurring tasks on %s", (backend) => {
  let harness: ActionHarness;
  let app: Awaited<ReturnType<typeof importConsole>>;
  const db = () => harness.opened.db;
  let current = 0;

  async function setNow(at: number) {
    current = at;
    app.setClock(() => new Date(current));
    await harness.setConnectClock(at);
  }

  beforeAll(async () => {
    vi.resetModules();
    harness = await startActionHarness(mocks, {
      backend,
      users: { lead: "lead", other: "lead", boss: "supervisor" },
      env: {
        CONNECT_INSTANCE_ID: I,
        BETTER_AUTH_SECRET: "series-test-secret-0123456789abcdefghijkl",
      },
    });
    app = await importConsole();
  }, 120_000);

  afterEach(async () => {
    app.resetClock();
    await harness.setConnectClock(null);
  });

  afterAll(async () => {
    await harness?.stop();
  });

  /** A Monday 09:00 in Paris, `weeks` Mondays after the one following the clock's day. */
  function mondayNine(weeks: number): string {
    const day = new Date(current);
    const toMonday = (8 - day.getUTCDay()) % 7 || 7;
    const monday = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
    monday.setUTCDate(monday.getUTCDate() + toMonday + weeks * 7);
    return `${monday.toISOString().slice(0, 10)}T09:00`;
  }

  async function createWeekly(name: string, ends: "never" | "count" = "never", count = "4") {
    harness.as("lead");
    const start = mondayNine(0);
    const result = await app.startTask({
      ...emptyTask({ instanceId: I, timeZone: PARIS, clientToken: crypto.randomUUID() }),
      name,
      contactFlowId: DEMO_IDS.flows.generalTasks,
      scheduleMode: "later",
      scheduledLocal: start,
      repeat: { ...defaultRepeat(start), frequency: "weekly", weekdays: ["MO"], ends, count },
    });
    if (!result.ok) throw new Error(result.formError);
    if (result.data.kind !== "series") throw new Error(`${name} did not create a series`);
    return result.data;
  }

  /** The lead as the services see a signed-in user. */
  const lead = (): SessionUser => ({ ...harness.users.lead!, name: "Lead", sessionId: "test" });
  const occurrencesOf = (seriesId: string) =>
    db()
      .select()
      .from(heldTask)
      .where(eq(heldTask.seriesId, seriesId))
      .orderBy(heldTask.occurrenceAt);
  const auditOf = (action: string, id: string) =>
    db()
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, action), eq(auditEvent.targetId, id)));

  it("creates a series whose first window of occurrences is held, each at 09:00 Paris with its own token", async () => {
    await setNow(Date.parse("2027-03-10T12:00:00Z"));
    const series = await createWeekly(`Weekly ${backend}`);
    const rows = await occurrencesOf(series.seriesId);
    // A series that never ends: the Mondays within the window ahead, never one beyond it.
    expect(rows.length).toBe(series.occurrences);
    expect(rows.length).toBeGreaterThanOrEqual(Math.floor(SERIES_WINDOW_DAYS / 7));
    for (const row of rows) {
      expect(row.scheduledAt.getTime()).toBeLessThan(current + SERIES_WINDOW_DAYS * DAY);
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
    await setNow(current + 21 * DAY);
    const url = (harness.opened as TestDatabase).url;
    const other = url ? await openDatabase({ url }) : harness.opened;
    try {
      await Promise.all([app.topUpSeries(db()), app.topUpSeries(other.db)]);
      await app.topUpSeries(db());
    } finally {
      if (other !== harness.opened) await other.close();
    }
    const rows = await occurrencesOf(series.seriesId);
    expect(rows.length).toBe(first + 3);
    expect(new Set(rows.map((row) => row.clientToken)).size).toBe(rows.length);
    const last = rows.at(-1)!.scheduledAt.getTime();
    expect(last).toBeLessThan(current + SERIES_WINDOW_DAYS * DAY);
  });

  it("holds every occurrence of a series that ends (ten Mondays, beyond the window), and no more", async () => {
    await setNow(Date.parse("2027-06-01T12:00:00Z"));
    const series = await createWeekly(`Ten ${backend}`, "count", "10");
    expect(series.occurrences).toBe(10);
    const rows = await occurrencesOf(series.seriesId);
    expect(rows.at(-1)!.scheduledAt.getTime() - rows[0]!.scheduledAt.getTime()).toBe(63 * DAY);
    await setNow(current + 90 * DAY);
    await app.topUpSeries(db());
    expect((await occurrencesOf(series.seriesId)).length).toBe(10);
  });

  it("releases an occurrence into Connect with its own token, like any held task", async () => {
    await setNow(Date.parse("2027-07-01T12:00:00Z"));
    const series = await createWeekly(`Released ${backend}`, "count", "2");
    const [first] = await occurrencesOf(series.seriesId);
    await setNow(first!.scheduledAt.getTime() - 2 * DAY);
    await app.releaseDueTasks(db());
    const rows = await occurrencesOf(series.seriesId);
    expect(rows.map((row) => row.state)).toEqual(["released", "held"]);
    harness.as("lead");
    const page = await app.loadSeriesPage(db(), lead(), series.seriesId);
    expect(page?.occurrences.map((o) => o.state)).toEqual(["in_connect", "held"]);
    expect(page?.occurrences[0]?.contactId).toBe(rows[0]!.contactId);
    expect(page?.ruleText).toContain("Every week on Monday at 09:00 (Europe/Paris)");
  });

  it("skips, pauses, resumes, edits this and following, and ends, on held occurrences only, audited", async () => {
    await setNow(Date.parse("2027-09-01T12:00:00Z"));
    const series = await createWeekly(`Changes ${backend}`, "count", "6");
    const ids = (await occurrencesOf(series.seriesId)).map((row) => row.id);
    const id = series.seriesId;
    harness.as("other");
    // Another lead does not see it at all, as with their held tasks.
    expect(await app.pauseTaskSeries({ id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    harness.as("lead");

    expect(await app.skipSeriesOccurrence({ seriesId: id, heldTaskId: ids[1]! })).toMatchObject({
      ok: true,
    });
    expect(await app.pauseTaskSeries({ id })).toMatchObject({ ok: true });
    let states = (await occurrencesOf(id)).map((row) => row.state);
    expect(states).toEqual(["paused", "cancelled", "paused", "paused", "paused", "paused"]);
    // Paused occurrences are not released, even when due.
    const rows = await occurrencesOf(id);
    await setNow(rows[0]!.scheduledAt.getTime() - DAY);
    await app.releaseDueTasks(db());
    expect((await occurrencesOf(id))[0]!.state).toBe("paused");
    // Resumed after the first one's time: it is skipped, the rest are held again.
    await setNow(rows[0]!.scheduledAt.getTime() + 60_000);
    expect(await app.resumeTaskSeries({ id })).toMatchObject({ ok: true });
    states = (await occurrencesOf(id)).map((row) => row.state);
    expect(states).toEqual(["cancelled", "cancelled", "held", "held", "held", "held"]);

    const series0 = (await app.findSeries(db(), id))!;
    harness.as("lead");
    // The values as the edit page shows them: the timing from the fourth on, kept.
    const { timing } = app.timingFrom(series0, rows[3]!);
    expect(timing.repeat?.count).toBe("3");
    const edited = await app.editSeries(
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

    const ended = await app.endTaskSeries({ id });
    expect(ended).toMatchObject({ ok: true });
    if (ended.ok) expect(ended.data.message).toContain("4 held occurrences were cancelled");
    expect((await occurrencesOf(id)).every((row) => row.state === "cancelled")).toBe(true);
    expect(await app.pauseTaskSeries({ id })).toMatchObject({ ok: false, code: "CONFLICT" });
    for (const action of ["series.skip", "series.pause", "series.resume", "series.end"])
      expect((await auditOf(action, id)).map((row) => row.outcome)).toContain("success");
  });

  it("continues the series as a new one when an edit changes its timing, for its creator, audited", async () => {
    await setNow(Date.parse("2027-10-06T12:00:00Z"));
    const series = await createWeekly(`Retimed ${backend}`, "count", "6");
    const id = series.seriesId;
    const rows = await occurrencesOf(id);
    const old = (await app.findSeries(db(), id))!;
    harness.as("boss");
    const { timing } = app.timingFrom(old, rows[2]!);
    const values = {
      ...(old.values as TaskValues),
      ...timing,
      scheduledLocal: timing.scheduledLocal.replace("T09:00", "T10:30"),
    };
    const edit = { id, fromHeldTaskId: rows[2]!.id, shownHeldTaskId: rows[2]!.id };
    // Not while paused: the new series would send what the lead paused.
    harness.as("lead");
    expect(await app.pauseTaskSeries({ id })).toMatchObject({ ok: true });
    harness.as("boss");
    const whilePaused = await app.editSeriesValues({ ...edit, values });
    expect(whilePaused).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!whilePaused.ok && whilePaused.formError).toMatch(/Resume the series/);
    harness.as("lead");
    expect(await app.resumeTaskSeries({ id })).toMatchObject({ ok: true });
    // A page opened before an occurrence went to Connect: a rename stays a rename (the baseline
    // is the occurrence the page showed), a new time from it is refused, nothing sent twice.
    harness.as("boss");
    await db().update(heldTask).set({ state: "released" }).where(eq(heldTask.id, rows[0]!.id));
    const stale = { id, fromHeldTaskId: null, shownHeldTaskId: rows[0]!.id };
    const { timing: shownFirst } = app.timingFrom(old, rows[0]!);
    const renamed = { ...(old.values as TaskValues), ...shownFirst, name: `Retimed ${backend}` };
    expect(await app.editSeriesValues({ ...stale, values: renamed })).toMatchObject({
      ok: true,
      data: { continues: null },
    });
    const later = {
      ...renamed,
      scheduledLocal: shownFirst.scheduledLocal.replace("T09:00", "T11:00"),
    };
    const fromSent = await app.editSeriesValues({ ...stale, values: later });
    expect(fromSent).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!fromSent.ok && fromSent.formError).toMatch(/sent to Amazon Connect meanwhile/);
    await db().update(heldTask).set({ state: "held" }).where(eq(heldTask.id, rows[0]!.id));

    // A supervisor moves the third Monday on to 10:30, the remaining four of six.
    const saved = await app.editSeriesValues({ ...edit, values });
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
    expect(await app.findSeries(db(), id)).toMatchObject({ state: "ended", continuedAsId: next });
    const moved = await occurrencesOf(next);
    expect(moved).toHaveLength(4);
    for (const [index, row] of moved.entries()) {
      expect(row.scheduledAt.getTime()).toBe(rows[index + 2]!.scheduledAt.getTime() + 90 * 60_000);
      expect(row.clientToken).toBe(occurrenceClientToken(next, row.scheduledAt));
      expect(row.createdByEmail).toBe(harness.users.lead!.email);
    }
    // It is still the lead's: they change it, and its page says what it continues.
    harness.as("lead");
    const page = await app.loadSeriesPage(db(), lead(), next);
    expect(page?.continues).toBe(id);
    expect(page?.ruleText).toContain("at 10:30");
    const create = await auditOf("series.create", next);
    expect(create[0]).toMatchObject({ outcome: "success", actorEmail: harness.users.boss!.email });
    expect(create[0]!.detail).toMatchObject({ continues: id });
    const edits = await auditOf("series.edit", id);
    expect(edits.map((row) => row.detail)).toContainEqual(
      expect.objectContaining({ continuedAs: next, continuedWithOccurrences: 4 }),
    );

    // A series stays a repeating one: unticking Repeat is refused at its field.
    const kept = (await app.findSeries(db(), next))!;
    const { repeat: _repeat, ...single } = {
      ...(kept.values as TaskValues),
      ...app.timingFrom(kept, moved[0]!).timing,
    };
    const whole = { id: next, fromHeldTaskId: null, shownHeldTaskId: moved[0]!.id };
    expect(await app.editSeriesValues({ ...whole, values: single })).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
      fieldErrors: { "values.repeat": [expect.stringContaining("keep Repeat ticked")] },
    });
    // And the ended one has nothing left to change.
    expect(await app.editSeriesValues({ ...edit, values })).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
  });
});
