import Link from "next/link";

import { ColumnHeaders } from "@/components/column-headers";
import { LocalTime } from "@/components/local-time";
import { RoutingTarget } from "@/components/routing-target";
import { ListedTaskBadge } from "@/components/task-status-badge";
import type { TaskListItem } from "@/lib/task/list";

/** The tasks of one page; each name opens the task's page. */
export function TaskTable({ tasks, caption }: { tasks: TaskListItem[]; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <ColumnHeaders
            cellClassName="px-3 py-2 font-medium"
            columns={[
              "Task",
              "Status",
              "Scheduled for",
              "Created",
              "Creator",
              "Routing",
              "Linked to",
            ]}
          />
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tasks.map((task) => (
            <tr key={task.id}>
              <th scope="row" className="px-3 py-2 font-normal">
                <Link
                  href={`/tasks/${encodeURIComponent(task.id)}`}
                  className="text-brand-700 underline"
                >
                  {task.name || "(no name)"}
                </Link>
                <div className="text-xs text-slate-500">
                  {/* A held task has the console's id until Connect gives it a ContactId. */}
                  <code>{task.id}</code>
                </div>
              </th>
              <td className="px-3 py-2">
                <ListedTaskBadge task={task} />
                {task.failureMessage ? (
                  <p className="mt-1 text-xs text-red-800">{task.failureMessage}</p>
                ) : null}
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
              <td className="px-3 py-2">
                {task.createdBy.email ?? "—"}
                {task.bulkJobId ? (
                  <>
                    {" "}
                    <Link
                      className="text-brand-700 underline"
                      href={`/tasks/bulk/${task.bulkJobId}`}
                    >
                      (bulk job)
                    </Link>
                  </>
                ) : null}
              </td>
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
