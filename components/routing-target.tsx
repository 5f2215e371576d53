import type { RoutingTargetKind, TaskListItem } from "@/lib/task/list";

const ROUTING_LABELS: Record<RoutingTargetKind, string> = {
  flow: "Flow",
  quickConnect: "Quick connect",
  template: "Template",
};

/** Where a task was routed: "Flow: General tasks", or the id when the name is unknown. */
export function RoutingTarget({ routing }: { routing: TaskListItem["routing"] }) {
  if (!routing) return <span className="text-slate-500">—</span>;
  return (
    <span>
      <span className="text-slate-500">{ROUTING_LABELS[routing.kind]}:</span>{" "}
      {routing.name ?? <code className="text-xs">{routing.id}</code>}
    </span>
  );
}
