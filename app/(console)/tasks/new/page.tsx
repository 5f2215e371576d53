import type { Metadata } from "next";

import { QueryProvider } from "@/components/query-provider";
import type { ComposerProps } from "@/lib/composer-contract";
import { scheduleHorizonSeconds, scheduleMaxSeconds, serverEnv } from "@/lib/env";
import { hasPermission } from "@/lib/permissions";
import { requirePageUser } from "@/lib/server/auth/authorise";
import { describeConnectOverview } from "@/lib/server/connect/instance";
import { getDb } from "@/lib/server/db";
import { loadDraft, newTaskValues } from "@/lib/server/tasks/drafts";
import { prefillFollowUp } from "@/lib/server/tasks/follow-up";
import { firstValues } from "@/lib/url-filters";

import { previewOf } from "./_components/preview-model";
import { TaskComposer } from "./_components/task-composer";

export const metadata: Metadata = { title: "New task" };

/** `?followUp=<contactId>&instance=<id>` opens the composer linked to that contact. */
export default async function NewTaskPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser("task.create");
  const env = serverEnv();
  const horizonSeconds = scheduleHorizonSeconds(env);
  const db = await getDb();
  const query = firstValues(await searchParams);
  const [draft, overview] = await Promise.all([loadDraft(db, user.id), describeConnectOverview()]);
  const followUp = await prefillFollowUp(
    db,
    draft?.values ?? newTaskValues(),
    { followUp: query.followUp, instance: query.instance },
    { hasDraft: draft !== null },
  );
  const props: ComposerProps = {
    instances: overview.instances.map((entry) =>
      entry.ok
        ? { id: entry.instance.id, alias: entry.instance.alias }
        : { id: entry.id, alias: entry.id },
    ),
    initialValues: followUp.values,
    draftSavedAt: draft?.savedAt.toISOString() ?? null,
    canSchedule: hasPermission(user.role, "task.schedule"),
    scheduleHorizonSeconds: horizonSeconds,
    scheduleMaxSeconds: scheduleMaxSeconds(env),
    maxLinkedTasks: env.MAX_LINKED_TASKS,
    notice: followUp.notice,
    initialPreview: previewOf(followUp.values, {
      horizonSeconds,
      maxSeconds: scheduleMaxSeconds(env),
      templateHasFlow: undefined,
    }),
  };
  return (
    <section aria-labelledby="new-task-title" className="space-y-6">
      <div>
        <h1 id="new-task-title" className="text-2xl font-semibold">
          New task
        </h1>
        <p className="mt-1 text-slate-600">
          Compose an Amazon Connect task contact. The preview shows exactly what will be sent.
        </p>
      </div>
      <QueryProvider>
        <TaskComposer {...props} />
      </QueryProvider>
    </section>
  );
}
