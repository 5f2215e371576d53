"use server";

import { z } from "zod";

import { type ActionInput, defineAction } from "@/lib/server/action";
import { createBulkJob as createBulkJobService } from "@/lib/server/bulk/create";
import { FORM_LIMITS, TASK_LIMITS } from "@/lib/task/limits";

/**
 * "Create N tasks": the server checks the file again (lib/server/bulk/create.ts), stores the job
 * and hands it to the engine; the same file again answers with the earlier job. The file's size
 * and row count are checked there, against the limits in force (lib/bulk/limits.ts).
 */
const createBulkJobAction = defineAction({
  name: "task.bulk.create",
  permission: "task.bulk",
  input: z.object({
    instanceId: z.string().trim().min(1).max(TASK_LIMITS.instanceIdMax),
    timeZone: z.string().min(1).max(FORM_LIMITS.timeZoneMax),
    fileName: z.string().trim().max(255).default("pasted.csv"),
    text: z.string().min(1, "Choose a CSV file or paste its text."),
  }),
  audit: "attempt",
  describe: (input) => ({ instanceId: input.instanceId }),
  run: ({ user, actor, input, db }) =>
    createBulkJobService(
      db,
      { actor, role: user.role },
      {
        ...input,
        fileName: input.fileName || "pasted.csv",
      },
    ),
  summarize: (data) => ({
    targetId: data.jobId,
    detail: {
      readyRows: data.readyRows,
      totalRows: data.totalRows,
      isEarlierJob: data.isEarlierJob,
    },
  }),
});

export async function createBulkJob(input: ActionInput<typeof createBulkJobAction>) {
  return createBulkJobAction(input);
}
