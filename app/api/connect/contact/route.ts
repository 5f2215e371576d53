import { contactQuery } from "@/lib/connect/lookup-query";
import { serverEnv } from "@/lib/env";
import { describeContact } from "@/lib/server/connect/contacts";
import { defineLookupRoute } from "@/lib/server/lookup-route";
import { countLinkedTasks } from "@/lib/server/tasks/task-record";
import { taskTimes } from "@/lib/task/status";

const iso = (date: Date | null) => date?.toISOString() ?? null;

export const GET = defineLookupRoute("contact", contactQuery, async ({ query, db }) => {
  const contact = await describeContact(query.instanceId, query.contactId);
  // A scheduled task's InitiationTimestamp may be its creation, not its start (both readings
  // of Connect's timestamps are handled in one place).
  const { startedAt } =
    contact.channel === "TASK"
      ? taskTimes(contact, new Date())
      : { startedAt: contact.initiatedAt };
  return {
    contact: {
      id: contact.id,
      channel: contact.channel,
      name: contact.name,
      initiationMethod: contact.initiationMethod,
      startedAt: iso(startedAt),
      scheduledAt: iso(contact.scheduledAt),
      disconnectedAt: iso(contact.disconnectedAt),
    },
    linkedTasks: {
      used: await countLinkedTasks(db, query.instanceId, contact.id),
      limit: serverEnv().MAX_LINKED_TASKS,
    },
  };
});
