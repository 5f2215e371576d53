import type { Metadata } from "next";
import Link from "next/link";

import { scheduleHorizonSeconds, scheduleMaxSeconds } from "@/lib/env";
import { requirePageUser } from "@/lib/server/auth/authorise";
import { now as consoleNow } from "@/lib/server/clock";
import { getDb } from "@/lib/server/db";
import { AGENDA_LIMIT, listScheduledTasks, taskScopeFor } from "@/lib/server/tasks/registry";
import { type AgendaScope, agendaQuerySchema } from "@/lib/task/agenda-query";
import { horizonDays } from "@/lib/task/limits";
import { firstValues } from "@/lib/url-filters";

import { AgendaGrid } from "./_components/agenda-grid";
import { AgendaList } from "./_components/agenda-list";
import { AgendaToggles } from "./_components/agenda-toggles";

export const metadata: Metadata = { title: "Agenda" };

function AgendaEmpty({ days }: { days: number }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center">
      <p className="font-medium text-slate-800">No scheduled tasks in the next {days} days</p>
      <p className="mt-2 text-sm">
        <Link href="/tasks/new" className="text-brand-700 underline">
          Schedule a task
        </Link>
      </p>
    </div>
  );
}

export default async function AgendaPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser("task.schedule");
  const query = agendaQuerySchema.parse(firstValues(await searchParams));
  const taskScope = taskScopeFor(user);
  // Readers of every task see everyone's by default; the others only ever see their own.
  const scope: AgendaScope = taskScope.canReadAll ? (query.scope ?? "all") : "mine";
  const horizonSeconds = scheduleHorizonSeconds();
  const maxSeconds = scheduleMaxSeconds();
  const now = consoleNow();
  const until = new Date(now.getTime() + horizonSeconds * 1000);
  // The list also shows the held tasks further ahead, up to the maximum (SCHEDULE_MAX_DAYS).
  const listUntil = new Date(now.getTime() + maxSeconds * 1000);
  const { tasks, unchecked, isTruncated } = await listScheduledTasks(await getDb(), taskScope, {
    mineOnly: scope === "mine",
    now,
    until: query.view === "list" ? listUntil : until,
  });
  const days = horizonDays(horizonSeconds);

  return (
    <section aria-labelledby="agenda-title" className="space-y-5">
      <div>
        <h1 id="agenda-title" className="text-2xl font-semibold">
          Agenda
        </h1>
        <p className="mt-1 text-slate-600">
          {scope === "mine" ? "Your" : "Everyone's"} scheduled tasks for the next {days} days, as
          Amazon Connect reports them, and the tasks the console holds until they are {days} days
          away (the list shows them all). Times are shown in your time zone.
        </p>
      </div>
      <AgendaToggles view={query.view} scope={scope} canChooseScope={taskScope.canReadAll} />
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
      {query.view === "list" ? (
        // Rendered even when empty: the results of a bulk run that emptied the agenda stay.
        <AgendaList
          tasks={tasks}
          horizonSeconds={horizonSeconds}
          maxSeconds={maxSeconds}
          empty={<AgendaEmpty days={days} />}
        />
      ) : tasks.length === 0 ? (
        <AgendaEmpty days={days} />
      ) : (
        <AgendaGrid tasks={tasks} from={now.toISOString()} until={until.toISOString()} />
      )}
    </section>
  );
}
