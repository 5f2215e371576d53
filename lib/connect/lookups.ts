/**
 * What the console reads from Amazon Connect's configuration for the composer, in the console's
 * own JSON shapes (no SDK types; dates as ISO strings). Defined once, neutral: the adapter
 * (lib/server/connect/catalog.ts) returns them, the lookup route handlers answer them
 * (`LookupResponses`), and the composer's hooks and the template rules (lib/task/) read them.
 */

/** A published, active inbound flow (ListContactFlows): the only kind a task can start in. */
export interface FlowChoice {
  id: string;
  name: string;
  type: string;
}

export interface QuickConnectChoice {
  id: string;
  name: string;
  type: "USER" | "QUEUE" | "PHONE_NUMBER" | "FLOW";
  /** Whether a task can be routed with it (USER and QUEUE only). */
  isUsableForTasks: boolean;
}

/** A template as ListTaskTemplates shows it. */
export interface TemplateChoice {
  id: string;
  name: string;
  description: string | null;
}

/** One field of a task template (GetTaskTemplate), with its constraints and default folded in. */
export interface TemplateFieldDefinition {
  name: string;
  description: string | null;
  /** One of Connect's TaskTemplateFieldType values (NAME, TEXT, QUICK_CONNECT...). */
  type: string;
  options: string[];
  isRequired: boolean;
  isReadOnly: boolean;
  isInvisible: boolean;
  defaultValue: string | null;
}

/** A task template as GetTaskTemplate describes it. */
export interface TemplateDefinition extends TemplateChoice {
  /** Its own flow; null for a template used with a flow or quick connect beside it. */
  contactFlowId: string | null;
  selfAssignFlowId: string | null;
  isActive: boolean;
  fields: TemplateFieldDefinition[];
}

/** An agent for connect:CreatedByUser (which takes the agent's ARN). */
export interface AgentChoice {
  id: string;
  arn: string;
  username: string;
}

export interface ContactLookup {
  id: string;
  channel: string;
  name: string | null;
  initiationMethod: string | null;
  /** When the contact started (for a scheduled task, null until it has). */
  startedAt: string | null;
  scheduledAt: string | null;
  disconnectedAt: string | null;
}

/** GET /api/connect/<name>?instanceId=… answers these (or a `LookupFailure`). */
export interface LookupResponses {
  flows: { flows: FlowChoice[] };
  "quick-connects": { quickConnects: QuickConnectChoice[] };
  templates: { templates: TemplateChoice[] };
  /** …&templateId= */
  template: { template: TemplateDefinition };
  agents: { agents: AgentChoice[] };
  /** …&contactId= ; linkedTasks counts the tasks the console created with it as previous contact. */
  contact: { contact: ContactLookup; linkedTasks: { used: number; limit: number } };
}

export type LookupName = keyof LookupResponses;

/** What a lookup answers instead when it fails (a refusal, a bad query, Connect's error). */
export interface LookupFailure {
  ok: false;
  code: string;
  formError: string;
  fieldErrors?: Record<string, string[]>;
  requiredPermission?: string;
}
