import "server-only";

import {
  StartTaskContactCommand,
  type StartTaskContactCommandInput,
} from "@aws-sdk/client-connect";

import { type CallOptions, callConnect } from "./client";
import { ConnectError } from "./errors";

export interface StartedTask {
  contactId: string;
  /** AWS request id and SDK attempts, for the audit trail. */
  requestId: string | null;
  attempts: number | null;
}

/**
 * StartTaskContact. The caller owns the ClientToken (a draft's token, or the one recorded in a
 * pending audit entry), so SDK retries, app retries and reconciliation all create one task.
 */
export async function startTaskContact(
  input: StartTaskContactCommandInput & { ClientToken: string },
  { priority }: Pick<CallOptions, "priority"> = {},
): Promise<StartedTask> {
  const output = await callConnect(new StartTaskContactCommand(input), {
    isMutation: true,
    priority,
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
