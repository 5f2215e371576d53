import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { QueryProvider } from "@/components/query-provider";
import type { ComposerProps } from "@/lib/composer-contract";
import { scheduleHorizonSeconds, scheduleMaxSeconds, serverEnv } from "@/lib/env";
import { hasPermission } from "@/lib/permissions";
import { requirePageUser } from "@/lib/server/auth/authorise";
import { describeConnectOverview } from "@/lib/server/connect/instance";
import { getDb } from "@/lib/server/db";
import { loadHeldTaskPage } from "@/lib/server/tasks/held-page";
import { isHeldTaskId } from "@/lib/task/held";

import { previewOf } from "../../new/_components/preview-model";
import { TaskComposer } from "../../new/_components/task-composer";
import { ContactNotFound } from "../_components/contact-not-found";

export const metadata: Metadata = { title: "Edit held task" };

/**
 * Every field of a held task, in the composer prefilled with its values; saving changes the held
 * task only (no Connect call) and keeps its ClientToken. Only held tasks are edited here.
 */
export default async function EditHeldTaskPage({
  params,
}: {
  params: Promise<{ contactId: string }>;
}) {
  const user = await requirePageUser("task.manage.own");
  const { contactId: id } = await params;
  if (!isHeldTaskId(id)) notFound();
  const held = await loadHeldTaskPage(await getDb(), user, id);
  if (!held) return <ContactNotFound contactId={id} reason="There is no held task with this id." />;
  const isChangeable = held.row.state === "held" || held.row.state === "release_failed";
  if (held.changeRefusal || !isChangeable) {
    return (
      <ContactNotFound
        contactId={id}
        reason={held.changeRefusal ?? "This task is no longer held; it cannot be edited here."}
      />
    );
  }
  const env = serverEnv();
  const horizonSeconds = scheduleHorizonSeconds(env);
  const maxSeconds = scheduleMaxSeconds(env);
  const overview = await describeConnectOverview();
  const props: ComposerProps = {
    instances: overview.instances.map((entry) =>
      entry.ok
        ? { id: entry.instance.id, alias: entry.instance.alias }
        : { id: entry.id, alias: entry.id },
    ),
    initialValues: held.values,
    draftSavedAt: null,
    canSchedule: hasPermission(user.role, "task.schedule"),
    scheduleHorizonSeconds: horizonSeconds,
    scheduleMaxSeconds: maxSeconds,
    maxLinkedTasks: env.MAX_LINKED_TASKS,
    editing: { kind: "held", id },
    initialPreview: previewOf(held.values, {
      horizonSeconds,
      maxSeconds,
      templateHasFlow: undefined,
    }),
  };
  return (
    <section aria-labelledby="edit-held-title" className="space-y-6">
      <div>
        <h1 id="edit-held-title" className="text-2xl font-semibold">
          Edit held task
        </h1>
        <p className="mt-1 text-slate-600">
          The console holds this task until Amazon Connect can take it; your changes are sent with
          it then. Nothing is sent to Connect now.
        </p>
      </div>
      <QueryProvider>
        <TaskComposer {...props} />
      </QueryProvider>
    </section>
  );
}
