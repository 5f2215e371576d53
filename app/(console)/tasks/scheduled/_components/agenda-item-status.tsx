import { TaskStatusBadge } from "@/components/task-status-badge";
import { type AgendaItem, HELD_STATE_LABELS, type HeldState } from "@/lib/task/agenda-item";

const HELD_TONES: Record<HeldState, string> = {
  held: "bg-violet-50 text-violet-800 ring-violet-200",
  release_failed: "bg-rose-50 text-rose-800 ring-rose-300",
};

const HELD_TITLES: Record<HeldState, string> = {
  held: "Held by the console until Amazon Connect can take it",
  release_failed: "Amazon Connect refused this task when the console released it",
};

/**
 * A held task's state, in the same badge shape as Connect's statuses so the two read as one
 * column; TaskStatusBadge itself speaks only for what Connect reported.
 */
export function HeldStateBadge({ state }: { state: HeldState }) {
  return (
    <span
      title={HELD_TITLES[state]}
      className={`rounded px-2 py-0.5 text-xs font-medium ring-1 ${HELD_TONES[state]}`}
    >
      {HELD_STATE_LABELS[state]}
    </span>
  );
}

/** An agenda item's status: Connect's for a Connect task, the console's for a held one. */
export function AgendaItemStatus({ item }: { item: AgendaItem }) {
  return item.kind === "held" ? (
    <HeldStateBadge state={item.state} />
  ) : (
    <TaskStatusBadge status={item.status} checkedAt={item.checkedAt} />
  );
}
