/**
 * One task on the agenda: a task of the tasks list (lib/task/list.ts), in Amazon Connect or held
 * by the console until Connect can take it. Both link to /tasks/<id>.
 */
import type { TaskListItem } from "@/lib/task/list";

export type { HeldState } from "@/lib/task/list";

export type AgendaItem = TaskListItem;

/** Where the agenda links an item: its own page, by ContactId or console id. */
export const agendaItemHref = (item: AgendaItem) => `/tasks/${encodeURIComponent(item.id)}`;
