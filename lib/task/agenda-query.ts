/**
 * The agenda's URL: which view, and (for readers of every task) whose tasks. Unknown values fall
 * back to the defaults rather than failing: these are toggles, not typed input.
 */
import { z } from "zod";

export const AGENDA_VIEWS = ["grid", "list"] as const;
export type AgendaView = (typeof AGENDA_VIEWS)[number];
export type AgendaScope = "mine" | "all";

export const agendaQuerySchema = z.object({
  view: z.enum(AGENDA_VIEWS).catch("grid").default("grid"),
  /** Left out: everyone's tasks for those who may read them all. */
  scope: z.enum(["mine", "all"]).optional().catch(undefined),
});

export function agendaHref(query: { view: AgendaView; scope: AgendaScope }): string {
  return `/tasks/scheduled?${new URLSearchParams(query).toString()}`;
}
