"use server";

import { reconcileAuditEventSchema } from "@/lib/schemas/audit";
import { type ActionInput, defineAction } from "@/lib/server/action";
import { auditScopeFor } from "@/lib/server/audit/query";
import { reconcileAuditAttempt } from "@/lib/server/audit/reconcile";

/**
 * Settles an audit entry whose outcome is not known: pending (an interrupted call) or a task
 * start with an unknown outcome (see lib/server/audit/reconcile.ts). Its own "audit.reconcile"
 * entry (pending, then completed by the wrapper) names the row it settled and how.
 */
const reconcileAuditEventAction = defineAction({
  name: "audit.reconcile",
  permission: "audit.reconcile",
  input: reconcileAuditEventSchema,
  audit: "attempt",
  describe: (input) => ({ targetId: input.id }),
  run: async ({ user, db, input }) =>
    reconcileAuditAttempt(db, input.id, {
      scope: auditScopeFor(user),
      reconciledBy: user.email,
    }),
  summarize: (result) => ({
    targetId: result.eventId,
    contactId: result.contactId,
    awsRequestId: result.awsRequestId,
    attempts: result.attempts,
    detail: {
      reconciledAction: result.action,
      resolution: result.resolution,
      outcome: result.outcome,
      clientToken: result.clientToken,
      ...(result.errorName ? { errorName: result.errorName } : {}),
    },
  }),
});

export async function reconcileAuditEvent(input: ActionInput<typeof reconcileAuditEventAction>) {
  return reconcileAuditEventAction(input);
}
