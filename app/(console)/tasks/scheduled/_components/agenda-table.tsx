"use client";

import Link from "next/link";

import { ColumnHeaders } from "@/components/column-headers";
import { LocalTime } from "@/components/local-time";
import { RoutingTarget } from "@/components/routing-target";
import { ListedTaskBadge } from "@/components/task-status-badge";
import { type AgendaItem, agendaItemHref } from "@/lib/task/agenda-item";

/** The agenda's rows, soonest first, each with the checkbox that picks it for a bulk action. */
export function AgendaTable({
  tasks,
  selectedIds,
  isDisabled,
  onToggle,
}: {
  tasks: AgendaItem[];
  selectedIds: ReadonlySet<string>;
  isDisabled: boolean;
  /** Called with the item's id (its ContactId: only Connect tasks have a checkbox). */
  onToggle: (id: string, isChecked: boolean) => void;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="px-3 py-2 text-left text-sm text-slate-600">
          Scheduled tasks, soonest first; times in your time zone (hover for UTC)
        </caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600 uppercase">
          <ColumnHeaders
            cellClassName="px-3 py-2"
            columns={[
              {
                key: "selected",
                label: <span className="sr-only">Selected</span>,
                className: "w-10 px-3 py-2",
              },
              "Task",
              "Scheduled",
              "Creator",
              "Routing",
              "Status",
            ]}
          />
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tasks.map((task) => (
            <tr key={task.id}>
              <td className="px-3 py-2">
                <label className="flex items-center">
                  <span className="sr-only">Select {task.name}</span>
                  <input
                    type="checkbox"
                    checked={selectedIds.has(task.id)}
                    disabled={isDisabled}
                    onChange={(event) => onToggle(task.id, event.target.checked)}
                    className="size-4"
                  />
                </label>
              </td>
              <th scope="row" className="px-3 py-2 font-medium">
                <Link href={agendaItemHref(task)} className="text-brand-700 underline">
                  {task.name}
                </Link>
              </th>
              <td className="px-3 py-2 whitespace-nowrap">
                {task.scheduledAt ? <LocalTime iso={task.scheduledAt} /> : "Not scheduled"}
              </td>
              <td className="px-3 py-2 [overflow-wrap:anywhere]">
                {task.createdBy.email ?? "Unknown"}
              </td>
              <td className="px-3 py-2">
                <RoutingTarget routing={task.routing} />
              </td>
              <td className="px-3 py-2">
                <ListedTaskBadge task={task} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
