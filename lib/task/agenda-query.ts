/**
 * The agenda's URL: which view, whose tasks (for readers of every task), the grid's week and the
 * list's day range. View, scope and week come from the console's own links, so an unknown value
 * falls back to the default; "From" and "To" are typed by a person, so a bad one is explained at
 * its field. Days are the viewer's local calendar days (agenda-week.ts).
 */
import { z } from "zod";

import { addDays, latestCurrentMonday, mondayOf, widenedWindow } from "@/lib/task/agenda-week";
import { day } from "@/lib/url-filters";

export const AGENDA_VIEWS = ["grid", "list"] as const;
export type AgendaView = (typeof AGENDA_VIEWS)[number];
export type AgendaScope = "mine" | "all";

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** "YYYY-MM-DD" naming a day that exists (not 30 February). */
function isDay(value: string | undefined): value is string {
  if (value === undefined || !DATE_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Any day of a week stands for the week: its Monday. Left out: the viewer's current week. */
const week = z.string().refine(isDay).transform(mondayOf).optional().catch(undefined);

/** The days a typed range may reach (anyZoneDays in agenda-week.ts), and the maximum in days. */
export interface AgendaDayBounds {
  earliest: string;
  latest: string;
  maxDays: number;
}

export function agendaQuerySchema(bounds: AgendaDayBounds) {
  return z
    .object({
      view: z.enum(AGENDA_VIEWS).catch("grid").default("grid"),
      /** Left out: everyone's tasks for those who may read them all. */
      scope: z.enum(["mine", "all"]).optional().catch(undefined),
      week,
      from: day,
      to: day,
    })
    .superRefine((query, ctx) => {
      // A day that is not one has its own message already (url-filters.ts `day`).
      const from = isDay(query.from) ? query.from : undefined;
      const to = isDay(query.to) ? query.to : undefined;
      if (from && from < bounds.earliest) {
        ctx.addIssue({
          code: "custom",
          path: ["from"],
          message: "Choose today or a later day: the agenda shows tasks still to come.",
        });
      }
      for (const [field, value] of [
        ["from", from],
        ["to", to],
      ] as const) {
        if (value && value > bounds.latest) {
          ctx.addIssue({
            code: "custom",
            path: [field],
            message: `Choose a day at most ${bounds.maxDays} days ahead: tasks cannot be scheduled further.`,
          });
        }
      }
      if (from && to && to < from) {
        ctx.addIssue({ code: "custom", path: ["to"], message: "“To” is before “From”." });
      }
    });
}

/**
 * The instants the server reads for a view, [start, end): the grid's week or the list's days as
 * any zone may have them (the browser keeps its own), never before now nor past the furthest
 * schedule. Without a week, every zone's current week; without days, now to the horizon exactly.
 */
export function agendaWindow(
  query: {
    view: AgendaView;
    week?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
  },
  { now, horizonSeconds, maxSeconds }: { now: Date; horizonSeconds: number; maxSeconds: number },
): { start: Date; end: Date } {
  const furthest = now.getTime() + maxSeconds * 1000;
  let start = now.getTime();
  let end: number;
  if (query.view === "grid") {
    const monday = query.week ?? latestCurrentMonday(now);
    end = widenedWindow(monday, addDays(monday, 6)).end.getTime();
    if (query.week) start = widenedWindow(monday, monday).start.getTime();
  } else {
    const horizon = now.getTime() + horizonSeconds * 1000;
    if (query.from) start = widenedWindow(query.from, query.from).start.getTime();
    end = query.to
      ? widenedWindow(query.to, query.to).end.getTime()
      : Math.max(horizon, query.from ? widenedWindow(query.from, query.from).end.getTime() : 0);
  }
  return {
    start: new Date(Math.max(start, now.getTime())),
    end: new Date(Math.min(end, furthest)),
  };
}

/** The agenda's URL for a view; values left out stay out (the defaults). */
export function agendaHref(query: {
  view: AgendaView;
  scope: AgendaScope;
  week?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
  return `/tasks/scheduled?${params.toString()}`;
}
