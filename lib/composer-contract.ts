/**
 * What the composer's browser code receives from the server: the JSON of the lookup route
 * handlers (dates as ISO strings) and the props of the composer page. Neutral module shared by
 * the route handlers and the client components.
 */
import type { TaskFormValues } from "@/lib/task/schema";

export interface InstanceChoice {
  id: string;
  alias: string;
}

export interface FlowChoice {
  id: string;
  name: string;
  type: string;
}

export interface QuickConnectChoice {
  id: string;
  name: string;
  type: "USER" | "QUEUE" | "PHONE_NUMBER" | "FLOW";
  isUsableForTasks: boolean;
}

export interface TemplateChoice {
  id: string;
  name: string;
  description: string | null;
}

export interface TemplateFieldDefinition {
  name: string;
  description: string | null;
  /** One of Connect's 14 TaskTemplateFieldType values. */
  type: string;
  options: string[];
  isRequired: boolean;
  isReadOnly: boolean;
  isInvisible: boolean;
  defaultValue: string | null;
}

export interface TemplateDefinition extends TemplateChoice {
  contactFlowId: string | null;
  selfAssignFlowId: string | null;
  isActive: boolean;
  fields: TemplateFieldDefinition[];
}

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

/** GET /api/connect/<name>?instanceId=… answers these (or { ok:false, code, formError }). */
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

/** A message above the composer about how it was prefilled (a follow-up of a contact). */
export interface ComposerNotice {
  title: string;
  /** "problem": the prefill could not be applied as asked. */
  tone: "info" | "problem";
  messages: string[];
}

export interface ComposerProps {
  instances: InstanceChoice[];
  initialValues: TaskFormValues;
  /** When the draft was last saved on the server, if it was. */
  draftSavedAt: string | null;
  canSchedule: boolean;
  scheduleHorizonSeconds: number;
  maxLinkedTasks: number;
  notice?: ComposerNotice | null;
  /** The preview of `initialValues`, computed by the server (the browser loads the schema later). */
  initialPreview: PreviewModel;
}

/** What the preview shows: the request and its CLI form, or the sections still incomplete. */
export type PreviewModel =
  { isComplete: true; json: string; cli: string } | { isComplete: false; sections: string[] };
