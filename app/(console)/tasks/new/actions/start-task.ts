"use server";

import { z } from "zod";

import { serverEnv } from "@/lib/env";
import { hasPermission } from "@/lib/permissions";
import { ActionError, defineAction } from "@/lib/server/action";
import { getTaskTemplate } from "@/lib/server/connect/catalog";
import { ConnectError } from "@/lib/server/connect/errors";
import { startTaskContact } from "@/lib/server/connect/tasks";
import { connectErrorFields } from "@/lib/server/tasks/connect-error-fields";
import { deleteDraft } from "@/lib/server/tasks/drafts";
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
    throw new ActionError("INVALID_INPUT", "The template needs a few more things.", fieldErrors);
  }
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
  run: async ({ user, input: values, db }) => {
    if (values.scheduleMode === "later" && !hasPermission(user.role, "task.schedule")) {
      throw new ActionError("FORBIDDEN", "Your role cannot schedule tasks; start it now instead.", {
        scheduleMode: ["Your role cannot schedule tasks."],
      });
    }
    if (!serverEnv().CONNECT_INSTANCE_ID.includes(values.instanceId)) {
      throw new ActionError("INVALID_INPUT", "Choose one of the configured instances.", {
        instanceId: ["This instance is not configured in the console."],
      });
    }
    try {
      if (values.routingKind === "template") await checkTemplate(values);
      const started = await startTaskContact(
        toStartTaskContactInput(values, { templateHasFlow: templateHasFlow(values) }),
      );
      await deleteDraft(db, user.id);
      return { ...started, clientToken: values.clientToken };
    } catch (error) {
      if (!(error instanceof ConnectError)) throw error;
      const fieldErrors = connectErrorFields(error, values, serverEnv().MAX_LINKED_TASKS);
      const message =
        error.code === "THROTTLED"
          ? "Connect is busy, nothing was created. Retry: your draft and its client token are kept."
          : error.message;
      throw new ActionError(`CONNECT_${error.code}`, message, fieldErrors, error);
    }
  },
  summarize: (data) => ({
    contactId: data.contactId,
    awsRequestId: data.requestId,
    attempts: data.attempts,
  }),
});

export async function startTask(values: unknown) {
  const result = await startTaskAction(values);
  return result.ok
    ? {
        ok: true as const,
        data: { contactId: result.data.contactId, clientToken: result.data.clientToken },
      }
    : result;
}
