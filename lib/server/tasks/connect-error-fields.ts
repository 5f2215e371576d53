import "server-only";

import { ERRORS } from "@/lib/errors";
import type { ConnectError } from "@/lib/server/connect/errors";
import type { TaskValues } from "@/lib/task/schema";

/**
 * Puts a Connect refusal next to the field it concerns, so the composer can show it there. The
 * field is chosen from the error code and, for the generic codes, from what Connect's message
 * names. Returns an empty object when no field fits (the message is then shown for the form).
 */
export function connectErrorFields(
  error: ConnectError,
  values: TaskValues,
  maxLinkedTasks: number,
): Record<string, string[]> {
  const message = error.message;
  const at = (field: string, text: string = message) => ({ [field]: [text] });
  switch (error.code) {
    case "QUOTA_LINKED_TASKS":
      return at(
        ERRORS.CONNECT_QUOTA_LINKED_TASKS.field,
        `This contact already has ${maxLinkedTasks} linked tasks, Connect's limit. Link the task as a related contact instead.`,
      );
    case "IDEMPOTENCY_CONFLICT":
      return at(
        ERRORS.CONNECT_IDEMPOTENCY_CONFLICT.field,
        ERRORS.CONNECT_IDEMPOTENCY_CONFLICT.message,
      );
    case "NOT_FOUND":
    case "INVALID_REQUEST":
    case "INVALID_PARAMETER": {
      const rules: [RegExp, string][] = [
        [/quick ?connect/i, "quickConnectId"],
        [/template/i, values.routingKind === "template" ? "taskTemplateId" : "routingKind"],
        [/flow/i, "contactFlowId"],
        [/previous|related|contact/i, "linkedContactId"],
        [/CreatedByUser|agent|user/i, "createdByArn"],
        [/expiry/i, "expiryAmount"],
        [/ScheduledTime|schedule/i, "scheduledLocal"],
        [/reference/i, "references"],
        [/attribute/i, "attributes"],
        [/ClientToken/i, "clientToken"],
        [/instance/i, "instanceId"],
        [/Description/i, "description"],
        [/Name/i, "name"],
      ];
      const match = rules.find(([pattern]) => pattern.test(message));
      return match ? at(match[1]) : {};
    }
    default:
      return {};
  }
}
