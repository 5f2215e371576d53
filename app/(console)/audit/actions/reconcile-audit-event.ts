"use server";

import { reconcileAuditEventSchema } from "@/lib/schemas/audit";
import { ActionError, defineAction } from "@/lib/server/action";
import { auditScopeFor } from "@/lib/server/audit/query";
import { ReconcileRefusal, reconcilePendingEvent } from "@/lib/server/audit/reconcile";

/**
 * Settles a pending audit entry left by an interrupted call (see lib/server/audit/reconcile.ts).
 * Its own "audit.reconcile" entry (pending, then completed by the wrapper) names the row it
 * settled and how.
 */
const reconcileAuditEventAction = defineAction({
  name: "audit.reconcile",
  permission: "audit.reconcile",
  input: reconcileAuditEventSchema,
  audit: "attempt",
  describe: (input) => ({ targetId: input.id }),
  run: async ({ user, db, input }) => {
    try {
      return await reconcilePendingEvent(db, input.id, {
        scope: auditScopeFor(user),
        reconciledBy: user.email,
      });
    } catch (error) {
      if (error instanceof ReconcileRefusal) throw new ActionError(error.code, error.message);
      throw error;
    }
  },
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
      ...(result.outcome === "failure" ? { errorName: result.errorName } : {}),
    },
  }),
});

export async function reconcileAuditEvent(input: unknown) {
  return reconcileAuditEventAction(input);
}
