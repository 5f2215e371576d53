import "server-only";

import { and, eq, sql } from "drizzle-orm";

import type { Database } from "@/lib/server/db";
import { auditEvent } from "@/lib/server/db/schema";

import { isFirstStartOfContact } from "./start-attempts";

/**
 * How many tasks the console created with `contactId` as their previous contact. Connect has no
 * call that answers this, so the audit trail is the source: "as far as the console knows".
 */
export async function countLinkedTasks(
  db: Database,
  instanceId: string,
  contactId: string,
): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(auditEvent)
    .where(
      and(
        eq(auditEvent.action, "task.start"),
        eq(auditEvent.outcome, "success"),
        eq(auditEvent.instanceId, instanceId),
        sql`${auditEvent.request} ->> 'PreviousContactId' = ${contactId}`,
        isFirstStartOfContact,
      ),
    );
  return row?.count ?? 0;
}
