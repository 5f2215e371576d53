"use server";

import { z } from "zod";

import { serverEnv } from "@/lib/env";
import { hasPermission } from "@/lib/permissions";
import { AppError, connectCode } from "@/lib/errors";
import { type ActionInput, defineAction } from "@/lib/server/action";
import { redact } from "@/lib/server/audit/redact";
import { getTaskTemplate } from "@/lib/server/connect/catalog";
import { ConnectError } from "@/lib/server/connect/errors";
import { startTaskContact } from "@/lib/server/connect/tasks";
import type { Database } from "@/lib/server/db";
import { log } from "@/lib/server/log";
import { connectErrorFields } from "@/lib/server/tasks/connect-error-fields";
import { deleteDraft } from "@/lib/server/tasks/drafts";
import {
  canonicalJson,
  settleUnknownStarts,
  tokenHistory,
} from "@/lib/server/tasks/start-attempts";
import { toStartTaskContactInput } from "@/lib/task/request";
import type { TaskValues } from "@/lib/task/schema";

import { serverTaskSchema } from "./task-rules";

/** With a template, a flow or quick connect beside it is only sent for a template without one. */
const templateHasFlow = (values: TaskValues) => !(values.contactFlowId || values.quickConnectId);

/** Checks what only the template itself can tell: it exists, is active, its flow and required fields. */
async function checkTemplate(values: TaskValues): Promise<void> {
  const template = await getTaskTemplate(values.instanceId, values.taskTemplateId);
  const fieldErrors: Record<string, string[]> = {};
  if (!template.isActive)
    fieldErrors.taskTemplateId = ["This template is inactive; choose an active one."];
  if (!template.contactFlowId && templateHasFlow(values)) {
    fieldErrors.contactFlowId = [
      "This template has no flow: choose a flow or a quick connect to run it.",
    ];
  }
  if (template.contactFlowId && !templateHasFlow(values)) {
    fieldErrors.contactFlowId = [
      "This template runs its own flow; remove the extra flow or quick connect.",
    ];
  }
  for (const field of template.fields) {
    if (!field.isRequired) continue;
    const filled =
      field.type === "NAME"
        ? values.name
        : field.type === "DESCRIPTION"
          ? values.description
          : field.type === "SCHEDULED_TIME"
            ? values.scheduleMode === "later"
            : field.type === "QUICK_CONNECT"
              ? // A flowless template runs with a flow or a quick connect beside it: either will do.
                values.quickConnectId || values.contactFlowId
              : field.type === "EXPIRY_DURATION"
                ? values.expiryAmount
                : field.type === "SELF_ASSIGN"
                  ? true
                  : (values.templateFields[field.name]?.value ?? field.defaultValue ?? "");
    if (!filled)
      (fieldErrors[`templateFields.${field.name}.value`] ??= []).push("Required by the template.");
  }
  if (Object.keys(fieldErrors).length > 0) {
    throw new AppError("INVALID_INPUT", {
      message: "The template needs a few more things.",
      fieldErrors,
    });
  }
}

const UNKNOWN_OUTCOME_MESSAGE =
  "Outcome unknown: Amazon Connect did not confirm whether the task was created.";

const startLog = log.child({ module: "task.start" });

type StartInput = ReturnType<typeof toStartTaskContactInput>;

/**
 * What the record already knows about this ClientToken, before Connect is asked: a task it
 * created (answered as is, when the request is the same), or an attempt with an unknown outcome
 * older than the window in which Connect is assumed to remember the token (refused: sending it
 * again could create a second task).
 */
async function answerFromRecord(
  db: Database,
  request: StartInput,
  auditId: string | null,
): Promise<{ contactId: string; answeredFromAuditEvent: string } | null> {
  const key = { instanceId: request.InstanceId!, clientToken: request.ClientToken };
  const history = await tokenHistory(db, key, auditId);
  const recorded = JSON.parse(JSON.stringify(redact(request))) as unknown;
  if (history.success && canonicalJson(history.success.request) === canonicalJson(recorded)) {
    return {
      contactId: history.success.contactId,
      answeredFromAuditEvent: history.success.auditId,
    };
  }
  const windowMinutes = serverEnv().CONNECT_IDEMPOTENCY_WINDOW_MINUTES;
  if (
    !history.success &&
    history.oldestUnsettledAt &&
    Date.now() - history.oldestUnsettledAt.getTime() > windowMinutes * 60_000
  ) {
    throw new AppError("CONFLICT", {
      message:
        `This task was first sent more than ${windowMinutes} minutes ago and Amazon Connect never ` +
        "confirmed whether it created it. Look for it in Amazon Connect by its name; if it is not " +
        "there, start a new task (Advanced, New task).",
      fieldErrors: {
        clientToken: [
          "Amazon Connect may no longer remember this client token: sending it again could create a second task.",
        ],
      },
    });
  }
  return null;
}

const startTaskAction = defineAction({
  name: "task.start",
  permission: "task.create",
  // Lazy: the horizon comes from the environment, which is only read once a request arrives
  // (never while `next build` imports this module).
  input: z.lazy(serverTaskSchema),
  audit: "attempt",
  describe: (values) => ({
    instanceId: values.instanceId,
    clientToken: values.clientToken,
    request: toStartTaskContactInput(values, { templateHasFlow: templateHasFlow(values) }),
  }),
  run: async ({ user, input: values, db, auditId }) => {
    if (values.scheduleMode === "later" && !hasPermission(user.role, "task.schedule")) {
      throw new AppError("FORBIDDEN", {
        message: "Your role cannot schedule tasks; start it now instead.",
        fieldErrors: {
          scheduleMode: ["Your role cannot schedule tasks."],
        },
      });
    }
    if (!serverEnv().CONNECT_INSTANCE_ID.includes(values.instanceId)) {
      throw new AppError("INVALID_INPUT", {
        message: "Choose one of the configured instances.",
        fieldErrors: {
          instanceId: ["This instance is not configured in the console."],
        },
      });
    }
    const request = toStartTaskContactInput(values, { templateHasFlow: templateHasFlow(values) });
    const known = await answerFromRecord(db, request, auditId);
    if (known) {
      return {
        contactId: known.contactId,
        requestId: null,
        attempts: 0,
        clientToken: values.clientToken,
        answeredFromAuditEvent: known.answeredFromAuditEvent,
      };
    }
    try {
      if (values.routingKind === "template") await checkTemplate(values);
      const started = await startTaskContact(request);
      return { ...started, clientToken: values.clientToken, answeredFromAuditEvent: null };
    } catch (error) {
      if (!(error instanceof ConnectError)) throw error;
      if (error.isOutcomeUnknown) {
        // The draft and its token stay as they are: the retry is how the outcome is learnt.
        throw new AppError(connectCode(error.code), {
          message: UNKNOWN_OUTCOME_MESSAGE,
          cause: error,
        });
      }
      const fieldErrors = connectErrorFields(error, values, serverEnv().MAX_LINKED_TASKS);
      // Busy, whether Connect or the console's own pacing said so: the vocabulary's one text.
      const message = error.code === "THROTTLED" ? {} : { message: error.message };
      throw new AppError(connectCode(error.code), { ...message, fieldErrors, cause: error });
    }
  },
  summarize: (data) => ({
    contactId: data.contactId,
    awsRequestId: data.requestId,
    attempts: data.attempts,
    ...(data.answeredFromAuditEvent
      ? { detail: { answeredFromAuditEvent: data.answeredFromAuditEvent } }
      : {}),
  }),
  // After the success is written: earlier attempts with an unknown outcome were this task, and
  // the draft is done with. Neither can undo the success if it fails.
  afterSuccess: async ({ user, input: values, db, auditId }, data) => {
    if (auditId) {
      const settled = await settleUnknownStarts(
        db,
        { instanceId: values.instanceId, clientToken: values.clientToken },
        { auditId, contactId: data.contactId },
      );
      if (settled > 0) startLog.info({ auditId, settled }, "earlier unknown attempts settled");
    }
    await deleteDraft(db, user.id);
  },
});

export async function startTask(values: ActionInput<typeof startTaskAction>) {
  const result = await startTaskAction(values);
  return result.ok
    ? {
        ok: true as const,
        data: { contactId: result.data.contactId, clientToken: result.data.clientToken },
      }
    : result;
}
