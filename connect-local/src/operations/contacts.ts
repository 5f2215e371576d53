/**
 * Operations on existing contacts: DescribeContact, ListContactReferences, GetContactAttributes,
 * UpdateContactSchedule and StopContact (docs/connect-api.md, Supporting operations). Each reads
 * the lifecycle as of the current clock (lifecycle.ts), so a scheduled task that has reached its
 * time reads as started.
 */
import { ApiError, invalidRequest } from "../errors";
import { contactView, timeline } from "../lifecycle";
import { reqStr, type Handler } from "./context";
import { checkScheduledTime } from "./task-rules";

export const describeContact: Handler = (input, { store, clock, timestamps }) => {
  const inst = store.instance(reqStr(input, "InstanceId"));
  const c = store.requireContact(inst.instance.Id, reqStr(input, "ContactId"));
  return { Contact: contactView(c, store.attributesOf(c), clock.nowSeconds(), timestamps) };
};

/** Reference type → member of the ReferenceSummary union. */
const SUMMARY_MEMBER: Record<string, string> = {
  URL: "Url",
  STRING: "String",
  NUMBER: "Number",
  DATE: "Date",
  EMAIL: "Email",
  ATTACHMENT: "Attachment",
  CONTACT_ANALYSIS: "ContactAnalysis",
  EMAIL_MESSAGE: "EmailMessage",
  EMAIL_MESSAGE_REDACTED: "EmailMessageRedacted",
  EMAIL_MESSAGE_PLAIN_TEXT: "EmailMessagePlainText",
  EMAIL_MESSAGE_PLAIN_TEXT_REDACTED: "EmailMessagePlainTextRedacted",
};

/** All references of the asked types in one page; NextToken is always null (as documented). */
export const listContactReferences: Handler = (input, { store }) => {
  const inst = store.instance(reqStr(input, "InstanceId"));
  const c = store.requireContact(inst.instance.Id, reqStr(input, "ContactId"));
  const types = (input.ReferenceTypes as string[] | undefined) ?? [];
  if (types.length === 0)
    throw invalidRequest("ReferenceTypes: at least one reference type is required");
  const ReferenceSummaryList = Object.entries(c.References ?? {})
    .filter(([, ref]) => types.includes(ref.Type))
    .map(([Name, ref]) => ({ [SUMMARY_MEMBER[ref.Type] ?? "String"]: { Name, Value: ref.Value } }));
  return { ReferenceSummaryList, NextToken: null };
};

/** The contact's attribute bag; every contact of a PreviousContactId chain shares one. */
export const getContactAttributes: Handler = (input, { store }) => {
  const inst = store.instance(reqStr(input, "InstanceId"));
  const c = store.requireContact(inst.instance.Id, reqStr(input, "InitialContactId"));
  return { Attributes: { ...store.attributesOf(c) } };
};

/**
 * Moves a scheduled task that has neither started nor ended. Same time rules as StartTaskContact;
 * the (maxReschedulesPerTask + 1)-th call → LimitExceededException (429, which the SDK retries).
 * In documented mode only ScheduledTimestamp changes; legacy mode also moves LastUpdateTimestamp
 * to now, as this endpoint always did.
 */
export const updateContactSchedule: Handler = (input, { store, clock, rules, timestamps }) => {
  const inst = store.instance(reqStr(input, "InstanceId"));
  const c = store.requireContact(inst.instance.Id, reqStr(input, "ContactId"));
  const now = clock.nowSeconds();
  if (c.Channel !== "TASK")
    throw invalidRequest(
      `Contact ${c.Id} is a ${c.Channel} contact; only scheduled tasks can be rescheduled.`,
    );
  const t = timeline(c, now);
  if (c.ScheduledTimestamp === undefined)
    throw invalidRequest(`Contact ${c.Id} is not a scheduled task.`);
  if (t.ended) throw invalidRequest(`Contact ${c.Id} has already ended; it cannot be rescheduled.`);
  if (!t.pendingSchedule)
    throw invalidRequest(`Contact ${c.Id} has already started; it cannot be rescheduled.`);
  const scheduled = input.ScheduledTime as number;
  checkScheduledTime(scheduled, now, rules);
  const done = c.RescheduleCount ?? 0;
  if (done >= rules.maxReschedulesPerTask) {
    throw new ApiError(
      "LimitExceededException",
      `Contact ${c.Id} has been rescheduled ${done} times; the limit is ${rules.maxReschedulesPerTask} reschedules per task.`,
    );
  }
  c.ScheduledTimestamp = scheduled;
  c.RescheduleCount = done + 1;
  if (timestamps === "legacy") c.LastUpdateTimestamp = now;
  store.persist();
  return {};
};

/**
 * Ends a contact in any state, scheduled tasks included: DisconnectReason API at now. A contact
 * that exists but has already ended → ContactNotFoundException (410); unknown → 404.
 * The request's DisconnectReason is for outbound campaigns only and is accepted and ignored.
 */
export const stopContact: Handler = (input, { store, clock }) => {
  const inst = store.instance(reqStr(input, "InstanceId"));
  const c = store.requireContact(inst.instance.Id, reqStr(input, "ContactId"));
  const now = clock.nowSeconds();
  if (timeline(c, now).ended) {
    throw new ApiError("ContactNotFoundException", `Contact ${c.Id} has already ended.`);
  }
  c.DisconnectTimestamp = now;
  c.DisconnectReason = "API";
  c.LastUpdateTimestamp = now;
  store.persist();
  return {};
};
