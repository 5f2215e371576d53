import "server-only";

/**
 * A held task's page and its edit form, for one reader: found only when they may see it (the
 * tasks list's scope rule), with whether they may change it.
 */
import { scheduleHorizonSeconds } from "@/lib/env";
import type { SessionUser } from "@/lib/server/auth/session";
import type { Database } from "@/lib/server/db";
import type { TaskValues } from "@/lib/task/schema";

import {
  type HeldTask,
  canReadHeldTask,
  findHeldTask,
  heldChangeRefusal,
  releaseMomentOf,
} from "./held";

export interface HeldTaskPage {
  row: HeldTask;
  values: TaskValues;
  releaseAt: Date;
  changeRefusal: string | null;
}

export async function loadHeldTaskPage(
  db: Database,
  user: SessionUser,
  id: string,
): Promise<HeldTaskPage | null> {
  const row = await findHeldTask(db, id);
  if (!row || !canReadHeldTask(user, row)) return null;
  return {
    row,
    values: row.values as TaskValues,
    releaseAt: releaseMomentOf(row.scheduledAt, scheduleHorizonSeconds()),
    changeRefusal: heldChangeRefusal(user, row),
  };
}
