import "server-only";

import { serverEnv } from "@/lib/env";
import { createTaskSchema } from "@/lib/task/schema";

/** The task schema with the server's clock and the configured horizon. */
export function serverTaskSchema() {
  const env = serverEnv();
  return createTaskSchema({
    now: () => new Date(),
    scheduleHorizonSeconds: env.SCHEDULE_HORIZON_DAYS * 86_400,
  });
}
