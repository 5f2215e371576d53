import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { QueryProvider } from "@/components/query-provider";
import { requirePageUser } from "@/lib/server/auth/authorise";
import { getDb } from "@/lib/server/db";
import { loadHeldTaskPage } from "@/lib/server/tasks/held-page";
import { isHeldTaskId } from "@/lib/task/held";

import { editComposerProps } from "../../_components/edit-composer-props";
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
  const props = await editComposerProps(user.role, held.values, { kind: "held", id });
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
