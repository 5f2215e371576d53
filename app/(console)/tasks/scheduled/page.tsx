import type { Metadata } from "next";

import { scheduleHorizonSeconds, scheduleMaxSeconds, serverEnv } from "@/lib/env";
import { fieldErrorsOf } from "@/lib/server/action";
import { requirePageUser } from "@/lib/server/auth/authorise";
import { now as consoleNow } from "@/lib/server/clock";
import { getDb } from "@/lib/server/db";
import { AGENDA_LIMIT, listScheduledTasks } from "@/lib/server/tasks/agenda";
import { taskScopeFor } from "@/lib/server/tasks/task-rows";
import { type AgendaScope, agendaQuerySchema, agendaWindow } from "@/lib/task/agenda-query";
import { anyZoneDays } from "@/lib/task/agenda-week";
import { firstValues } from "@/lib/url-filters";

import { AgendaRange, AgendaRangeForm } from "./_components/agenda-range";
import { AgendaToggles } from "./_components/agenda-toggles";
import { AgendaWeek } from "./_components/agenda-week";

export const metadata: Metadata = { title: "Agenda" };

export default async function AgendaPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser("task.schedule");
  const values = firstValues(await searchParams);
  const now = consoleNow();
  const horizonSeconds = scheduleHorizonSeconds();
  const maxSeconds = scheduleMaxSeconds();
  const maxDays = serverEnv().SCHEDULE_MAX_DAYS;
  const schema = agendaQuerySchema({ ...anyZoneDays(now, maxSeconds), maxDays });
  const parsed = schema.safeParse(values);
  // Only typed days can be wrong (the rest falls back to defaults): the view still shows, and
  // the list explains them at their fields and reads nothing until they are fixed.
  const query = parsed.success
    ? parsed.data
    : schema.parse({ ...values, from: undefined, to: undefined });
  const errors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const taskScope = taskScopeFor(user);
  // Readers of every task see everyone's by default; the others only ever see their own.
  const scope: AgendaScope = taskScope.canReadAll ? (query.scope ?? "all") : "mine";
  const isList = query.view === "list";
  const window = agendaWindow(query, { now, horizonSeconds, maxSeconds });
  const hasErrors = isList && !parsed.success;
  const { tasks, unchecked, isTruncated } = hasErrors
    ? { tasks: [], unchecked: 0, isTruncated: false }
    : await listScheduledTasks(await getDb(), taskScope, {
        mineOnly: scope === "mine",
        from: window.start,
        to: window.end,
      });
  const rangeSettings = {
    from: query.from,
    to: query.to,
    scope,
    keepsScope: taskScope.canReadAll,
    now: now.toISOString(),
    horizonSeconds,
    maxDays,
  };

  return (
    <section aria-labelledby="agenda-title" className="space-y-5">
      <div>
        <h1 id="agenda-title" className="text-2xl font-semibold">
          Agenda
        </h1>
        <p className="mt-1 text-slate-600">
          {scope === "mine" ? "Your" : "Everyone's"} scheduled tasks, week by week or as a list over
          chosen days, up to {maxDays} days ahead, as Amazon Connect reports them. Times and days
          are in your time zone.
        </p>
      </div>
      <AgendaToggles
        view={query.view}
        scope={scope}
        canChooseScope={taskScope.canReadAll}
        week={query.week}
        range={{ from: query.from, to: query.to }}
      />
      {unchecked > 0 ? (
        <p role="note" className="text-sm text-amber-900">
          {unchecked === 1 ? "1 scheduled task" : `${unchecked} scheduled tasks`} could not be
          checked with Amazon Connect just now and {unchecked === 1 ? "is" : "are"} not shown.
          Reload to try again.
        </p>
      ) : null}
      {isTruncated ? (
        <p role="note" className="text-sm text-amber-900">
          More tasks are scheduled in this window than one view shows: these are the soonest{" "}
          {AGENDA_LIMIT.toLocaleString("en")}.
        </p>
      ) : null}
      {isList ? (
        <>
          <AgendaRangeForm settings={rangeSettings} values={values} errors={errors} />
          {hasErrors ? null : <AgendaRange items={tasks} settings={rangeSettings} />}
        </>
      ) : (
        <AgendaWeek
          items={tasks}
          settings={{
            week: query.week ?? null,
            scope,
            now: now.toISOString(),
            maxSeconds,
            maxDays,
          }}
        />
      )}
    </section>
  );
}
