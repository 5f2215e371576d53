import Link from "next/link";

import { LocalTime } from "@/components/local-time";
import { TaskStatusBadge } from "@/components/task-status-badge";
import type { TaskListItem } from "@/lib/schemas/tasks";

const ROUTING_LABELS = { flow: "Flow", quickConnect: "Quick connect", template: "Template" };

function RoutingTarget({ routing }: { routing: TaskListItem["routing"] }) {
  if (!routing) return <span className="text-slate-500">—</span>;
  return (
    <span>
      <span className="text-slate-500">{ROUTING_LABELS[routing.kind]}:</span>{" "}
      {routing.name ?? <code className="text-xs">{routing.id}</code>}
    </span>
  );
}

/** The tasks of one page; each name opens the task's page. */
export function TaskTable({ tasks, caption }: { tasks: TaskListItem[]; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Task
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Status
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Scheduled for
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Created
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Creator
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Routing
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Linked to
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tasks.map((task) => (
            <tr key={task.contactId}>
              <th scope="row" className="px-3 py-2 font-normal">
                <Link
                  href={`/tasks/${encodeURIComponent(task.contactId)}`}
                  className="text-brand-700 underline"
                >
                  {task.name || "(no name)"}
                </Link>
                <div className="text-xs text-slate-500">
                  <code>{task.contactId}</code>
                </div>
              </th>
              <td className="px-3 py-2">
                <TaskStatusBadge status={task.status} checkedAt={task.checkedAt} />
                {task.statusProblem ? (
                  <p className="mt-1 text-xs text-amber-800">
                    Could not check: {task.statusProblem}
                  </p>
                ) : null}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                {task.scheduledAt ? <LocalTime iso={task.scheduledAt} /> : "Started at once"}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                <LocalTime iso={task.createdAt} />
              </td>
              <td className="px-3 py-2">{task.createdBy.email ?? "—"}</td>
              <td className="px-3 py-2">
                <RoutingTarget routing={task.routing} />
              </td>
              <td className="px-3 py-2">
                {task.link ? (
                  <>
                    <span className="text-slate-500">
                      {task.link.kind === "previous" ? "Previous:" : "Related:"}
                    </span>{" "}
                    <Link
                      href={`/tasks/${encodeURIComponent(task.link.contactId)}?instance=${encodeURIComponent(task.instanceId)}`}
                      className="text-brand-700 underline"
                    >
                      <code className="text-xs">{task.link.contactId.slice(0, 8)}…</code>
                    </Link>
                  </>
                ) : (
                  <span className="text-slate-500">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
