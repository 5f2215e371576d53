/**
 * One task on the agenda. Either a task in Amazon Connect (its id is the ContactId) or a task
 * the console holds until Connect can take it (its id is the console's own; it has no ContactId
 * yet, and its state says whether its release into Connect failed). Both link to /tasks/<id>.
 */
import type { TaskListItem } from "@/lib/task/list";

interface AgendaItemBase extends Omit<TaskListItem, "contactId"> {
  /** What /tasks/<id> finds the task by: the ContactId, or the console id of a held task. */
  id: string;
}

export type HeldState = "held" | "release_failed";

export type AgendaItem =
  | (AgendaItemBase & { kind: "connect"; contactId: string; state?: undefined })
  | (AgendaItemBase & { kind: "held"; contactId: null; state: HeldState });

export type ConnectAgendaItem = Extract<AgendaItem, { kind: "connect" }>;

/** A task of the tasks list as the agenda shows it. */
export function connectAgendaItem(task: TaskListItem): ConnectAgendaItem {
  return { ...task, id: task.contactId, kind: "connect" };
}

export const isConnectItem = (item: AgendaItem): item is ConnectAgendaItem =>
  item.kind === "connect";

export const HELD_STATE_LABELS: Record<HeldState, string> = {
  held: "Held",
  release_failed: "Release failed",
};

/** Where the agenda links an item: its own page, by ContactId or console id. */
export const agendaItemHref = (item: AgendaItem) => `/tasks/${encodeURIComponent(item.id)}`;
