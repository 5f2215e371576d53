/**
 * The schema and the local Connect endpoint (written independently, from the service model)
 * must agree: whatever the schema accepts, Connect accepts; whatever Connect refuses, the schema
 * refused first. Values are generated around the limits so both sides of each rule are hit.
 */
import { ConnectClient, StartTaskContactCommand } from "@aws-sdk/client-connect";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DEMO_IDS, type RunningConnectLocal, startConnectLocal } from "@/connect-local/index";

import { REFERENCE_TYPES } from "./limits";
import { toStartTaskContactInput } from "./request";
import { type TaskFormValues, createTaskSchema, emptyTask } from "./schema";
import { instantToZonedLocal } from "./zoned-time";

let connect: RunningConnectLocal;
let client: ConnectClient;

beforeAll(async () => {
  // The linked-task quota depends on history, not on the request: out of scope here.
  connect = await startConnectLocal({
    port: 0,
    throttling: false,
    rules: { maxLinkedTasksPerContact: 1_000_000 },
  });
  client = new ConnectClient({
    endpoint: connect.url,
    region: "us-east-1",
    credentials: { accessKeyId: "LOCAL", secretAccessKey: "local" },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  client.destroy();
  await connect.stop();
});

const I = DEMO_IDS.instanceId;
const agentArn = (instance: string, user: string) =>
  `arn:aws:connect:us-east-1:123456789012:instance/${instance}/agent/${user}`;

const text = (max: number) => fc.string({ minLength: 0, maxLength: max, unit: "grapheme" });

const VALID_REFERENCE_VALUES: Record<(typeof REFERENCE_TYPES)[number], string[]> = {
  URL: ["https://crm.example/cases/1", "http://intranet.example/a?b=c"],
  NUMBER: ["42", "-3.5", "1e3"],
  STRING: ["Prefers mornings", " spaced ", "é✓"],
  DATE: ["2026-12-01T09:00", "2027-01-15T23:59"],
  EMAIL: ["jones@example.com"],
};
const INVALID_REFERENCE_VALUES = ["crm/1", "12,5", "tomorrow", "jones@", ""];

/** Mostly valid values with an occasional edge, so each sample breaks at most a rule or two. */
const mostly = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 7 }, { arbitrary: invalid, weight: 1 });

function arbitraryTask(now: number): fc.Arbitrary<TaskFormValues> {
  return fc
    .record({
      name: mostly(
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 20 }).filter((n) => n.trim() !== ""),
          fc.constant("n".repeat(1024)),
        ),
        fc.constantFrom("", "   ", "n".repeat(1025)),
      ),
      description: mostly(
        fc.oneof(fc.constant(""), text(40), fc.constant("d".repeat(4096))),
        fc.constant("d".repeat(4097)),
      ),
      routing: fc.oneof(
        fc.constantFrom(
          ...[DEMO_IDS.flows.generalTasks, DEMO_IDS.flows.billingTasks].map((id) => ({
            routingKind: "flow" as const,
            contactFlowId: id,
          })),
        ),
        fc.constantFrom(
          ...[DEMO_IDS.quickConnects.agentAlice, DEMO_IDS.quickConnects.queueBilling].map((id) => ({
            routingKind: "quickConnect" as const,
            quickConnectId: id,
          })),
        ),
        fc.constant({
          routingKind: "template" as const,
          taskTemplateId: DEMO_IDS.taskTemplates.refundReview,
        }),
      ),
      references: fc.uniqueArray(
        fc.constantFrom(...REFERENCE_TYPES).chain((type) =>
          fc.record({
            name: mostly(
              fc.constantFrom("Case", "Amount", "Due", "Customer", "Note"),
              fc.constant(""),
            ),
            type: fc.constant(type),
            value: mostly(
              fc.constantFrom(...VALID_REFERENCE_VALUES[type]),
              fc.constantFrom(...INVALID_REFERENCE_VALUES),
            ),
          }),
        ),
        { maxLength: 3, selector: (r) => r.name },
      ),
      attributes: fc.uniqueArray(
        fc.record({
          key: mostly(
            fc.constantFrom("orderId", "customer_id", "a-b", "Locale9"),
            fc.constantFrom("bad key", "", "é"),
          ),
          value: text(20),
        }),
        { maxLength: 3, selector: (a) => a.key },
      ),
      bigAttribute: mostly(fc.constant(0), fc.constantFrom(32_700, 32_767, 32_770)),
      schedule: mostly(
        fc.constantFrom(null, 3_600_000, 5 * 86_400_000),
        fc.constantFrom(-2 * 3_600_000, 7 * 86_400_000),
      ),
      timeZone: fc.constantFrom("UTC", "America/New_York", "Asia/Kolkata"),
      link: mostly<{ linkKind: TaskFormValues["linkKind"]; linkedContactId: string }>(
        fc.constantFrom(
          { linkKind: "none" as const, linkedContactId: "" },
          {
            linkKind: "previous" as const,
            linkedContactId: DEMO_IDS.contacts.chatDeliveryQuestion,
          },
          { linkKind: "related" as const, linkedContactId: DEMO_IDS.contacts.voiceOutageCall },
        ),
        fc.constant({ linkKind: "previous" as const, linkedContactId: "" }),
      ),
      expiry: mostly<readonly [string, string]>(
        fc.constantFrom(
          ["", "hours"],
          ["1", "minutes"],
          ["129600", "minutes"],
          ["90", "days"],
          ["36", "hours"],
        ),
        fc.constantFrom(["0", "minutes"], ["129601", "minutes"], ["91", "days"], ["1.5", "hours"]),
      ),
      createdByArn: mostly(
        fc.constantFrom("", agentArn(I, DEMO_IDS.users[3])),
        fc.constantFrom(agentArn(DEMO_IDS.secondInstanceId, DEMO_IDS.users[3]), "alice"),
      ),
    })
    .map((g): TaskFormValues => ({
      ...emptyTask({ instanceId: I, timeZone: g.timeZone, clientToken: crypto.randomUUID() }),
      name: g.name,
      description: g.description,
      ...g.routing,
      references: g.references,
      // "p" + padding: the attribute alone is 1 + N bytes, so 32,767 is exactly at the limit.
      attributes: g.bigAttribute ? [{ key: "p", value: "p".repeat(g.bigAttribute) }] : g.attributes,
      scheduleMode: g.schedule === null ? "now" : "later",
      scheduledLocal:
        g.schedule === null ? "" : instantToZonedLocal(new Date(now + g.schedule), g.timeZone),
      ...g.link,
      expiryAmount: g.expiry[0],
      expiryUnit: g.expiry[1] as TaskFormValues["expiryUnit"],
      createdByArn: g.createdByArn,
    }));
}

describe("schema and local Connect agree", () => {
  it("accepted by the schema ⇔ accepted by Connect, for generated tasks", async () => {
    const now = Date.now();
    const schema = createTaskSchema({ now: () => new Date(now) });
    const seen = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(arbitraryTask(now), async (values) => {
        const parsed = schema.safeParse(values);
        const request = parsed.success
          ? toStartTaskContactInput(parsed.data, { templateHasFlow: true })
          : null;
        // A refused form is still sent as the browser would have sent it, to see Connect refuse it too.
        const sent = request ?? rawRequest(values);
        const outcome = await client.send(new StartTaskContactCommand(sent)).then(
          () => "accepted",
          (error: Error) => `${error.name}: ${error.message}`,
        );
        if (parsed.success) {
          seen.accepted++;
          expect(outcome, JSON.stringify(request)).toBe("accepted");
        } else if (outcome !== "accepted") {
          seen.refused++;
        }
      }),
      { numRuns: 300, seed: 20261124 },
    );
    // Not vacuous: both sides were exercised.
    expect(seen.accepted).toBeGreaterThan(10);
    expect(seen.refused).toBeGreaterThan(10);
  });
});

/** What a careless client would send for values the schema refused (no trimming, no checks). */
function rawRequest(values: TaskFormValues) {
  const references = Object.fromEntries(
    values.references.map((r) => [r.name, { Type: r.type, Value: r.value }]),
  );
  return {
    InstanceId: values.instanceId,
    Name: values.name,
    Description: values.description || undefined,
    ContactFlowId: values.routingKind === "flow" ? values.contactFlowId : undefined,
    QuickConnectId: values.routingKind === "quickConnect" ? values.quickConnectId : undefined,
    TaskTemplateId: values.routingKind === "template" ? values.taskTemplateId : undefined,
    References: values.references.length ? references : undefined,
    Attributes: values.attributes.length
      ? Object.fromEntries(values.attributes.map((a) => [a.key, a.value]))
      : undefined,
    ClientToken: values.clientToken,
  };
}
