"use client";

import Link from "next/link";
import { useSyncExternalStore } from "react";

import { AGENDA_HOURS, agendaDays, cellKey, groupByCell, hourLabel } from "@/lib/task/agenda";
import type { TaskListItem } from "@/lib/task/list";
import { currentTimeZone } from "@/lib/task/zoned-time";

const subscribeNothing = () => () => {};

/**
 * The horizon as a week-style grid: a column per local day, a row per local hour. Only the
 * browser knows the viewer's time zone, so the server renders a placeholder and the grid appears
 * after hydration (no mismatch between the two renders).
 */
export function AgendaGrid({
  tasks,
  from,
  until,
}: {
  tasks: TaskListItem[];
  from: string;
  until: string;
}) {
  const timeZone = useSyncExternalStore(subscribeNothing, currentTimeZone, () => null);
  if (!timeZone) {
    return (
      <p role="status" className="text-sm text-slate-600">
        Laying out the agenda in your time zone…
      </p>
    );
  }
  const days = agendaDays(new Date(from), new Date(until), timeZone);
  const cells = groupByCell(
    tasks.filter((task) => task.scheduledAt),
    (task) => new Date(task.scheduledAt ?? 0),
    timeZone,
  );

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full table-fixed border-collapse text-left text-xs">
        <caption className="px-3 py-2 text-left text-sm text-slate-600">
          Scheduled tasks by day and hour, in your time zone ({timeZone})
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
                  <CellTasks entries={cells.get(cellKey(day.key, hour))} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CellTasks({ entries }: { entries: { item: TaskListItem; time: string }[] | undefined }) {
  if (!entries?.length) return null;
  return (
    <ul className="space-y-1">
      {entries.map(({ item, time }) => (
        <li key={item.id}>
          <Link
            href={`/tasks/${encodeURIComponent(item.id)}`}
            className="bg-brand-50 text-brand-700 block truncate rounded px-1.5 py-0.5 hover:underline"
            title={`${time} ${item.name}`}
          >
            <time dateTime={item.scheduledAt ?? undefined} className="font-mono">
              {time}
            </time>{" "}
            {item.name}
            {item.kind === "held" ? (
              <span className="ml-1 text-xs font-medium text-violet-800">
                ({item.state === "release_failed" ? "Release failed" : "Held"})
              </span>
            ) : null}
          </Link>
        </li>
      ))}
    </ul>
  );
}
