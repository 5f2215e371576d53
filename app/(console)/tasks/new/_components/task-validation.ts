/**
 * The composer's validation, loaded when the form first validates or its preview first changes:
 * zod and the schema are a sizeable share of the page's JavaScript and of its start-up work.
 */
import { zodResolver } from "@hookform/resolvers/zod";

import { createTaskSchema } from "@/lib/task/schema";

export { previewOf } from "./preview-model";

export function taskResolver(scheduleHorizonSeconds: number, scheduleMaxSeconds: number) {
  return zodResolver(
    createTaskSchema({ now: () => new Date(), scheduleHorizonSeconds, scheduleMaxSeconds }),
  );
}
