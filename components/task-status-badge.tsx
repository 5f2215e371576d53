import type { HeldState, TaskListItem } from "@/lib/task/list";
import { TASK_STATUS_LABELS, type TaskStatus } from "@/lib/task/status";

const TONES: Record<TaskStatus, string> = {
  scheduled: "bg-sky-50 text-sky-800 ring-sky-200",
  in_progress: "bg-amber-50 text-amber-900 ring-amber-200",
  ended: "bg-slate-100 text-slate-700 ring-slate-200",
  expired: "bg-rose-50 text-rose-800 ring-rose-200",
  cancelled: "bg-slate-100 text-slate-500 ring-slate-200 line-through",
};

/**
 * A task's status as Connect last reported it. `null` means Connect has not been asked yet (or
 * could not answer); the title says when it was checked, so a stale status is never mistaken for
 * a live one.
 */
export function TaskStatusBadge({
  status,
  checkedAt,
}: {
  status: TaskStatus | null;
  checkedAt?: string | null;
}) {
  const title = checkedAt
    ? `As Amazon Connect reported it at ${checkedAt.slice(0, 19).replace("T", " ")} UTC`
    : "Not checked with Amazon Connect yet";
  if (!status) {
    return (
      <span
        title={title}
        className="rounded px-2 py-0.5 text-xs text-slate-500 ring-1 ring-slate-200"
      >
        Unchecked
      </span>
    );
  }
  return (
    <span
      title={title}
      className={`rounded px-2 py-0.5 text-xs font-medium ring-1 ${TONES[status]}`}
    >
      {TASK_STATUS_LABELS[status]}
    </span>
  );
}

/** A task the console holds (not in Connect yet), or whose release Connect refused. */
export function HeldStateBadge({ state }: { state: HeldState }) {
  return state === "held" ? (
    <span
      title="Held by the console until Amazon Connect's scheduling horizon"
      className="rounded bg-violet-50 px-2 py-0.5 text-xs font-medium text-violet-800 ring-1 ring-violet-200"
    >
      Held
    </span>
  ) : (
    <span
      title="Amazon Connect refused the release"
      className="rounded bg-red-50 px-2 py-0.5 text-xs font-medium text-red-800 ring-1 ring-red-300"
    >
      Release failed
    </span>
  );
}

/** The status of any listed task: Connect's, or a held task's state. */
export function ListedTaskBadge({ task }: { task: TaskListItem }) {
  return task.kind === "held" ? (
    <HeldStateBadge state={task.state} />
  ) : (
    <TaskStatusBadge status={task.status} checkedAt={task.checkedAt} />
  );
}
