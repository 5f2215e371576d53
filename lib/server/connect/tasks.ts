import "server-only";

import {
  StartTaskContactCommand,
  type StartTaskContactCommandInput,
} from "@aws-sdk/client-connect";

import { type BudgetTicket, type CallOptions, callConnect, takeBudget } from "./client";
import { ConnectError } from "./errors";
import type { CallPriority } from "./rate-budget";

export interface StartedTask {
  contactId: string;
  /** AWS request id and SDK attempts, for the audit trail. */
  requestId: string | null;
  attempts: number | null;
}

/**
 * A StartTaskContact token of the budget, taken while the caller writes its audit row: the
 * budget's round trip to the database then costs a person's submit nothing.
 */
export function takeStartBudget(priority?: CallPriority): BudgetTicket {
  return takeBudget("StartTaskContact", priority);
}

/**
 * StartTaskContact. The caller owns the ClientToken (a draft's token, or the one recorded in a
 * pending audit entry), so SDK retries, app retries and reconciliation all create one task.
 * `priority` is the budget's (rate-budget.ts): a bulk job's rows are "background".
 */
export async function startTaskContact(
  input: StartTaskContactCommandInput & { ClientToken: string },
  { priority, budget }: Pick<CallOptions, "priority" | "budget"> = {},
): Promise<StartedTask> {
  const output = await callConnect(new StartTaskContactCommand(input), {
    isMutation: true,
    priority,
    budget,
  });
  if (!output.ContactId) {
    // Connect accepted the request: a task may exist that the console cannot name.
    throw new ConnectError(
      "UNKNOWN",
      "Amazon Connect answered without a ContactId.",
      "MissingContactId",
      200,
      output.$metadata.requestId,
      output.$metadata.attempts,
      true,
    );
  }
  return {
    contactId: output.ContactId,
    requestId: output.$metadata.requestId ?? null,
    attempts: output.$metadata.attempts ?? null,
  };
}
