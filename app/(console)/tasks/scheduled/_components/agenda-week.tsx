"use client";

import Link from "next/link";
import { useSyncExternalStore } from "react";

import { SECONDARY_BUTTON } from "@/components/fields/classes";
import type { AgendaItem } from "@/lib/task/agenda-item";
import { type AgendaScope, agendaHref } from "@/lib/task/agenda-query";
import {
  addDays,
  weekDays,
  weekLabel,
  weekNavigation,
  weekSpan,
  zonedDaysWindow,
} from "@/lib/task/agenda-week";
import { currentTimeZone } from "@/lib/task/zoned-time";

import { AgendaEmpty } from "./agenda-empty";
import { AgendaGrid } from "./agenda-grid";

const subscribeNothing = () => () => {};

export interface WeekSettings {
  /** The week in the URL (its Monday); null: the viewer's current week. */
  week: string | null;
  scope: AgendaScope;
  /** The server's "now" for this page, so the browser and the query agree on it. */
  now: string;
  maxSeconds: number;
  maxDays: number;
}

/**
 * The grid's week, Monday to Sunday on the viewer's wall clock. Only the browser knows that zone,
 * so the server renders a placeholder and the week appears after hydration (no mismatch between
 * the two renders); the server read every item the week can hold in any zone, and this keeps
 * those inside the viewer's week.
 */
export function AgendaWeek({ items, settings }: { items: AgendaItem[]; settings: WeekSettings }) {
  const timeZone = useSyncExternalStore(subscribeNothing, currentTimeZone, () => null);
  if (!timeZone) {
    return (
      <p role="status" className="text-sm text-slate-600">
        Laying out the agenda in your time zone…
      </p>
    );
  }
  const span = weekSpan(new Date(settings.now), settings.maxSeconds, timeZone);
  const week = settings.week ?? span.first;
  const navigation = weekNavigation(week, span);
  const { start, end } = zonedDaysWindow(week, addDays(week, 6), timeZone);
  const inWeek = items.filter((item) => {
    const at = item.scheduledAt ? Date.parse(item.scheduledAt) : Number.NaN;
    return at >= start.getTime() && at < end.getTime();
  });
  const label = weekLabel(week);
  const href = (target: string | undefined) =>
    agendaHref({ view: "grid", scope: settings.scope, week: target });

  return (
    <section aria-labelledby="agenda-week-title" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="agenda-week-title" className="text-lg font-semibold">
          Week of {label}
        </h2>
        <nav aria-label="Weeks">
          <ul className="flex flex-wrap items-center gap-2 text-sm">
            <li>
              <WeekStep
                text="Previous week"
                href={navigation.previous && href(navigation.previous)}
                reasonId="agenda-previous-reason"
                reason="This is the current week: the agenda shows tasks still to come."
              />
            </li>
            <li>
              <Link
                href={href(undefined)}
                aria-current={week === span.first ? "page" : undefined}
                className={SECONDARY_BUTTON}
              >
                This week
              </Link>
            </li>
            <li>
              <WeekStep
                text="Next week"
                href={navigation.next && href(navigation.next)}
                reasonId="agenda-next-reason"
                reason={`Tasks can be scheduled at most ${settings.maxDays} days ahead.`}
              />
            </li>
          </ul>
        </nav>
      </div>
      {navigation.position !== "within" ? (
        <p role="note" className="text-sm text-amber-900">
          {navigation.position === "past"
            ? "This week has passed: the agenda shows tasks still to come."
            : `This week is beyond the furthest a task can be scheduled (${settings.maxDays} days ahead).`}
        </p>
      ) : inWeek.length === 0 ? (
        <AgendaEmpty message={`No scheduled tasks in the week of ${label}`} />
      ) : (
        <AgendaGrid items={inWeek} days={weekDays(week)} timeZone={timeZone} caption={label} />
      )}
    </section>
  );
}

/** A step to another week, or, at either end, a disabled button that says why not. */
function WeekStep({
  text,
  href,
  reason,
  reasonId,
}: {
  text: string;
  href: string | null;
  reason: string;
  reasonId: string;
}) {
  if (href) {
    return (
      <Link href={href} className={SECONDARY_BUTTON}>
        {text}
      </Link>
    );
  }
  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" disabled aria-describedby={reasonId} className={SECONDARY_BUTTON}>
        {text}
      </button>
      <span id={reasonId} className="text-xs text-slate-600">
        {reason}
      </span>
    </span>
  );
}
