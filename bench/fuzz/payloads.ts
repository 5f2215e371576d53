/**
 * Valid inputs, one generator per server action and route handler of the console: what the
 * console's own forms send. The near-valid and hostile classes start from these, so a request
 * that differs from a valid one in one field is always one mutation away.
 */
import fc from "fast-check";

import {
  SEEDED_CONTACTS,
  futureInstant,
  localIn,
  pick,
  taskValues,
  text,
  zone,
} from "./task-values";
import { DEMO_IDS } from "../../connect-local/index";

export interface FuzzPools {
  /** Accounts the fuzzer created to be disabled, demoted or signed in (never its callers). */
  victims: { id: string; email: string; password: string }[];
  /** Scheduled tasks created at setup, with the time they were scheduled for. */
  scheduled: { contactId: string; scheduledAt: string }[];
  /** Tasks started at setup (not scheduled). */
  started: string[];
  auditIds: string[];
}

const I = DEMO_IDS;
const password = fc.string({ minLength: 12, maxLength: 40 }).filter((p) => p.length >= 12);
const role = pick(["admin", "supervisor", "lead", "support"]);
const victim = (pools: FuzzPools) => pick(pools.victims);
const instance = pick([I.instanceId, I.secondInstanceId]);
const day = fc
  .integer({ min: -30, max: 5 })
  .map((d) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10));

/** A valid argument for each action, by its export name. */
export function validActionInput(exportName: string, pools: FuzzPools): fc.Arbitrary<unknown> {
  const scheduled = pick(pools.scheduled);
  const anyTask = pick([...pools.started, ...pools.scheduled.map((s) => s.contactId)]);
  switch (exportName) {
    case "signIn":
      return fc.oneof(
        victim(pools).map((v) => ({ email: v.email, password: v.password })),
        fc.record({
          email: fc.stringMatching(/^[a-z][a-z0-9]{0,15}@[a-z]{1,10}\.(?:org|com)$/),
          password,
        }),
      );
    case "signOut":
      return fc.constant({});
    case "createUser":
      return fc.record({
        name: text(60).map((n) => n.trim() || "Fuzz user"),
        email: fc.uuid().map((id) => `fuzz-${id.slice(0, 13)}@example.org`),
        role,
        password,
      });
    case "setUserRole":
      return fc.record({ userId: victim(pools).map((v) => v.id), role });
    case "disableUser":
      return fc.record({
        userId: victim(pools).map((v) => v.id),
        reason: fc.option(text(100), { nil: undefined }),
      });
    case "enableUser":
    case "revokeUserSessions":
      return fc.record({ userId: victim(pools).map((v) => v.id) });
    case "reconcileAuditEvent":
      return fc.record({ id: fc.oneof(pick(pools.auditIds), fc.uuid()) });
    case "refreshTaskStatuses":
      return fc.record({ contactIds: fc.uniqueArray(anyTask, { minLength: 1, maxLength: 10 }) });
    case "cancelTask":
      return fc.record({ instanceId: fc.constant(I.instanceId), contactId: anyTask });
    case "rescheduleTask":
      return fc.oneof(
        fc
          .record({
            instanceId: fc.constant(I.instanceId),
            contactId: scheduled.map((s) => s.contactId),
            mode: fc.constant("at"),
            timeZone: zone,
            at: futureInstant,
          })
          .map(({ at, ...input }) => ({ ...input, scheduledLocal: localIn(at, input.timeZone) })),
        fc
          .record({
            instanceId: fc.constant(I.instanceId),
            task: scheduled,
            mode: fc.constant("offset"),
            offsetMinutes: pick([15, 60, 1_440, -60]),
          })
          .map(({ task, ...input }) => ({
            ...input,
            contactId: task.contactId,
            fromScheduledAt: task.scheduledAt,
          })),
      );
    case "startTask":
    case "saveDraft":
      return taskValues({ canSchedule: true });
    case "discardDraft":
      return fc.record({ timeZone: fc.option(zone, { nil: undefined }) });
    default:
      // An action added later still gets hostile and raw cases; its valid class is an empty object.
      return fc.constant({});
  }
}

/** Valid query parameters for each route handler, by URL path. */
export function validRouteQuery(
  urlPath: string,
  pools: FuzzPools,
): fc.Arbitrary<Record<string, string>> {
  switch (urlPath) {
    case "/api/connect/template":
      return fc.record({
        instanceId: fc.constant(I.instanceId),
        templateId: pick(Object.values(I.taskTemplates)),
      });
    case "/api/connect/contact":
      return fc.record({
        instanceId: fc.constant(I.instanceId),
        contactId: pick([...SEEDED_CONTACTS, ...pools.started]),
      });
    case "/api/audit/export":
      return fc
        .record(
          {
            person: pick(["admin@demo.example", "lead", "fuzz"]),
            action: pick(["task.start", "task.", "auth.sign_in", "user.create"]),
            outcome: pick(["pending", "success", "failure", "denied"]),
            from: day,
            q: text(20),
          },
          { requiredKeys: [] },
        )
        .map((query) => ({ ...query, ...(query.from ? { to: query.from } : {}) }));
    default:
      return fc.record({ instanceId: instance });
  }
}
