import Link from "next/link";

import { LocalTime } from "@/components/local-time";
import { TaskStatusBadge } from "@/components/task-status-badge";
import type { LinkedContact, LinkedTaskView, TaskLinks } from "@/lib/server/tasks/task-page-links";

import { PageSection, taskHref } from "./page-section";

function ContactLink({ contact, instanceId }: { contact: LinkedContact; instanceId: string }) {
  return (
    <div className="space-y-1 text-sm">
      <p className="flex flex-wrap items-center gap-2">
        <Link href={taskHref(contact.contactId, instanceId)} className="text-brand-700 underline">
          <code className="font-mono text-xs">{contact.contactId}</code>
        </Link>
        {contact.channel ? (
          <span>
            {contact.channel.toLowerCase()} contact
            {contact.name ? ` “${contact.name}”` : ""}
          </span>
        ) : null}
        {contact.status ? <TaskStatusBadge status={contact.status} /> : null}
      </p>
      {contact.problem ? <p className="text-amber-900">{contact.problem}</p> : null}
    </div>
  );
}

function TaskList({
  label,
  tasks,
  instanceId,
  currentId,
}: {
  label: string;
  tasks: LinkedTaskView[];
  instanceId: string;
  currentId: string;
}) {
  if (tasks.length === 0) return <p className="text-sm text-slate-600">None.</p>;
  return (
    <ul aria-label={label} className="divide-y divide-slate-100 text-sm">
      {tasks.map((task) => (
        <li key={task.contactId} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1.5">
          {task.contactId === currentId ? (
            <span aria-current="page" className="font-medium">
              {task.name || "(no name)"} (this task)
            </span>
          ) : (
            <Link href={taskHref(task.contactId, instanceId)} className="text-brand-700 underline">
              {task.name || "(no name)"}
            </Link>
          )}
          <TaskStatusBadge status={task.status} />
          <span className="text-slate-600">
            created <LocalTime iso={task.createdAt.toISOString()} />
            {task.createdByEmail ? ` by ${task.createdByEmail}` : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}

const usage = (used: number, limit: number) =>
  `${used} of ${limit} linked tasks used (as far as the console knows)`;

/** Previous and related contacts, and the tasks the console linked to them or to this one. */
export function TaskLinksSection({
  links,
  contactId,
  instanceId,
}: {
  links: TaskLinks;
  contactId: string;
  instanceId: string;
}) {
  return (
    <PageSection
      id="links"
      title="Links"
      description="Connect lists no chains, so the tasks below are those the console created."
    >
      <div className="space-y-2">
        <h3 className="font-medium">Previous contact</h3>
        {links.previous ? (
          <>
            <ContactLink contact={links.previous.contact} instanceId={instanceId} />
            <p className="text-sm">{usage(links.previous.used, links.limit)}</p>
            <TaskList
              label="Tasks linked to the same previous contact"
              tasks={links.previous.tasks}
              instanceId={instanceId}
              currentId={contactId}
            />
          </>
        ) : (
          <p className="text-sm text-slate-600">None.</p>
        )}
      </div>
      <div className="space-y-2">
        <h3 className="font-medium">Tasks that have this contact as their previous contact</h3>
        <p className="text-sm">{usage(links.children.used, links.limit)}</p>
        <TaskList
          label="Tasks that follow this contact"
          tasks={links.children.tasks}
          instanceId={instanceId}
          currentId={contactId}
        />
      </div>
      <div className="space-y-2">
        <h3 className="font-medium">Related contact</h3>
        {links.related ? (
          <ContactLink contact={links.related} instanceId={instanceId} />
        ) : (
          <p className="text-sm text-slate-600">None.</p>
        )}
      </div>
      <div className="space-y-2">
        <h3 className="font-medium">Tasks related to this contact</h3>
        <TaskList
          label="Tasks related to this contact"
          tasks={links.relatedTasks}
          instanceId={instanceId}
          currentId={contactId}
        />
      </div>
    </PageSection>
  );
}
