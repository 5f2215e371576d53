"use server";

import { z } from "zod";

import { type ActionInput, defineAction } from "@/lib/server/action";
import { log } from "@/lib/server/log";
import { deleteDraft, saveDraft } from "@/lib/server/tasks/drafts";
import { serverTaskSchema } from "@/lib/server/tasks/start-task";
import { submitTask } from "@/lib/server/tasks/submit-task";

const draftLog = log.child({ module: "task.start" });

/**
 * The composer's "Create task": the start-task service (lib/server/tasks/start-task.ts) for the
 * signed-in user, and the user's draft. The composer sends no draft save before it: when the
 * submit does not succeed (refused, failed, outcome unknown), this same request stores the values
 * sent as the draft, so a reload, or a sign-in elsewhere, retries with the same ClientToken; on a
 * success the draft is dropped. While Connect is being asked the draft is whatever autosave last
 * stored (normally already this token, saved 800 ms after the first change), and the pending
 * audit row holds the request and its token for reconcile, should the process die mid-call.
 */
const startTaskAction = defineAction({
  name: "task.start",
  permission: "task.create",
  // Lazy: the horizon comes from the environment, which is only read once a request arrives
  // (never while `next build` imports this module). zod builds it once, on the first parse.
  input: z.lazy(() => serverTaskSchema({ canHold: true })),
  // The row is begun by the service once the request is mapped (it reads the template first).
  audit: "deferred-attempt",
  describe: (values) => ({ instanceId: values.instanceId, clientToken: values.clientToken }),
  run: async ({ user, actor, input, db, beginAttempt, mark }) => {
    try {
      // Beyond Connect's horizon the service holds the task (audited "task.hold", no attempt row).
      return await submitTask(db, { actor, role: user.role }, input, { beginAttempt, mark });
    } catch (error) {
      await saveDraft(db, user.id, input).catch((draftError: unknown) =>
        draftLog.error({ err: draftError }, "keeping the draft after a failed start failed"),
      );
      throw error;
    }
  },
  summarize: (data) =>
    data.kind !== "created"
      ? data.kind === "series"
        ? { detail: { seriesId: data.seriesId } }
        : {}
      : {
          contactId: data.contactId,
          awsRequestId: data.requestId,
          attempts: data.attempts,
          ...(data.answeredFromAuditEvent
            ? { detail: { answeredFromAuditEvent: data.answeredFromAuditEvent } }
            : {}),
        },
  // After the success is written: the draft is done with (this cannot undo the success).
  afterSuccess: ({ user, db }) => deleteDraft(db, user.id),
});

export async function startTask(values: ActionInput<typeof startTaskAction>) {
  const result = await startTaskAction(values);
  if (!result.ok) return result;
  const { data } = result;
  return {
    ok: true as const,
    data:
      data.kind === "series"
        ? {
            kind: "series" as const,
            seriesId: data.seriesId,
            occurrences: data.occurrences.length,
            firstAt: data.occurrences[0]?.scheduledAt.toISOString() ?? null,
            clientToken: values.clientToken,
          }
        : data.kind === "held"
        ? {
            kind: "held" as const,
            heldTaskId: data.heldTaskId,
            scheduledAt: data.scheduledAt.toISOString(),
            releaseAt: data.releaseAt.toISOString(),
            clientToken: data.clientToken,
          }
        : { kind: "created" as const, contactId: data.contactId, clientToken: data.clientToken },
  };
}
