import "server-only";

/**
 * `/tasks/new?followUp=<contactId>&instance=<id>`: the composer opens linked to that contact. As
 * its previous contact while the chain has room (Connect allows MAX_LINKED_TASKS tasks per
 * previous contact), as a related contact once it is full, so the follow-up still lands. Only
 * the instance and the link are applied: a saved draft keeps everything else.
 */
import type { ComposerNotice } from "@/lib/composer-contract";
import { serverEnv } from "@/lib/env";
import { type ContactSummary, describeContact } from "@/lib/server/connect/contacts";
import { ConnectError } from "@/lib/server/connect/errors";
import type { Database } from "@/lib/server/db";
import { contactIdSchema } from "@/lib/task/list";
import type { TaskFormValues } from "@/lib/task/schema";

import { findContactInstance, messageOf } from "./task-page";
import { countLinkedTasks, findTaskRecord } from "./task-record";

export interface FollowUpQuery {
  followUp?: string | undefined;
  instance?: string | undefined;
}

export interface FollowUpPrefill {
  values: TaskFormValues;
  notice: ComposerNotice | null;
}

const TITLE = "Follow-up";

const describeBrief = (contact: ContactSummary) =>
  `${contact.channel.toLowerCase()} contact${contact.name ? ` “${contact.name}”` : ""}`;

export async function prefillFollowUp(
  db: Database,
  base: TaskFormValues,
  query: FollowUpQuery,
  { hasDraft }: { hasDraft: boolean },
): Promise<FollowUpPrefill> {
  if (query.followUp === undefined) return { values: base, notice: null };
  const problem = (message: string): FollowUpPrefill => ({
    values: base,
    notice: {
      title: TITLE,
      tone: "problem",
      messages: [message, hasDraft ? "Your saved draft is shown unchanged." : ""].filter(Boolean),
    },
  });

  const parsed = contactIdSchema.safeParse(query.followUp);
  if (!parsed.success) {
    return problem(
      `The follow-up link names no usable contact id (${parsed.error.issues[0]?.message ?? "invalid"}); nothing was linked.`,
    );
  }
  const contactId = parsed.data;
  const record = await findTaskRecord(db, contactId);
  const located = await findContactInstance(db, contactId, record, query.instance);
  if (!located.ok) return problem(`Contact ${contactId}: ${located.message} Nothing was linked.`);
  const { instanceId } = located;

  let contact = located.described;
  let unconfirmed: string | null = null;
  if (!contact) {
    try {
      contact = await describeContact(instanceId, contactId);
    } catch (error) {
      if (error instanceof ConnectError && error.code === "NOT_FOUND" && !record) {
        return problem(`Amazon Connect does not know contact ${contactId}; nothing was linked.`);
      }
      // Linked anyway: the composer's lookup and Connect itself check it again on submit.
      unconfirmed = `Amazon Connect could not confirm the contact just now (${messageOf(error)}); check the link before creating the task.`;
    }
  }

  const limit = serverEnv().MAX_LINKED_TASKS;
  const used = await countLinkedTasks(db, instanceId, contactId);
  const isChainFull = used >= limit;
  const what = contact ? `${describeBrief(contact)} ${contactId}` : `contact ${contactId}`;
  const messages = [
    isChainFull
      ? `${contactId} already has ${used} linked tasks, Connect's limit; this follow-up is linked as a related contact instead.`
      : `This task follows up ${what}: it is linked as its previous contact (${used} of ${limit} linked tasks used).`,
    unconfirmed,
    hasDraft ? "Your saved draft is kept: only the instance and the link were changed." : null,
  ].filter((message): message is string => message !== null);

  return {
    values: {
      ...base,
      instanceId,
      linkKind: isChainFull ? "related" : "previous",
      linkedContactId: contactId,
    },
    notice: { title: TITLE, tone: "info", messages },
  };
}
