/**
 * StartTaskContact (docs/connect-api.md, StartTaskContact). The model constraints were checked
 * before this runs; here come idempotency, then the semantic rules in the order the README's
 * "StartTaskContact validation order" gives: routing one-of and previous/related exclusivity,
 * existence of referenced resources, references, attributes, schedule and segment attributes, and
 * last the quotas.
 */
import { createHash, randomUUID } from "node:crypto";

import type { SeedFlow, SeedTaskTemplate } from "../../seed/demo";
import { ApiError, invalidRequest, notFound, quotaExceeded } from "../errors";
import { timeline } from "../lifecycle";
import { setOwn, type InstanceData, type StoredContact } from "../state";
import type { Handler, OperationContext } from "./context";
import {
  checkAttributes,
  checkReferences,
  checkScheduledTime,
  checkSegmentAttributes,
} from "./task-rules";

interface StartTaskInput {
  InstanceId: string;
  Name: string;
  Description?: string;
  ContactFlowId?: string;
  QuickConnectId?: string;
  TaskTemplateId?: string;
  PreviousContactId?: string;
  RelatedContactId?: string;
  Attributes?: Record<string, string>;
  References?: Record<string, { Type: string; Value?: string }>;
  ScheduledTime?: number;
  ClientToken?: string;
  SegmentAttributes?: Record<string, Record<string, unknown>>;
}

export const startTaskContact: Handler = (raw, ctx) => {
  const input = raw as unknown as StartTaskInput;
  const { store, clock, rules } = ctx;
  const inst = store.instance(input.InstanceId);
  const now = clock.nowSeconds();

  // Idempotency first among the rules: a retry of a call that succeeded must get the same answer
  // even if a quota or the clock would now refuse it (e.g. the retried 12th linked task).
  const replay = idempotentReplay(ctx, inst.instance.Id, input.ClientToken);
  if (replay) return { ContactId: replay.contactId };

  const template = checkRouting(input, inst);
  const queueId = routedQueue(input, inst);
  const previous =
    input.PreviousContactId !== undefined
      ? existingContact(ctx, inst, input.PreviousContactId, "Previous")
      : undefined;
  const related =
    input.RelatedContactId !== undefined
      ? existingContact(ctx, inst, input.RelatedContactId, "Related")
      : undefined;

  const references = checkReferences(input.References);
  checkAttributes(input.Attributes);
  if (input.ScheduledTime !== undefined) checkScheduledTime(input.ScheduledTime, now, rules);
  const expiryMinutes =
    checkSegmentAttributes(input.SegmentAttributes, inst) ?? rules.defaultTaskExpiryMinutes;

  const tasks = store.tasksOf(inst.instance.Id);
  if (previous) {
    const linked = tasks.filter((t) => t.PreviousContactId === previous.Id).length;
    if (linked >= rules.maxLinkedTasksPerContact) {
      throw quotaExceeded(
        `Service quota exceeded: linked tasks per contact. Contact ${previous.Id} already has ${linked} linked tasks (maximum ${rules.maxLinkedTasksPerContact}).`,
      );
    }
  }
  const active = tasks.filter((t) => !timeline(t, now).ended).length;
  if (active >= rules.maxActiveTasksPerInstance) {
    throw quotaExceeded(
      `Service quota exceeded: active tasks per instance. Instance ${inst.instance.Id} has ${active} active tasks (maximum ${rules.maxActiveTasksPerInstance}).`,
    );
  }

  const id: string = randomUUID();
  const attributes = input.Attributes ?? {};
  let bag = id;
  if (previous) {
    // The chain started by the previous contact shares one bag; this task's keys join it.
    bag = previous.AttributeBag;
    const shared = store.attributesOf(previous);
    for (const [k, v] of Object.entries(attributes)) setOwn(shared, k, v);
  } else {
    // A related contact's attributes are copied once; the request's own keys win.
    store.state.attributeBags[id] = {
      ...(related ? store.attributesOf(related) : {}),
      ...attributes,
    };
  }
  const contact: StoredContact = {
    InstanceId: inst.instance.Id,
    Id: id,
    Arn: `${inst.instance.Arn}/contact/${id}`,
    InitialContactId: id,
    Channel: "TASK",
    InitiationMethod: "API",
    Name: input.Name,
    ...(input.Description !== undefined ? { Description: input.Description } : {}),
    ...(previous ? { PreviousContactId: previous.Id } : {}),
    ...(related ? { RelatedContactId: related.Id } : {}),
    ...(input.ScheduledTime !== undefined
      ? { ScheduledTimestamp: input.ScheduledTime }
      : { InitiationTimestamp: now }),
    CreatedTimestamp: now,
    LastUpdateTimestamp: now,
    ExpiryMinutes: expiryMinutes,
    RescheduleCount: 0,
    ...(queueId !== undefined ? { RoutedQueueId: queueId } : {}),
    ...(template ? { TaskTemplateInfo: { Arn: template.Arn, Name: template.Name } } : {}),
    ...(input.SegmentAttributes ? { SegmentAttributes: input.SegmentAttributes } : {}),
    References: references,
    AttributeBag: bag,
  };
  store.state.contacts[id] = contact;
  if (input.ClientToken !== undefined) {
    store.state.clientTokens[tokenKey(inst.instance.Id, input.ClientToken)] = {
      requestHash: fingerprint(ctx.body),
      contactId: id,
      at: clock.nowMs(),
    };
  }
  store.persist();
  return { ContactId: id };
};

const tokenKey = (instanceId: string, token: string) => `${instanceId}\n${token}`;

/**
 * Same token + same request (canonical JSON) within the TTL → the earlier ContactId. Same token +
 * different request → IdempotencyException (409). Expired tokens are forgotten on the way.
 */
function idempotentReplay(ctx: OperationContext, instanceId: string, token: string | undefined) {
  const tokens = ctx.store.state.clientTokens;
  const nowMs = ctx.clock.nowMs();
  const ttlMs = ctx.rules.clientTokenTtlSeconds * 1000;
  for (const [key, entry] of Object.entries(tokens))
    if (nowMs - entry.at >= ttlMs) delete tokens[key];
  if (token === undefined) return undefined;
  const seen = tokens[tokenKey(instanceId, token)];
  if (!seen) return undefined;
  if (seen.requestHash !== fingerprint(ctx.body)) {
    throw new ApiError(
      "IdempotencyException",
      `ClientToken ${token} was already used with a different request (contact ${seen.contactId}); use a new ClientToken for a new task.`,
    );
  }
  return seen;
}

function fingerprint(body: Record<string, unknown>): string {
  return createHash("sha256").update(canonicalJson(body)).digest("hex");
}

/** JSON with object keys sorted at every level, so key order does not change the fingerprint. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Routing (docs/connect-api.md, Routing): exactly one of ContactFlowId / QuickConnectId /
 * TaskTemplateId, except that a template WITHOUT a flow may (and must) be combined with exactly one
 * ContactFlowId or QuickConnectId. Returns the template used, if any.
 */
function checkRouting(input: StartTaskInput, inst: InstanceData): SeedTaskTemplate | undefined {
  const { ContactFlowId: flowId, QuickConnectId: qcId, TaskTemplateId: templateId } = input;
  const count = [flowId, qcId, templateId].filter((x) => x !== undefined).length;
  if (count === 0)
    throw invalidRequest("One of ContactFlowId, QuickConnectId or TaskTemplateId is required.");
  if (count > 2 || (count === 2 && templateId === undefined)) {
    throw invalidRequest(
      "Only one of ContactFlowId, QuickConnectId or TaskTemplateId may be set (a task template without a flow may be combined with one ContactFlowId or QuickConnectId).",
    );
  }
  if (input.PreviousContactId !== undefined && input.RelatedContactId !== undefined) {
    throw invalidRequest("PreviousContactId and RelatedContactId cannot be used together.");
  }

  let template: SeedTaskTemplate | undefined;
  if (templateId !== undefined) {
    template = inst.taskTemplates.find((t) => t.Id === templateId);
    if (!template) throw notFound(`Task template not found: ${templateId}`);
    if (template.Status !== "ACTIVE")
      throw invalidRequest(
        `Task template ${templateId} is ${template.Status}; only ACTIVE templates can be used.`,
      );
    if (template.ContactFlowId !== undefined && count === 2) {
      throw invalidRequest(
        `Task template ${templateId} has its own flow; send TaskTemplateId without ContactFlowId or QuickConnectId.`,
      );
    }
    if (template.ContactFlowId === undefined && count === 1) {
      throw invalidRequest(
        `Task template ${templateId} has no flow; name a ContactFlowId or QuickConnectId beside it.`,
      );
    }
  }
  const effectiveFlow = flowId ?? template?.ContactFlowId;
  if (effectiveFlow !== undefined) checkFlow(effectiveFlow, inst);
  if (qcId !== undefined) {
    const qc = inst.quickConnects.find((q) => q.QuickConnectId === qcId);
    if (!qc) throw notFound(`Quick connect not found: ${qcId}`);
    const type = qc.QuickConnectConfig.QuickConnectType;
    if (type !== "USER" && type !== "QUEUE") {
      throw invalidRequest(
        `Quick connect ${qcId} is of type ${type}; tasks can use only USER or QUEUE quick connects.`,
      );
    }
  }
  return template;
}

/**
 * The queue a task waits in once it starts: a QUEUE quick connect's own queue, otherwise the
 * instance's first queue (the seed's "General"). Flows are not executed, so this is the one
 * routing decision the endpoint makes; undefined for instances without queues.
 */
function routedQueue(input: StartTaskInput, inst: InstanceData): string | undefined {
  const qc = inst.quickConnects.find((q) => q.QuickConnectId === input.QuickConnectId);
  return qc?.QuickConnectConfig.QueueConfig?.QueueId ?? inst.queues?.[0]?.Id;
}

/** The flow a task starts in must be a published, active inbound flow (CONTACT_FLOW). */
function checkFlow(flowId: string, inst: InstanceData): SeedFlow {
  const flow = inst.flows.find((f) => f.Id === flowId);
  if (!flow) throw notFound(`Contact flow not found: ${flowId}`);
  const problems: string[] = [];
  if (flow.ContactFlowType !== "CONTACT_FLOW")
    problems.push(`its type is ${flow.ContactFlowType}, not CONTACT_FLOW (inbound flow)`);
  if (flow.ContactFlowStatus !== "PUBLISHED")
    problems.push(`it is ${flow.ContactFlowStatus}, not PUBLISHED`);
  if (flow.ContactFlowState !== "ACTIVE")
    problems.push(`it is ${flow.ContactFlowState}, not ACTIVE`);
  if (problems.length > 0)
    throw invalidRequest(`Contact flow ${flowId} cannot start a task: ${problems.join("; ")}.`);
  return flow;
}

function existingContact(
  ctx: OperationContext,
  inst: InstanceData,
  contactId: string,
  role: "Previous" | "Related",
): StoredContact {
  const c = ctx.store.contact(inst.instance.Id, contactId);
  if (!c) throw notFound(`${role} contact not found: ${contactId}`);
  return c;
}
