/**
 * The instance the bulk unit tests and the bench check against: two flows (one name used twice),
 * a quick connect, a template with its own flow and required fields, and an agent.
 */
import type { BulkLookups } from "./lookups";
import type { TemplateDefinition } from "../connect/lookups";

export const INSTANCE_ID = "11111111-2222-3333-4444-555555555555";
export const FLOW_ID = "aaaaaaaa-0000-0000-0000-000000000001";

export const RECALL_TEMPLATE: TemplateDefinition = {
  id: "tpl-recall",
  name: "Recall",
  description: null,
  contactFlowId: FLOW_ID,
  selfAssignFlowId: null,
  isActive: true,
  fields: [
    {
      name: "Order",
      description: null,
      type: "NUMBER",
      options: [],
      isRequired: true,
      isReadOnly: false,
      isInvisible: false,
      defaultValue: null,
    },
    {
      name: "Name",
      description: null,
      type: "NAME",
      options: [],
      isRequired: true,
      isReadOnly: false,
      isInvisible: false,
      defaultValue: null,
    },
  ],
};

export const TEST_LOOKUPS: BulkLookups = {
  flows: [
    { id: FLOW_ID, name: "Billing", type: "CONTACT_FLOW" },
    { id: "aaaaaaaa-0000-0000-0000-000000000002", name: "Twice", type: "CONTACT_FLOW" },
    { id: "aaaaaaaa-0000-0000-0000-000000000003", name: "Twice", type: "CONTACT_FLOW" },
  ],
  quickConnects: [
    { id: "qc-1", name: "Desk", type: "QUEUE", isUsableForTasks: true },
    { id: "qc-2", name: "Phone", type: "PHONE_NUMBER", isUsableForTasks: false },
  ],
  templates: [{ id: RECALL_TEMPLATE.id, name: RECALL_TEMPLATE.name, description: null }],
  templateDefinitions: new Map([[RECALL_TEMPLATE.id, RECALL_TEMPLATE]]),
  agents: [
    {
      id: "agent-1",
      username: "jdoe",
      arn: `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE_ID}/agent/agent-1`,
    },
  ],
};
