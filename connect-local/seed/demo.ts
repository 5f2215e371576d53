/**
 * The demo contact centre that the local Connect endpoint starts with.
 *
 * Everything a new user of the console sees on first start comes from this file, so it reads as a
 * small, plausible contact centre ("Northwind Support") rather than test fixtures. Objects use the
 * service model's member names so the endpoint can answer with them as they are.
 *
 * What is here, and why:
 * - one ACTIVE instance (the shape allows more; `extraInstances` shows how to add one);
 * - flows of several types and states: published inbound flows (usable by tasks), one saved but
 *   never published, one archived, transfer-to-agent and transfer-to-queue flows for quick connects,
 *   a customer-queue flow;
 * - quick connects of type USER, QUEUE (usable by tasks) and PHONE_NUMBER (not usable by tasks);
 * - task templates that between them use all 14 field types with required, read-only and invisible
 *   constraints and default values; one has no flow (usable only with a flow or quick connect
 *   named beside it) and one is INACTIVE;
 * - queues: a general one (where tasks from the inbound flows wait) and two that quick connects
 *   name;
 * - twelve agents;
 * - earlier voice and chat contacts that tasks can be linked to (previous or related contact).
 */

export const DEMO_REGION = "us-east-1";
export const DEMO_ACCOUNT = "123456789012";

/** Fixed ids, so the README, tests and bookmarks can name them. */
export const DEMO_IDS = {
  instanceId: "5f1c7a2e-3b9d-4e61-9a0f-2c8d4b7e1a01",
  /** A second, nearly empty instance ("northwind-sandbox"). */
  secondInstanceId: "8a3e0c55-71d4-4f2b-b6c9-0d9e2f4a7b02",
  flows: {
    generalTasks: "a1f0c3d2-0001-4a7b-9c1e-5d6f7a8b9c01",
    billingTasks: "a1f0c3d2-0002-4a7b-9c1e-5d6f7a8b9c02",
    escalations: "a1f0c3d2-0003-4a7b-9c1e-5d6f7a8b9c03",
    draftUnpublished: "a1f0c3d2-0004-4a7b-9c1e-5d6f7a8b9c04",
    retiredArchived: "a1f0c3d2-0005-4a7b-9c1e-5d6f7a8b9c05",
    transferToAgent: "a1f0c3d2-0006-4a7b-9c1e-5d6f7a8b9c06",
    transferToQueue: "a1f0c3d2-0007-4a7b-9c1e-5d6f7a8b9c07",
    customerQueue: "a1f0c3d2-0008-4a7b-9c1e-5d6f7a8b9c08",
  },
  queues: {
    /** The instance's first queue: tasks not routed through a QUEUE quick connect wait here. */
    general: "b2e1d4c3-0003-4c8d-8e2f-6a7b8c9d0e03",
    billing: "b2e1d4c3-0001-4c8d-8e2f-6a7b8c9d0e01",
    technical: "b2e1d4c3-0002-4c8d-8e2f-6a7b8c9d0e02",
  },
  quickConnects: {
    agentAlice: "c3d2e5f4-0001-4d9e-9f3a-7b8c9d0e1f01",
    queueBilling: "c3d2e5f4-0002-4d9e-9f3a-7b8c9d0e1f02",
    queueTechnical: "c3d2e5f4-0003-4d9e-9f3a-7b8c9d0e1f03",
    phoneEscalationDesk: "c3d2e5f4-0004-4d9e-9f3a-7b8c9d0e1f04",
  },
  taskTemplates: {
    customerCallback: "d4e3f6a5-0001-4eaf-8a4b-8c9d0e1f2a01",
    refundReview: "d4e3f6a5-0002-4eaf-8a4b-8c9d0e1f2a02",
    fieldVisitNoFlow: "d4e3f6a5-0003-4eaf-8a4b-8c9d0e1f2a03",
    legacyInactive: "d4e3f6a5-0004-4eaf-8a4b-8c9d0e1f2a04",
  },
  users: [
    "e5f4a7b6-0001-4fb0-9b5c-9d0e1f2a3b01",
    "e5f4a7b6-0002-4fb0-9b5c-9d0e1f2a3b02",
    "e5f4a7b6-0003-4fb0-9b5c-9d0e1f2a3b03",
    "e5f4a7b6-0004-4fb0-9b5c-9d0e1f2a3b04",
    "e5f4a7b6-0005-4fb0-9b5c-9d0e1f2a3b05",
    "e5f4a7b6-0006-4fb0-9b5c-9d0e1f2a3b06",
    "e5f4a7b6-0007-4fb0-9b5c-9d0e1f2a3b07",
    "e5f4a7b6-0008-4fb0-9b5c-9d0e1f2a3b08",
    "e5f4a7b6-0009-4fb0-9b5c-9d0e1f2a3b09",
    "e5f4a7b6-0010-4fb0-9b5c-9d0e1f2a3b10",
    "e5f4a7b6-0011-4fb0-9b5c-9d0e1f2a3b11",
    "e5f4a7b6-0012-4fb0-9b5c-9d0e1f2a3b12",
  ],
  contacts: {
    voiceBillingCall: "f6a5b8c7-0001-40c1-8c6d-0e1f2a3b4c01",
    voiceOutageCall: "f6a5b8c7-0002-40c1-8c6d-0e1f2a3b4c02",
    chatDeliveryQuestion: "f6a5b8c7-0003-40c1-8c6d-0e1f2a3b4c03",
    chatPasswordReset: "f6a5b8c7-0004-40c1-8c6d-0e1f2a3b4c04",
  },
} as const;

export const instanceArn = (instanceId: string) =>
  `arn:aws:connect:${DEMO_REGION}:${DEMO_ACCOUNT}:instance/${instanceId}`;
const childArn = (instanceId: string, kind: string, id: string) =>
  `${instanceArn(instanceId)}/${kind}/${id}`;

export interface SeedInstance {
  Id: string;
  Arn: string;
  InstanceAlias: string;
  IdentityManagementType: "SAML" | "CONNECT_MANAGED" | "EXISTING_DIRECTORY";
  InstanceStatus: "CREATION_IN_PROGRESS" | "ACTIVE" | "CREATION_FAILED";
  CreatedTime: number;
  ServiceRole: string;
  InboundCallsEnabled: boolean;
  OutboundCallsEnabled: boolean;
  InstanceAccessUrl: string;
  Tags?: Record<string, string>;
}

/** A queue, as far as the endpoint needs one: the QueueInfo of the tasks that wait in it. */
export interface SeedQueue {
  Id: string;
  Arn: string;
  Name: string;
}

export interface SeedFlow {
  Id: string;
  Arn: string;
  Name: string;
  Description?: string;
  ContactFlowType: string;
  ContactFlowState: "ACTIVE" | "ARCHIVED";
  ContactFlowStatus: "PUBLISHED" | "SAVED";
}

export interface SeedQuickConnect {
  QuickConnectId: string;
  QuickConnectARN: string;
  Name: string;
  Description?: string;
  QuickConnectConfig: {
    QuickConnectType: "USER" | "QUEUE" | "PHONE_NUMBER" | "FLOW";
    UserConfig?: { UserId: string; ContactFlowId: string };
    QueueConfig?: { QueueId: string; ContactFlowId: string };
    PhoneConfig?: { PhoneNumber: string };
    FlowConfig?: { ContactFlowId: string };
  };
  LastModifiedTime: number;
  LastModifiedRegion: string;
}

type FieldId = { Name: string };
export interface SeedTaskTemplate {
  Id: string;
  Arn: string;
  Name: string;
  Description?: string;
  ContactFlowId?: string;
  SelfAssignFlowId?: string;
  Constraints: {
    RequiredFields?: { Id: FieldId }[];
    ReadOnlyFields?: { Id: FieldId }[];
    InvisibleFields?: { Id: FieldId }[];
  };
  Defaults: { DefaultFieldValues?: { Id: FieldId; DefaultValue: string }[] };
  Fields: { Id: FieldId; Description?: string; Type: string; SingleSelectOptions?: string[] }[];
  Status: "ACTIVE" | "INACTIVE";
  CreatedTime: number;
  LastModifiedTime: number;
}

export interface SeedUser {
  Id: string;
  Arn: string;
  Username: string;
  IdentityInfo: { FirstName: string; LastName: string; Email: string };
  PhoneConfig: {
    PhoneType: "SOFT_PHONE" | "DESK_PHONE";
    AutoAccept: boolean;
    AfterContactWorkTimeLimit: number;
  };
  SecurityProfileIds: string[];
  RoutingProfileId: string;
  LastModifiedTime: number;
  LastModifiedRegion: string;
}

/** An earlier, already finished voice or chat contact that tasks can be linked to. */
export interface SeedContact {
  Id: string;
  Arn: string;
  InitialContactId: string;
  Channel: "VOICE" | "CHAT";
  InitiationMethod: "INBOUND" | "OUTBOUND" | "API";
  Name?: string;
  Description?: string;
  InitiationTimestamp: number;
  DisconnectTimestamp: number;
  LastUpdateTimestamp: number;
  DisconnectReason: string;
  QueueInfo?: { Id: string; EnqueueTimestamp: number };
  AgentInfo?: { Id: string; ConnectedToAgentTimestamp: number };
  Attributes: Record<string, string>;
}

export interface DemoSeed {
  instances: {
    instance: SeedInstance;
    /** Optional: state files written before queues were seeded have none. */
    queues?: SeedQueue[];
    flows: SeedFlow[];
    quickConnects: SeedQuickConnect[];
    taskTemplates: SeedTaskTemplate[];
    users: SeedUser[];
    contacts: SeedContact[];
  }[];
}

const AGENTS: [string, string, string][] = [
  ["alice.nguyen", "Alice", "Nguyen"],
  ["bruno.silva", "Bruno", "Silva"],
  ["chloe.martin", "Chloé", "Martin"],
  ["dmitri.petrov", "Dmitri", "Petrov"],
  ["emeka.okafor", "Emeka", "Okafor"],
  ["fatima.zahra", "Fatima", "Zahra"],
  ["gustav.lind", "Gustav", "Lind"],
  ["hana.sato", "Hana", "Sato"],
  ["ivan.horvat", "Ivan", "Horvat"],
  ["julia.kowalski", "Julia", "Kowalski"],
  ["kofi.mensah", "Kofi", "Mensah"],
  ["lucia.romero", "Lucía", "Romero"],
];

/**
 * Builds the seed as of `nowSeconds` (epoch seconds): configuration timestamps lie a few weeks
 * back and the earlier contacts a few hours back, so they look recent whenever the demo starts.
 */
export function demoSeed(nowSeconds: number): DemoSeed {
  const id = DEMO_IDS;
  const inst = id.instanceId;
  const configTime = Math.floor(nowSeconds) - 30 * 86_400;
  const hoursAgo = (h: number) => Math.floor(nowSeconds) - h * 3_600;
  const queue = (queueId: string, Name: string): SeedQueue => ({
    Id: queueId,
    Arn: childArn(inst, "queue", queueId),
    Name,
  });
  const flow = (
    flowId: string,
    Name: string,
    ContactFlowType: string,
    ContactFlowState: SeedFlow["ContactFlowState"],
    ContactFlowStatus: SeedFlow["ContactFlowStatus"],
    Description: string,
  ): SeedFlow => ({
    Id: flowId,
    Arn: childArn(inst, "contact-flow", flowId),
    Name,
    Description,
    ContactFlowType,
    ContactFlowState,
    ContactFlowStatus,
  });
  const quickConnect = (
    qcId: string,
    Name: string,
    Description: string,
    QuickConnectConfig: SeedQuickConnect["QuickConnectConfig"],
  ): SeedQuickConnect => ({
    QuickConnectId: qcId,
    QuickConnectARN: childArn(inst, "transfer-destination", qcId),
    Name,
    Description,
    QuickConnectConfig,
    LastModifiedTime: configTime,
    LastModifiedRegion: DEMO_REGION,
  });
  const field = (
    Name: string,
    Type: string,
    Description?: string,
    SingleSelectOptions?: string[],
  ) => ({
    Id: { Name },
    Type,
    ...(Description ? { Description } : {}),
    ...(SingleSelectOptions ? { SingleSelectOptions } : {}),
  });
  const ids = (...names: string[]) => names.map((Name) => ({ Id: { Name } }));
  const template = (
    t: Omit<SeedTaskTemplate, "Arn" | "CreatedTime" | "LastModifiedTime">,
  ): SeedTaskTemplate => ({
    ...t,
    Arn: childArn(inst, "task-template", t.Id),
    CreatedTime: configTime,
    LastModifiedTime: configTime + 86_400,
  });

  const users: SeedUser[] = AGENTS.map(([Username, FirstName, LastName], i) => {
    const userId = id.users[i] ?? "";
    return {
      Id: userId,
      Arn: childArn(inst, "agent", userId),
      Username,
      IdentityInfo: { FirstName, LastName, Email: `${Username}@northwind.example` },
      PhoneConfig: { PhoneType: "SOFT_PHONE", AutoAccept: false, AfterContactWorkTimeLimit: 60 },
      SecurityProfileIds: ["0a1b2c3d-0000-4000-8000-00000000a9e1"],
      RoutingProfileId: "0a1b2c3d-0000-4000-8000-0000000000b1",
      LastModifiedTime: configTime,
      LastModifiedRegion: DEMO_REGION,
    };
  });
  const alice = users[0]!;
  const bruno = users[1]!;

  const contact = (
    contactId: string,
    Channel: SeedContact["Channel"],
    startedHoursAgo: number,
    minutes: number,
    agent: SeedUser,
    queueId: string,
    Attributes: Record<string, string>,
    Name?: string,
  ): SeedContact => {
    const start = hoursAgo(startedHoursAgo);
    const end = start + minutes * 60;
    return {
      Id: contactId,
      Arn: childArn(inst, "contact", contactId),
      InitialContactId: contactId,
      Channel,
      InitiationMethod: "INBOUND",
      ...(Name ? { Name } : {}),
      InitiationTimestamp: start,
      DisconnectTimestamp: end,
      LastUpdateTimestamp: end,
      DisconnectReason: "CUSTOMER_DISCONNECT",
      QueueInfo: { Id: queueId, EnqueueTimestamp: start + 20 },
      AgentInfo: { Id: agent.Id, ConnectedToAgentTimestamp: start + 95 },
      Attributes,
    };
  };

  return {
    instances: [
      {
        instance: {
          Id: inst,
          Arn: instanceArn(inst),
          InstanceAlias: "northwind-support",
          IdentityManagementType: "CONNECT_MANAGED",
          InstanceStatus: "ACTIVE",
          CreatedTime: configTime - 60 * 86_400,
          ServiceRole: `arn:aws:iam::${DEMO_ACCOUNT}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_Demo`,
          InboundCallsEnabled: true,
          OutboundCallsEnabled: true,
          InstanceAccessUrl: "https://northwind-support.my.connect.aws",
          Tags: { environment: "demo" },
        },
        queues: [
          queue(id.queues.general, "General"),
          queue(id.queues.billing, "Billing specialists"),
          queue(id.queues.technical, "Technical support"),
        ],
        flows: [
          flow(
            id.flows.generalTasks,
            "General tasks",
            "CONTACT_FLOW",
            "ACTIVE",
            "PUBLISHED",
            "Routes tasks to the general queue",
          ),
          flow(
            id.flows.billingTasks,
            "Billing follow-ups",
            "CONTACT_FLOW",
            "ACTIVE",
            "PUBLISHED",
            "Routes tasks to the billing queue",
          ),
          flow(
            id.flows.escalations,
            "Escalations",
            "CONTACT_FLOW",
            "ACTIVE",
            "PUBLISHED",
            "High-priority routing to team leads",
          ),
          flow(
            id.flows.draftUnpublished,
            "New triage (draft)",
            "CONTACT_FLOW",
            "ACTIVE",
            "SAVED",
            "Saved but never published",
          ),
          flow(
            id.flows.retiredArchived,
            "Old callbacks (retired)",
            "CONTACT_FLOW",
            "ARCHIVED",
            "PUBLISHED",
            "Archived in 2025",
          ),
          flow(
            id.flows.transferToAgent,
            "Default agent transfer",
            "AGENT_TRANSFER",
            "ACTIVE",
            "PUBLISHED",
            "Transfer to agent",
          ),
          flow(
            id.flows.transferToQueue,
            "Default queue transfer",
            "QUEUE_TRANSFER",
            "ACTIVE",
            "PUBLISHED",
            "Transfer to queue",
          ),
          flow(
            id.flows.customerQueue,
            "Default customer queue",
            "CUSTOMER_QUEUE",
            "ACTIVE",
            "PUBLISHED",
            "Hold music and position in queue",
          ),
        ],
        quickConnects: [
          quickConnect(id.quickConnects.agentAlice, "Alice Nguyen (agent)", "Straight to Alice", {
            QuickConnectType: "USER",
            UserConfig: { UserId: alice.Id, ContactFlowId: id.flows.transferToAgent },
          }),
          quickConnect(id.quickConnects.queueBilling, "Billing queue", "Billing specialists", {
            QuickConnectType: "QUEUE",
            QueueConfig: { QueueId: id.queues.billing, ContactFlowId: id.flows.transferToQueue },
          }),
          quickConnect(
            id.quickConnects.queueTechnical,
            "Technical queue",
            "Second-line technical support",
            {
              QuickConnectType: "QUEUE",
              QueueConfig: {
                QueueId: id.queues.technical,
                ContactFlowId: id.flows.transferToQueue,
              },
            },
          ),
          quickConnect(
            id.quickConnects.phoneEscalationDesk,
            "Escalation desk (phone)",
            "External phone number",
            {
              QuickConnectType: "PHONE_NUMBER",
              PhoneConfig: { PhoneNumber: "+442071234567" },
            },
          ),
        ],
        taskTemplates: [
          template({
            Id: id.taskTemplates.customerCallback,
            Name: "Customer callback",
            Description: "Call a customer back about an open case",
            ContactFlowId: id.flows.generalTasks,
            Constraints: {
              RequiredFields: ids("Task name", "Phone number"),
              ReadOnlyFields: ids("Case link"),
              InvisibleFields: ids("Internal score"),
            },
            Defaults: {
              DefaultFieldValues: [
                { Id: { Name: "Task name" }, DefaultValue: "Call back customer" },
                { Id: { Name: "Case link" }, DefaultValue: "https://crm.northwind.example/cases" },
                { Id: { Name: "Priority" }, DefaultValue: "Normal" },
                { Id: { Name: "Internal score" }, DefaultValue: "50" },
              ],
            },
            Fields: [
              field("Task name", "NAME"),
              field("Details", "DESCRIPTION", "What the customer asked for"),
              field("Callback at", "SCHEDULED_TIME", "When to call"),
              field("Phone number", "TEXT", "Customer phone number in E.164"),
              field("Case link", "URL", "CRM case"),
              field("Priority", "SINGLE_SELECT", "How urgent", ["Low", "Normal", "High"]),
              field("Internal score", "NUMBER", "Churn risk score"),
              field("Customer email", "EMAIL"),
            ],
            Status: "ACTIVE",
          }),
          template({
            Id: id.taskTemplates.refundReview,
            Name: "Refund review",
            Description: "Review a refund request before approval",
            ContactFlowId: id.flows.billingTasks,
            SelfAssignFlowId: id.flows.transferToAgent,
            Constraints: {
              RequiredFields: ids("Refund title", "Amount", "Order date"),
              ReadOnlyFields: ids("Policy"),
              InvisibleFields: ids("Audit flag"),
            },
            Defaults: {
              DefaultFieldValues: [
                { Id: { Name: "Policy" }, DefaultValue: "https://help.northwind.example/refunds" },
                { Id: { Name: "Audit flag" }, DefaultValue: "false" },
                { Id: { Name: "Valid for" }, DefaultValue: "2880" },
              ],
            },
            Fields: [
              field("Refund title", "NAME"),
              field("Reason", "TEXT_AREA", "Why the customer wants a refund"),
              field("Amount", "NUMBER", "Amount in EUR"),
              field("Order date", "DATE_TIME"),
              field("Policy", "URL"),
              field("Audit flag", "BOOLEAN"),
              field("Gift order", "BOOLEAN"),
              field("Valid for", "EXPIRY_DURATION", "Minutes before the review expires"),
              field("Take it myself", "SELF_ASSIGN"),
            ],
            Status: "ACTIVE",
          }),
          template({
            Id: id.taskTemplates.fieldVisitNoFlow,
            Name: "Field visit",
            Description: "Book an engineer visit; choose who handles it",
            Constraints: { RequiredFields: ids("Visit title") },
            Defaults: {
              DefaultFieldValues: [{ Id: { Name: "Visit title" }, DefaultValue: "Engineer visit" }],
            },
            Fields: [
              field("Visit title", "NAME"),
              field("Assign to", "QUICK_CONNECT", "Agent or queue that books the visit"),
              field("Site address", "TEXT"),
            ],
            Status: "ACTIVE",
          }),
          template({
            Id: id.taskTemplates.legacyInactive,
            Name: "Legacy escalation",
            Description: "Replaced by the Escalations flow",
            ContactFlowId: id.flows.escalations,
            Constraints: { RequiredFields: ids("Title") },
            Defaults: {},
            Fields: [field("Title", "NAME")],
            Status: "INACTIVE",
          }),
        ],
        users,
        contacts: [
          contact(id.contacts.voiceBillingCall, "VOICE", 3, 12, alice, id.queues.billing, {
            customerId: "C-10442",
            topic: "double-charge",
          }),
          contact(id.contacts.voiceOutageCall, "VOICE", 26, 7, bruno, id.queues.technical, {
            customerId: "C-20981",
            topic: "outage",
          }),
          contact(
            id.contacts.chatDeliveryQuestion,
            "CHAT",
            5,
            9,
            bruno,
            id.queues.billing,
            {
              customerId: "C-31877",
              orderId: "O-554120",
            },
            "Where is my parcel?",
          ),
          contact(
            id.contacts.chatPasswordReset,
            "CHAT",
            50,
            4,
            alice,
            id.queues.technical,
            {
              customerId: "C-40210",
            },
            "Password reset",
          ),
        ],
      },
      sandboxInstance(configTime),
    ],
  };
}

/**
 * A second, nearly empty instance: the console's instance picker and ListInstances pagination
 * have something to show, and ids from one instance must not resolve in another.
 */
function sandboxInstance(configTime: number): DemoSeed["instances"][number] {
  const inst = DEMO_IDS.secondInstanceId;
  const flowId = "a1f0c3d2-0101-4a7b-9c1e-5d6f7a8b9d01";
  const queueId = "b2e1d4c3-0101-4c8d-8e2f-6a7b8c9d0f01";
  return {
    instance: {
      Id: inst,
      Arn: instanceArn(inst),
      InstanceAlias: "northwind-sandbox",
      IdentityManagementType: "CONNECT_MANAGED",
      InstanceStatus: "ACTIVE",
      CreatedTime: configTime - 10 * 86_400,
      ServiceRole: `arn:aws:iam::${DEMO_ACCOUNT}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_Sandbox`,
      InboundCallsEnabled: true,
      OutboundCallsEnabled: false,
      InstanceAccessUrl: "https://northwind-sandbox.my.connect.aws",
    },
    queues: [{ Id: queueId, Arn: childArn(inst, "queue", queueId), Name: "Sandbox" }],
    flows: [
      {
        Id: flowId,
        Arn: childArn(inst, "contact-flow", flowId),
        Name: "Sandbox tasks",
        ContactFlowType: "CONTACT_FLOW",
        ContactFlowState: "ACTIVE",
        ContactFlowStatus: "PUBLISHED",
      },
    ],
    quickConnects: [],
    taskTemplates: [],
    users: [],
    contacts: [],
  };
}
