import "server-only";

import { DescribeContactCommand } from "@aws-sdk/client-connect";

import { callConnect } from "./client";
import { ConnectError } from "./errors";

/** A contact as the console shows it (any channel: tasks link to calls and chats too). */
export interface ContactSummary {
  id: string;
  channel: string;
  name: string | null;
  description: string | null;
  initiationMethod: string | null;
  initiatedAt: Date | null;
  scheduledAt: Date | null;
  disconnectedAt: Date | null;
  disconnectReason: string | null;
  previousContactId: string | null;
  relatedContactId: string | null;
  templateName: string | null;
}

/**
 * DescribeContact. Right after a create Connect may briefly answer "not found" (eventual
 * consistency): with `retryNotFound`, the read is retried a few times; the create never is.
 */
export async function describeContact(
  instanceId: string,
  contactId: string,
  { retryNotFound = false }: { retryNotFound?: boolean } = {},
): Promise<ContactSummary> {
  const delaysMs = retryNotFound ? [250, 500, 1_000] : [];
  for (let attempt = 0; ; attempt++) {
    try {
      const { Contact } = await callConnect((client, options) =>
        client.send(
          new DescribeContactCommand({ InstanceId: instanceId, ContactId: contactId }),
          options,
        ),
      );
      return {
        id: Contact?.Id ?? contactId,
        channel: Contact?.Channel ?? "UNKNOWN",
        name: Contact?.Name ?? null,
        description: Contact?.Description ?? null,
        initiationMethod: Contact?.InitiationMethod ?? null,
        initiatedAt: Contact?.InitiationTimestamp ?? null,
        scheduledAt: Contact?.ScheduledTimestamp ?? null,
        disconnectedAt: Contact?.DisconnectTimestamp ?? null,
        disconnectReason: Contact?.DisconnectReason ?? null,
        previousContactId: Contact?.PreviousContactId ?? null,
        relatedContactId: Contact?.RelatedContactId ?? null,
        templateName: Contact?.TaskTemplateInfo?.Name ?? null,
      };
    } catch (error) {
      const delay = delaysMs[attempt];
      if (!(error instanceof ConnectError) || error.code !== "NOT_FOUND" || delay === undefined)
        throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
