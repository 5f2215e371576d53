import "server-only";

/**
 * Everything the task page shows about one contact: what Connect says now, what the console
 * recorded when it created it, its history and its links. Works for any contact id, also for
 * contacts the console did not create. Each Connect read fails on its own: one slow or refused
 * call leaves the rest of the page readable.
 */
import type { AuditEventView } from "@/lib/audit/trail";
import { isConfiguredInstance } from "@/lib/env";
import { type AuditScope, auditScopeFor } from "@/lib/server/audit/query";
import type { SessionUser } from "@/lib/server/auth/session";
import {
  type ContactReference,
  type ContactSummary,
  describeContact,
  getContactAttributes,
  listContactReferences,
} from "@/lib/server/connect/contacts";
import { ConnectError } from "@/lib/server/connect/errors";
import type { Database } from "@/lib/server/db";

import { type Snapshot, isJustCreated, loadSnapshots, saveSnapshot } from "./snapshots";
import { type TaskLinks, loadTaskLinks } from "./task-page-links";
import {
  type TaskRecord,
  countReschedules,
  findTaskRecord,
  locateContact,
  taskHistory,
} from "./task-record";
import { type ChangeRights, changeRights } from "./task-rights";

export type Loaded<T> = { ok: true; value: T } | { ok: false; message: string };

export interface TaskPageData {
  contactId: string;
  instanceId: string;
  /** Connect's answer now, or why there is none (with the last answer the console kept). */
  contact: Loaded<Snapshot> & { cached?: Snapshot | null };
  references: Loaded<ContactReference[]>;
  attributes: Loaded<Record<string, string>>;
  record: TaskRecord | null;
  history: AuditEventView[];
  reschedulesUsed: number;
  links: TaskLinks;
  rights: ChangeRights;
}

export type TaskPageResult =
  { found: true; data: TaskPageData } | { found: false; message: string };

/**
 * Whose audit entries about this contact the reader sees: all of them with audit.read.all or when
 * they created the task (its history is theirs), otherwise only their own.
 */
function historyScope(user: SessionUser, record: TaskRecord | null): AuditScope {
  const scope = auditScopeFor(user);
  return record?.createdBy.id === user.id ? { ...scope, canReadAll: true } : scope;
}

/** A Connect failure in words for the page; anything else is unexpected and rethrown. */
export const messageOf = (error: unknown): string => {
  if (!(error instanceof ConnectError)) throw error;
  return error.code === "NOT_FOUND"
    ? "Amazon Connect does not know this contact in this instance."
    : error.message;
};

async function settle<T>(read: Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, value: await read };
  } catch (error) {
    return { ok: false, message: messageOf(error) };
  }
}

export type FoundInstance =
  | { ok: true; instanceId: string; described: ContactSummary | null }
  | { ok: false; message: string };

/**
 * The instance to read a contact from: the console's record, else `requestedInstance` when it is
 * configured, else the first configured instance where Connect knows the contact. When finding
 * the instance took a DescribeContact, its answer comes along (`described`).
 */
export async function findContactInstance(
  db: Database,
  contactId: string,
  record: TaskRecord | null,
  requestedInstance: string | undefined,
): Promise<FoundInstance> {
  if (record) return { ok: true, instanceId: record.instanceId, described: null };
  if (requestedInstance && isConfiguredInstance(requestedInstance)) {
    return { ok: true, instanceId: requestedInstance, described: null };
  }
  let described: ContactSummary | null = null;
  try {
    const instanceId = await locateContact(db, contactId, async (instance, id) => {
      described = await describeContact(instance, id);
      return described;
    });
    if (instanceId) return { ok: true, instanceId, described };
    return {
      ok: false,
      message: "Neither the console nor Amazon Connect (in the configured instances) knows it.",
    };
  } catch (error) {
    return {
      ok: false,
      message: `Amazon Connect could not be asked about it: ${messageOf(error)}`,
    };
  }
}

async function readContact(
  db: Database,
  instanceId: string,
  contactId: string,
  record: TaskRecord | null,
  described: ContactSummary | null,
  now: Date,
): Promise<{ contact: TaskPageData["contact"]; isUnknown: boolean }> {
  const justCreated = isJustCreated(record?.createdAt, now);
  try {
    // Eventual consistency: a task created seconds ago may not be readable yet; retry the read,
    // never the create.
    const contact =
      described ?? (await describeContact(instanceId, contactId, { retryNotFound: justCreated }));
    return { contact: { ok: true, value: await saveSnapshot(db, contact, now) }, isUnknown: false };
  } catch (error) {
    const cached = (await loadSnapshots(db, [contactId])).get(contactId) ?? null;
    return {
      contact: { ok: false, message: messageOf(error), cached },
      isUnknown: error instanceof ConnectError && error.code === "NOT_FOUND",
    };
  }
}

export async function loadTaskPage(
  db: Database,
  user: SessionUser,
  contactId: string,
  { requestedInstance, now = new Date() }: { requestedInstance?: string; now?: Date } = {},
): Promise<TaskPageResult> {
  const record = await findTaskRecord(db, contactId);
  const located = await findContactInstance(db, contactId, record, requestedInstance);
  if (!located.ok) return { found: false, message: located.message };
  const { instanceId } = located;

  const { contact, isUnknown } = await readContact(
    db,
    instanceId,
    contactId,
    record,
    located.described,
    now,
  );
  // The URL named an instance, and neither the console nor that instance knows the contact.
  if (!record && isUnknown) {
    return { found: false, message: "Amazon Connect does not know it in the instance named." };
  }
  const summary = contact.ok ? contact.value.contact : (contact.cached?.contact ?? null);
  const recorded = record?.request ?? {};
  const pointer = (connectValue: string | null | undefined, key: string) =>
    connectValue ?? (typeof recorded[key] === "string" ? recorded[key] : null);

  const [references, attributes, history, reschedulesUsed, links] = await Promise.all([
    settle(listContactReferences(instanceId, contactId)),
    // User-defined attributes belong to the chain's initial contact.
    settle(getContactAttributes(instanceId, summary?.initialContactId ?? contactId)),
    // The task's creator sees every entry about it (a supervisor's reschedule of it too).
    taskHistory(db, contactId, historyScope(user, record)),
    countReschedules(db, contactId),
    loadTaskLinks(db, instanceId, contactId, {
      previousContactId: pointer(summary?.previousContactId, "PreviousContactId"),
      relatedContactId: pointer(summary?.relatedContactId, "RelatedContactId"),
    }),
  ]);

  return {
    found: true,
    data: {
      contactId,
      instanceId,
      contact,
      references,
      attributes,
      record,
      history,
      reschedulesUsed,
      links,
      rights: changeRights(
        user,
        record,
        contact.ok
          ? { channel: contact.value.contact.channel, status: contact.value.status }
          : null,
      ),
    },
  };
}
