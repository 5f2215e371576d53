import Link from "next/link";

import { PRIMARY_BUTTON } from "@/components/fields/classes";
import { TaskStatusBadge } from "@/components/task-status-badge";
import type { TaskPageData } from "@/lib/server/tasks/task-page";

/** The contact's name, status and id, with the follow-up action. */
export function TaskHeading({
  data,
  name,
  canCreate,
}: {
  data: TaskPageData;
  name: string | null;
  canCreate: boolean;
}) {
  const snapshot = data.contact.ok ? data.contact.value : (data.contact.cached ?? null);
  const followUp = `/tasks/new?followUp=${encodeURIComponent(data.contactId)}&instance=${encodeURIComponent(data.instanceId)}`;
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      <div className="space-y-1">
        <p className="text-sm">
          <Link href="/tasks" className="text-brand-700 underline">
            Tasks
          </Link>
        </p>
        <h1 id="task-title" className="flex flex-wrap items-center gap-3 text-2xl font-semibold">
          {name ?? `Contact ${data.contactId}`}
          <TaskStatusBadge
            status={snapshot?.status ?? null}
            checkedAt={snapshot?.checkedAt.toISOString() ?? null}
          />
        </h1>
        <p className="text-sm text-slate-600">
          Contact id <code className="font-mono break-all">{data.contactId}</code>
          {snapshot ? ` · ${snapshot.contact.channel.toLowerCase()}` : ""}
        </p>
      </div>
      {canCreate ? (
        <Link href={followUp} className={PRIMARY_BUTTON}>
          Create follow-up
        </Link>
      ) : null}
    </div>
  );
}
