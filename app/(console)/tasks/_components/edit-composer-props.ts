import "server-only";

import type { ComposerEdit, ComposerProps } from "@/lib/composer-contract";
import { scheduleHorizonSeconds, scheduleMaxSeconds, serverEnv } from "@/lib/env";
import { type Role, hasPermission } from "@/lib/permissions";
import { describeConnectOverview } from "@/lib/server/connect/instance";
import type { TaskFormValues } from "@/lib/task/schema";

import { previewOf } from "../new/_components/preview-model";

/** The composer's props for editing what the console holds (a held task, a series): no draft. */
export async function editComposerProps(
  role: Role,
  values: TaskFormValues,
  editing: ComposerEdit,
): Promise<ComposerProps> {
  const env = serverEnv();
  const horizonSeconds = scheduleHorizonSeconds(env);
  const maxSeconds = scheduleMaxSeconds(env);
  const overview = await describeConnectOverview();
  return {
    instances: overview.instances.map((entry) =>
      entry.ok
        ? { id: entry.instance.id, alias: entry.instance.alias }
        : { id: entry.id, alias: entry.id },
    ),
    initialValues: values,
    draftSavedAt: null,
    canSchedule: hasPermission(role, "task.schedule"),
    scheduleHorizonSeconds: horizonSeconds,
    scheduleMaxSeconds: maxSeconds,
    maxLinkedTasks: env.MAX_LINKED_TASKS,
    editing,
    initialPreview: previewOf(values, { horizonSeconds, maxSeconds, templateHasFlow: undefined }),
  };
}
