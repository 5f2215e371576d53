import type { Metadata } from "next";

import { QueryProvider } from "@/components/query-provider";
import { scheduleHorizonSeconds, scheduleMaxSeconds } from "@/lib/env";
import { hasPermission } from "@/lib/permissions";
import { auditScopeFor } from "@/lib/server/audit/query";
import { requirePageUser } from "@/lib/server/auth/authorise";
import { getDb } from "@/lib/server/db";
import { loadHeldTaskPage } from "@/lib/server/tasks/held-page";
import { loadTaskPage } from "@/lib/server/tasks/task-page";
import { isHeldTaskId } from "@/lib/task/held";
import { contactIdSchema } from "@/lib/task/list";
import { firstValues } from "@/lib/url-filters";

import { ConnectFacts } from "./_components/connect-facts";
import { ConsoleRecord } from "./_components/console-record";
import { ContactNotFound } from "./_components/contact-not-found";
import { HeldTaskView } from "./_components/held-task-view";
import { TaskChanges } from "./_components/task-changes";
import { TaskHeading } from "./_components/task-heading";
import { TaskHistory } from "./_components/task-history";
import { TaskLinksSection } from "./_components/task-links";

interface TaskPageProps {
  params: Promise<{ contactId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: TaskPageProps): Promise<Metadata> {
  return { title: `Task ${(await params).contactId}` };
}

/**
 * One contact, any contact: what Connect says about it now, what the console recorded when it
 * created it, its history and links, and (for those allowed) reschedule and cancel.
 */
export default async function TaskPage({ params, searchParams }: TaskPageProps) {
  const user = await requirePageUser("task.read.own");
  const { contactId: raw } = await params;
  // A held task's console id: the console holds it until Connect's horizon (no Connect call).
  if (isHeldTaskId(raw)) {
    const held = await loadHeldTaskPage(await getDb(), user, raw);
    if (!held)
      return <ContactNotFound contactId={raw} reason="There is no held task with this id." />;
    const { row } = held;
    return (
      <HeldTaskView
        task={{
          id: row.id,
          state: row.state,
          values: held.values,
          scheduledAt: row.scheduledAt.toISOString(),
          releaseAt: held.releaseAt.toISOString(),
          clientToken: row.clientToken,
          contactId: row.contactId,
          failureMessage: row.failureMessage,
          createdByEmail: row.createdByEmail,
          createdAt: row.createdAt.toISOString(),
          changeRefusal: held.changeRefusal,
          seriesId: row.seriesId,
        }}
      />
    );
  }
  const parsed = contactIdSchema.safeParse(raw);
  if (!parsed.success) {
    return <ContactNotFound contactId={raw} reason="This is not a contact id." />;
  }
  const query = firstValues(await searchParams);
  const result = await loadTaskPage(await getDb(), user, parsed.data, {
    requestedInstance: query.instance,
  });
  if (!result.found) return <ContactNotFound contactId={parsed.data} reason={result.message} />;

  const { data } = result;
  const snapshot = data.contact.ok ? data.contact.value : (data.contact.cached ?? null);
  const recordedName = data.record?.request.Name;
  const name =
    snapshot?.contact.name ?? (typeof recordedName === "string" ? recordedName : null) ?? null;
  return (
    <section aria-labelledby="task-title" className="space-y-6">
      <TaskHeading data={data} name={name} canCreate={hasPermission(user.role, "task.create")} />
      <QueryProvider>
        <TaskChanges
          instanceId={data.instanceId}
          contactId={data.contactId}
          taskName={name ?? "(no name)"}
          scheduledAt={snapshot?.contact.scheduledAt?.toISOString() ?? null}
          reschedulesUsed={data.reschedulesUsed}
          horizonSeconds={scheduleHorizonSeconds()}
          maxSeconds={scheduleMaxSeconds()}
          rights={data.rights}
        />
      </QueryProvider>
      <ConnectFacts data={data} />
      <ConsoleRecord
        record={data.record}
        canSeeRequest={
          hasPermission(user.role, "task.read.all") || data.record?.createdBy.id === user.id
        }
      />
      <TaskHistory
        contactId={data.contactId}
        events={data.history}
        canReadAll={auditScopeFor(user).canReadAll || data.record?.createdBy.id === user.id}
      />
      <TaskLinksSection
        links={data.links}
        contactId={data.contactId}
        instanceId={data.instanceId}
      />
    </section>
  );
}
