import type { PreviewModel } from "@/lib/composer-contract";
import { toStartTaskContactInput } from "@/lib/task/request";
import { type TaskFormValues, createTaskSchema } from "@/lib/task/schema";

import { cliCommand } from "./cli-command";
import { SECTION_OF } from "./sections";

/** Computed by the page on the server for the initial values, then by the browser on changes. */
export function previewOf(
  values: TaskFormValues,
  {
    horizonSeconds,
    maxSeconds,
    templateHasFlow,
    now = new Date(),
  }: {
    horizonSeconds: number;
    /** SCHEDULE_MAX_DAYS: a held task's request is previewed as its release will send it. */
    maxSeconds?: number;
    templateHasFlow: boolean | undefined;
    now?: Date;
  },
): PreviewModel {
  const schema = createTaskSchema({
    now: () => now,
    scheduleHorizonSeconds: horizonSeconds,
    scheduleMaxSeconds: maxSeconds,
  });
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const sections = parsed.error.issues.map(
      (issue) => SECTION_OF[String(issue.path[0])] ?? "Task",
    );
    return { isComplete: false, sections: [...new Set(sections)] };
  }
  const input = toStartTaskContactInput(
    parsed.data,
    templateHasFlow === undefined ? {} : { templateHasFlow },
  );
  return { isComplete: true, json: JSON.stringify(input, null, 2), cli: cliCommand(input) };
}
