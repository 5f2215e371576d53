"use client";

import { useSyncExternalStore } from "react";

import { PRIMARY_BUTTON } from "@/components/fields/classes";
import { InputField } from "@/components/fields/controls";
import type { AgendaItem } from "@/lib/task/agenda-item";
import type { AgendaScope } from "@/lib/task/agenda-query";
import { listDays, rangeLabel, zonedDaysWindow } from "@/lib/task/agenda-week";
import { horizonDays } from "@/lib/task/limits";
import { currentTimeZone } from "@/lib/task/zoned-time";

import { AgendaEmpty } from "./agenda-empty";
import { AgendaList } from "./agenda-list";

const subscribeNothing = () => () => {};
const useTimeZone = () => useSyncExternalStore(subscribeNothing, currentTimeZone, () => null);

export interface RangeSettings {
  /** The days typed in the URL; left out, the list runs from now to the horizon. */
  from?: string | undefined;
  to?: string | undefined;
  scope: AgendaScope;
  /** Whether the URL names the scope (a reader of every task chose one). */
  keepsScope: boolean;
  now: string;
  horizonSeconds: number;
  maxDays: number;
}

/**
 * The list's "From" and "To" days, a plain GET form so the range lives in the URL. The defaults
 * (today and the horizon's day) are the viewer's local days, known after hydration; the form is
 * keyed by the zone so its fields take them then.
 */
export function AgendaRangeForm({
  settings,
  values,
  errors,
}: {
  settings: RangeSettings;
  /** What was typed, shown as typed (also when invalid). */
  values: Record<string, string>;
  errors: Record<string, string[]>;
}) {
  const timeZone = useTimeZone();
  const days = listDays({}, new Date(settings.now), settings.horizonSeconds, timeZone ?? "UTC");
  return (
    <form
      key={timeZone ?? "server"}
      method="get"
      action="/tasks/scheduled"
      aria-label="Date range"
      className="flex flex-wrap items-start gap-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      <input type="hidden" name="view" value="list" />
      {settings.keepsScope ? <input type="hidden" name="scope" value={settings.scope} /> : null}
      <div className="w-44">
        <InputField
          label="From"
          name="from"
          type="date"
          defaultValue={values.from ?? days.from}
          hint="A day in your time zone."
          error={errors.from}
        />
      </div>
      <div className="w-44">
        <InputField
          label="To"
          name="to"
          type="date"
          defaultValue={values.to ?? (values.from && values.from > days.to ? values.from : days.to)}
          hint={`Inclusive; at most ${settings.maxDays} days ahead.`}
          error={errors.to}
        />
      </div>
      <button type="submit" className={`${PRIMARY_BUTTON} mt-6`}>
        Show
      </button>
    </form>
  );
}

/**
 * The list over the chosen days. The server read those days as any zone may have them; the
 * viewer's own are kept here, so until the zone is known (hydration) a typed range shows a
 * placeholder. The default range (now to the horizon) is exact on the server and shows at once.
 */
export function AgendaRange({ items, settings }: { items: AgendaItem[]; settings: RangeSettings }) {
  const timeZone = useTimeZone();
  const isTyped = settings.from !== undefined || settings.to !== undefined;
  if (isTyped && !timeZone) {
    return (
      <p role="status" className="text-sm text-slate-600">
        Reading the dates in your time zone…
      </p>
    );
  }
  let shown = items;
  let empty = `No scheduled tasks in the next ${horizonDays(settings.horizonSeconds)} days`;
  if (isTyped && timeZone) {
    const days = listDays(settings, new Date(settings.now), settings.horizonSeconds, timeZone);
    const { start, end } = zonedDaysWindow(days.from, days.to, timeZone);
    shown = items.filter((item) => {
      const at = item.scheduledAt ? Date.parse(item.scheduledAt) : Number.NaN;
      return at >= start.getTime() && at < end.getTime();
    });
    empty = `No scheduled tasks in ${rangeLabel(days.from, days.to)}`;
  }
  // Rendered even when empty: the results of a bulk run that emptied the agenda stay.
  return (
    <AgendaList
      tasks={shown}
      horizonSeconds={settings.horizonSeconds}
      maxSeconds={settings.maxDays * 86_400}
      empty={<AgendaEmpty message={empty} />}
    />
  );
}
