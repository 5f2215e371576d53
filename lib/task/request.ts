import type { Reference, StartTaskContactCommandInput } from "@aws-sdk/client-connect";

import { TEMPLATE_FIELD_REFERENCE_TYPE, expiryMinutes } from "./fields";
import { TASK_LIMITS } from "./limits";
import type { TaskValues } from "./schema";
import { zonedLocalToInstant } from "./zoned-time";

/** A DATE reference travels as epoch seconds in a string (a date string is refused by Connect). */
function epochSecondsText(local: string, timeZone: string): string {
  const result = zonedLocalToInstant(local, timeZone);
  if (!result.ok) throw new Error(`Not a valid date in ${timeZone}: ${local}`);
  return String(Math.floor(result.instant.getTime() / 1000));
}

/**
 * Parsed task values → the exact StartTaskContact input. Only the chosen routing member is set;
 * empty optional parts are left out rather than sent empty. The preview shows this object as it
 * is, and the start-task service sends it (computed once per submit).
 *
 * Beside a template, whether a flow or quick connect is sent is the template's fact, never the
 * user's choice: `templateHasFlow` is `hasOwnFlow(template)` (template-rules.ts) of the template
 * as GetTaskTemplate describes it. A template without its own flow is sent with the flow or quick
 * connect chosen beside it; one with its own flow alone, as is a template not read yet (undefined).
 */
export function toStartTaskContactInput(
  values: TaskValues,
  options: { templateHasFlow?: boolean } = {},
): StartTaskContactCommandInput & { ClientToken: string } {
  const input: StartTaskContactCommandInput & { ClientToken: string } = {
    InstanceId: values.instanceId,
    Name: values.name,
    ClientToken: values.clientToken,
  };
  if (values.description) input.Description = values.description;

  if (values.routingKind === "flow") input.ContactFlowId = values.contactFlowId;
  if (values.routingKind === "quickConnect") input.QuickConnectId = values.quickConnectId;
  if (values.routingKind === "template") {
    input.TaskTemplateId = values.taskTemplateId;
    if (options.templateHasFlow === false) {
      if (values.contactFlowId) input.ContactFlowId = values.contactFlowId;
      else if (values.quickConnectId) input.QuickConnectId = values.quickConnectId;
    }
  }

  const references: Record<string, Reference> = {};
  if (values.routingKind === "template") {
    for (const [name, field] of Object.entries(values.templateFields)) {
      if (field.value === "") continue;
      const type = TEMPLATE_FIELD_REFERENCE_TYPE[field.type];
      const value =
        type === "DATE" ? epochSecondsText(field.value, values.timeZone) : field.value.trim();
      references[name] = { Type: type, Value: value };
    }
  }
  for (const row of values.references) {
    const value =
      row.type === "DATE" ? epochSecondsText(row.value, values.timeZone) : row.value.trim();
    references[row.name] = { Type: row.type, Value: row.type === "STRING" ? row.value : value };
  }
  if (Object.keys(references).length > 0) input.References = references;

  if (values.attributes.length > 0) {
    input.Attributes = Object.fromEntries(values.attributes.map((row) => [row.key, row.value]));
  }

  if (values.scheduleMode === "later") {
    const result = zonedLocalToInstant(values.scheduledLocal, values.timeZone);
    if (!result.ok)
      throw new Error(`Not a valid schedule in ${values.timeZone}: ${values.scheduledLocal}`);
    input.ScheduledTime = result.instant;
  }

  if (values.linkKind === "previous") input.PreviousContactId = values.linkedContactId;
  if (values.linkKind === "related") input.RelatedContactId = values.linkedContactId;

  const segments: NonNullable<StartTaskContactCommandInput["SegmentAttributes"]> = {};
  const minutes = expiryMinutes(values);
  if (minutes !== null && Number.isInteger(minutes)) {
    segments["connect:ContactExpiry"] = { ValueMap: { ExpiryDuration: { ValueInteger: minutes } } };
  }
  if (values.createdByArn) {
    segments["connect:CreatedByUser"] = {
      ValueString: values.createdByArn.slice(0, TASK_LIMITS.segmentStringMax),
    };
  }
  if (Object.keys(segments).length > 0) input.SegmentAttributes = segments;

  return input;
}
