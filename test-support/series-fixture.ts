/**
 * The recurring-task tests' shared set-up (lib/server/tasks/series*.test.ts): an action harness
 * on one database backend with a lead, a second lead and a supervisor, the console's series
 * modules imported afresh for it, a clock moved (never slept) for the console and the local
 * endpoint alike, and helpers that create a weekly series and read back its occurrences and
 * audit rows. Call it inside a `describe`: it registers that block's hooks.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, vi } from "vitest";

import { DEMO_IDS } from "@/connect-local/index";
import { defaultRepeat } from "@/lib/schedule/series-rule";
import type { SessionUser } from "@/lib/server/auth/session";
import { auditEvent, heldTask } from "@/lib/server/db/schema";
import { emptyTask } from "@/lib/task/schema";

import { type ActionHarness, startActionHarness } from "./action-harness";
import type { DATABASE_BACKENDS } from "./test-database";

export const SERIES_INSTANCE_ID = DEMO_IDS.instanceId;
export const PARIS = "Europe/Paris";

async function importConsole() {
  return {
    ...(await import("@/app/(console)/tasks/new/actions/start-task")),
    ...(await import("@/app/(console)/tasks/actions/series")),
    ...(await import("@/lib/server/tasks/series")),
    ...(await import("@/lib/server/tasks/series-changes")),
    ...(await import("@/lib/server/tasks/series-timing")),
    ...(await import("@/lib/server/tasks/series-page")),
    ...(await import("@/lib/server/tasks/release")),
    ...(await import("@/lib/server/clock")),
  };
}

export function seriesFixture(
  mocks: { headers: Headers },
  backend: (typeof DATABASE_BACKENDS)[number],
) {
  let harness: ActionHarness | undefined;
  let app: Awaited<ReturnType<typeof importConsole>> | undefined;
  let current = 0;
  const ready = () => {
    if (!harness || !app) throw new Error("the series fixture is used before its beforeAll ran");
    return { harness, app };
  };

  beforeAll(async () => {
    vi.resetModules();
    harness = await startActionHarness(mocks, {
      backend,
      users: { lead: "lead", other: "lead", boss: "supervisor" },
      env: {
        CONNECT_INSTANCE_ID: SERIES_INSTANCE_ID,
        BETTER_AUTH_SECRET: "series-test-secret-0123456789abcdefghijkl",
      },
    });
    app = await importConsole();
  }, 120_000);

  afterEach(async () => {
    app?.resetClock();
    await harness?.setConnectClock(null);
  });

  afterAll(async () => {
    await harness?.stop();
  });

  const db = () => ready().harness.opened.db;

  async function setNow(at: number) {
    current = at;
    ready().app.setClock(() => new Date(current));
    await ready().harness.setConnectClock(at);
  }

  /** A Monday 09:00 in Paris, `weeks` Mondays after the one following the clock's day. */
  function mondayNine(weeks: number): string {
    const day = new Date(current);
    const toMonday = (8 - day.getUTCDay()) % 7 || 7;
    const monday = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
    monday.setUTCDate(monday.getUTCDate() + toMonday + weeks * 7);
    return `${monday.toISOString().slice(0, 10)}T09:00`;
  }

  async function createWeekly(name: string, ends: "never" | "count" = "never", count = "4") {
    ready().harness.as("lead");
    const start = mondayNine(0);
    const result = await ready().app.startTask({
      ...emptyTask({
        instanceId: SERIES_INSTANCE_ID,
        timeZone: PARIS,
        clientToken: crypto.randomUUID(),
      }),
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

  return {
    get harness() {
      return ready().harness;
    },
    get app() {
      return ready().app;
    },
    /** The console's clock (ms), as setNow last moved it. */
    now: () => current,
    db,
    setNow,
    mondayNine,
    createWeekly,
    /** The lead as the services see a signed-in user. */
    lead: (): SessionUser => ({
      ...ready().harness.users.lead!,
      name: "Lead",
      sessionId: "test",
    }),
    occurrencesOf: (seriesId: string) =>
      db()
        .select()
        .from(heldTask)
        .where(eq(heldTask.seriesId, seriesId))
        .orderBy(heldTask.occurrenceAt),
    auditOf: (action: string, id: string) =>
      db()
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.action, action), eq(auditEvent.targetId, id))),
  };
}
