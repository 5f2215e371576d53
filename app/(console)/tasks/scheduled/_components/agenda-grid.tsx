import Link from "next/link";

import { HeldStateBadge } from "@/components/task-status-badge";
import { AGENDA_HOURS, type AgendaDay, cellKey, groupByCell, hourLabel } from "@/lib/task/agenda";
import { type AgendaItem, agendaItemHref } from "@/lib/task/agenda-item";


/**
 * One week as a grid: a column per local day, a row per local hour, laid out on `timeZone`'s wall
 * clock. Pure, so it renders the same in the browser (AgendaWeek gives it the viewer's zone) and
 * in tests.
 */
export function AgendaGrid({
  items,
  days,
  timeZone,
  caption,
}: {
  items: AgendaItem[];
  days: AgendaDay[];
  timeZone: string;
  /** Names the week; the grid adds the zone. */
  caption: string;
}) {
  const cells = groupByCell(
    items.filter((item) => item.scheduledAt),
    (item) => new Date(item.scheduledAt ?? 0),
    timeZone,
  );

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full table-fixed border-collapse text-left text-xs">
        <caption className="px-3 py-2 text-left text-sm text-slate-600">
          Scheduled tasks by day and hour, {caption}, in your time zone ({timeZone})
        </caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="w-16 border-b border-slate-200 px-2 py-2">
              Hour
            </th>
            {days.map((day) => (
              <th
                key={day.key}
                scope="col"
                className="min-w-28 border-b border-l border-slate-200 px-2 py-2 font-medium"
              >
                <time dateTime={day.key}>{day.label}</time>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {AGENDA_HOURS.map((hour) => (
            <tr key={hour} className="align-top">
              <th
                scope="row"
                className="border-b border-slate-100 px-2 py-1 font-normal text-slate-500"
              >
                {hourLabel(hour)}
              </th>
              {days.map((day) => (
                <td key={day.key} className="border-b border-l border-slate-100 px-1 py-1">
                  <CellItems entries={cells.get(cellKey(day.key, hour))} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CellItems({ entries }: { entries: { item: AgendaItem; time: string }[] | undefined }) {
  if (!entries?.length) return null;
  return (
    <ul className="space-y-1">
      {entries.map(({ item, time }) => (
        <li key={item.id}>
          <Link
            href={agendaItemHref(item)}
            className={`block truncate rounded px-1.5 py-0.5 hover:underline ${
              item.kind === "held" ? "bg-violet-50 text-violet-900" : "bg-brand-50 text-brand-700"
            }`}
            title={`${time} ${item.name}`}
          >
            <time dateTime={item.scheduledAt ?? undefined} className="font-mono">
              {time}
            </time>{" "}
            {item.name}
            {item.kind === "held" ? (
              <>
                {" "}
                <HeldStateBadge state={item.state} />
              </>
            ) : null}
          </Link>
        </li>
      ))}
    </ul>
  );
}
