import Link from "next/link";

import { LocalTime } from "@/components/local-time";
import type { TaskListItem } from "@/lib/task/list";

/**
 * Held tasks whose release Amazon Connect refused, on the home page: each names Connect's reason
 * and opens its page, where Retry and Edit are. Nothing is shown when there are none.
 */
export function ReleaseFailures({ tasks }: { tasks: TaskListItem[] }) {
  if (tasks.length === 0) return null;
  return (
    <section
      aria-labelledby="release-failures-title"
      className="space-y-3 rounded-lg border border-red-300 bg-red-50 p-5"
    >
      <h2 id="release-failures-title" className="text-lg font-medium text-red-900">
        Release failed
      </h2>
      <p className="text-sm text-red-900">
        Amazon Connect refused {tasks.length === 1 ? "this held task" : "these held tasks"} when the
        console sent {tasks.length === 1 ? "it" : "them"}. Open one to retry or edit it.
      </p>
      <ul className="space-y-2 text-sm">
        {tasks.map((task) => (
          <li key={task.id}>
            <Link
              href={`/tasks/${encodeURIComponent(task.id)}`}
              className="text-brand-700 underline"
            >
              {task.name || "(no name)"}
            </Link>{" "}
            (scheduled for {task.scheduledAt ? <LocalTime iso={task.scheduledAt} /> : "—"}):{" "}
            {task.failureMessage}
          </li>
        ))}
      </ul>
    </section>
  );
}
