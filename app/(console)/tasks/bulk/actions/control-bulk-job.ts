"use server";

import { z } from "zod";

import { type ActionInput, defineAction } from "@/lib/server/action";
import { BULK_CONTROLS, controlBulkJob as controlBulkJobService } from "@/lib/server/bulk/jobs";

/** Pause, Resume and Cancel on the job page (lib/server/bulk/jobs.ts says who may). */
const controlBulkJobAction = defineAction({
  name: "task.bulk.control",
  permission: "task.bulk",
  input: z.object({ jobId: z.uuid(), control: z.enum(BULK_CONTROLS) }),
  audit: "attempt",
  describe: (input) => ({ targetId: input.jobId }),
  run: ({ user, input, db }) => controlBulkJobService(db, input.jobId, user, input.control),
  summarize: (data) => ({ detail: { state: data.state } }),
});

export async function controlBulkJob(input: ActionInput<typeof controlBulkJobAction>) {
  return controlBulkJobAction(input);
}
