import type { LookupResponses } from "@/lib/composer-contract";
import { serverEnv } from "@/lib/env";
import { contactQuery } from "@/lib/schemas/lookups";
import { describeContact } from "@/lib/server/connect/contacts";
import { defineLookupRoute } from "@/lib/server/lookup-route";
import { countLinkedTasks } from "@/lib/server/tasks/links";

const iso = (date: Date | null) => date?.toISOString() ?? null;

export const GET = defineLookupRoute(
  "contact",
  contactQuery,
  async ({ query, db }): Promise<LookupResponses["contact"]> => {
    const contact = await describeContact(query.instanceId, query.contactId);
    return {
      contact: {
        id: contact.id,
        channel: contact.channel,
        name: contact.name,
        initiationMethod: contact.initiationMethod,
        initiatedAt: iso(contact.initiatedAt),
        scheduledAt: iso(contact.scheduledAt),
        disconnectedAt: iso(contact.disconnectedAt),
      },
      linkedTasks: {
        used: await countLinkedTasks(db, query.instanceId, contact.id),
        limit: serverEnv().MAX_LINKED_TASKS,
      },
    };
  },
);
