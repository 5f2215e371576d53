import "server-only";

import {
  type Contact,
  DescribeContactCommand,
  GetContactAttributesCommand,
  ListContactReferencesCommand,
  type ReferenceSummary,
  StopContactCommand,
  UpdateContactScheduleCommand,
} from "@aws-sdk/client-connect";

import { callConnect } from "./client";
import { ConnectError } from "./errors";
import { readPages } from "./pages";

/** A contact as the console shows it (any channel: tasks link to calls and chats too). */
export interface ContactSummary {
  id: string;
  instanceId: string;
  channel: string;
  name: string | null;
  description: string | null;
  initiationMethod: string | null;
  initialContactId: string | null;
  initiatedAt: Date | null;
  scheduledAt: Date | null;
  lastUpdatedAt: Date | null;
  disconnectedAt: Date | null;
  disconnectReason: string | null;
  previousContactId: string | null;
  relatedContactId: string | null;
  templateName: string | null;
  /** QueueInfo: where a started task waits, and since when (its start, for a scheduled task). */
  queueId: string | null;
  enqueuedAt: Date | null;
  agentId: string | null;
  /** From the `connect:ContactExpiry` segment attribute, in minutes. */
  expiryMinutes: number | null;
  /** From the `connect:CreatedByUser` segment attribute: an agent ARN. */
  createdByArn: string | null;
}

function toSummary(instanceId: string, contactId: string, contact: Contact | undefined) {
  const segments = contact?.SegmentAttributes ?? {};
  return {
    id: contact?.Id ?? contactId,
    instanceId,
    channel: contact?.Channel ?? "UNKNOWN",
    name: contact?.Name ?? null,
    description: contact?.Description ?? null,
    initiationMethod: contact?.InitiationMethod ?? null,
    initialContactId: contact?.InitialContactId ?? null,
    initiatedAt: contact?.InitiationTimestamp ?? null,
    scheduledAt: contact?.ScheduledTimestamp ?? null,
    lastUpdatedAt: contact?.LastUpdateTimestamp ?? null,
    disconnectedAt: contact?.DisconnectTimestamp ?? null,
    disconnectReason: contact?.DisconnectReason ?? null,
    previousContactId: contact?.PreviousContactId ?? null,
    relatedContactId: contact?.RelatedContactId ?? null,
    templateName: contact?.TaskTemplateInfo?.Name ?? null,
    queueId: contact?.QueueInfo?.Id ?? null,
    enqueuedAt: contact?.QueueInfo?.EnqueueTimestamp ?? null,
    agentId: contact?.AgentInfo?.Id ?? null,
    expiryMinutes:
      segments["connect:ContactExpiry"]?.ValueMap?.ExpiryDuration?.ValueInteger ?? null,
    createdByArn: segments["connect:CreatedByUser"]?.ValueString ?? null,
  } satisfies ContactSummary;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
      const { Contact } = await callConnect(
        new DescribeContactCommand({ InstanceId: instanceId, ContactId: contactId }),
      );
      return toSummary(instanceId, contactId, Contact);
    } catch (error) {
      const delay = delaysMs[attempt];
      if (!(error instanceof ConnectError) || error.code !== "NOT_FOUND" || delay === undefined)
        throw error;
      await sleep(delay);
    }
  }
}

export interface ContactReference {
  name: string;
  type: string;
  value: string;
  /** Attachments only. */
  status: string | null;
}

/** ReferenceSummary is a union keyed by type (API-NOTES 3.13); flatten it. */
function toReference(summary: ReferenceSummary): ContactReference | null {
  for (const [key, variant] of Object.entries(summary)) {
    if (key === "$unknown" || !variant || typeof variant !== "object") continue;
    const entry = variant as { Name?: string; Value?: string; Status?: string };
    return {
      name: entry.Name ?? "",
      type: key.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase(),
      value: entry.Value ?? "",
      status: entry.Status ?? null,
    };
  }
  return null;
}

const READABLE_REFERENCE_TYPES = ["URL", "ATTACHMENT", "STRING", "NUMBER", "DATE", "EMAIL"];

export async function listContactReferences(
  instanceId: string,
  contactId: string,
): Promise<ContactReference[]> {
  const pages = await readPages(
    (nextToken) =>
      new ListContactReferencesCommand({
        InstanceId: instanceId,
        ContactId: contactId,
        ReferenceTypes: READABLE_REFERENCE_TYPES as never,
        NextToken: nextToken,
      }),
    { what: "references on this contact" },
  );
  return pages
    .flatMap((page) => page.ReferenceSummaryList ?? [])
    .map(toReference)
    .filter((reference): reference is ContactReference => reference !== null);
}

/** User-defined attributes; for a chain they belong to the initial contact (API-NOTES 3.16). */
export async function getContactAttributes(
  instanceId: string,
  initialContactId: string,
): Promise<Record<string, string>> {
  const output = await callConnect(
    new GetContactAttributesCommand({ InstanceId: instanceId, InitialContactId: initialContactId }),
  );
  return output.Attributes ?? {};
}

export interface ConnectCallReceipt {
  requestId: string | null;
  attempts: number | null;
}

function receipt(output: {
  $metadata: { requestId?: string; attempts?: number };
}): ConnectCallReceipt {
  return {
    requestId: output.$metadata.requestId ?? null,
    attempts: output.$metadata.attempts ?? null,
  };
}

/** UpdateContactSchedule: moves a task that has not started yet (at most 20 times). */
export async function updateContactSchedule(
  instanceId: string,
  contactId: string,
  scheduledAt: Date,
): Promise<ConnectCallReceipt> {
  const output = await callConnect(
    new UpdateContactScheduleCommand({
      InstanceId: instanceId,
      ContactId: contactId,
      ScheduledTime: scheduledAt,
    }),
    { isMutation: true },
  );
  return receipt(output);
}

/**
 * StopContact: ends a task in any state, a scheduled one included. No DisconnectReason: it is
 * for outbound campaign contacts only (API-NOTES 3.14).
 */
export async function stopContact(
  instanceId: string,
  contactId: string,
): Promise<ConnectCallReceipt> {
  const output = await callConnect(
    new StopContactCommand({ InstanceId: instanceId, ContactId: contactId }),
    { isMutation: true },
  );
  return receipt(output);
}
