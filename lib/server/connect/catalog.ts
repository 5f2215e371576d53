import "server-only";

/**
 * The composer's pickers read from Connect's configuration: flows, quick connects, templates and
 * agents, paged and paced, in the console's own shapes (lib/connect/lookups.ts).
 */

import {
  DescribeUserCommand,
  GetTaskTemplateCommand,
  ListContactFlowsCommand,
  ListQuickConnectsCommand,
  ListTaskTemplatesCommand,
  ListUsersCommand,
} from "@aws-sdk/client-connect";

import type {
  AgentChoice,
  FlowChoice,
  QuickConnectChoice,
  TemplateChoice,
  TemplateDefinition,
} from "@/lib/connect/lookups";

import { callConnect } from "./client";
import { readPages } from "./pages";

/** Items a page: the most these list operations return at once, so few pages are paced. */
const PAGE_SIZE = 1_000;

/** Published, active inbound flows: the only ones a task can start in. */
export async function listTaskFlows(instanceId: string): Promise<FlowChoice[]> {
  const pages = await readPages(
    (nextToken) =>
      new ListContactFlowsCommand({
        InstanceId: instanceId,
        ContactFlowTypes: ["CONTACT_FLOW"],
        MaxResults: PAGE_SIZE,
        NextToken: nextToken,
      }),
    { what: "flows" },
  );
  return pages
    .flatMap((page) => page.ContactFlowSummaryList ?? [])
    .filter((flow) => flow.ContactFlowState === "ACTIVE" && flow.ContactFlowStatus === "PUBLISHED")
    .map((flow) => ({
      id: flow.Id ?? "",
      name: flow.Name ?? flow.Id ?? "",
      type: flow.ContactFlowType ?? "",
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function listQuickConnects(instanceId: string): Promise<QuickConnectChoice[]> {
  const pages = await readPages(
    (nextToken) =>
      new ListQuickConnectsCommand({
        InstanceId: instanceId,
        MaxResults: PAGE_SIZE,
        NextToken: nextToken,
      }),
    { what: "quick connects" },
  );
  return pages
    .flatMap((page) => page.QuickConnectSummaryList ?? [])
    .map((qc) => {
      const type = qc.QuickConnectType ?? "PHONE_NUMBER";
      return {
        id: qc.Id ?? "",
        name: qc.Name ?? qc.Id ?? "",
        type,
        isUsableForTasks: type === "USER" || type === "QUEUE",
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** ACTIVE templates; Connect returns them all in one page. */
export async function listActiveTemplates(instanceId: string): Promise<TemplateChoice[]> {
  const output = await callConnect(
    new ListTaskTemplatesCommand({ InstanceId: instanceId, Status: "ACTIVE" }),
  );
  return (output.TaskTemplates ?? [])
    .map((t) => ({
      id: t.Id ?? "",
      name: t.Name ?? t.Id ?? "",
      description: t.Description ?? null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function getTaskTemplate(
  instanceId: string,
  templateId: string,
): Promise<TemplateDefinition> {
  const t = await callConnect(
    new GetTaskTemplateCommand({ InstanceId: instanceId, TaskTemplateId: templateId }),
  );
  const names = (list: { Id?: { Name?: string } }[] | undefined) =>
    new Set((list ?? []).map((f) => f.Id?.Name ?? ""));
  const required = names(t.Constraints?.RequiredFields);
  const readOnly = names(t.Constraints?.ReadOnlyFields);
  const invisible = names(t.Constraints?.InvisibleFields);
  const defaults = new Map(
    (t.Defaults?.DefaultFieldValues ?? []).map((d) => [d.Id?.Name ?? "", d.DefaultValue ?? ""]),
  );
  return {
    id: t.Id ?? templateId,
    name: t.Name ?? templateId,
    description: t.Description ?? null,
    contactFlowId: t.ContactFlowId || null,
    selfAssignFlowId: t.SelfAssignFlowId || null,
    isActive: t.Status === "ACTIVE",
    fields: (t.Fields ?? []).map((f) => {
      const name = f.Id?.Name ?? "";
      return {
        name,
        description: f.Description ?? null,
        type: f.Type ?? "TEXT",
        options: f.SingleSelectOptions ?? [],
        isRequired: required.has(name),
        isReadOnly: readOnly.has(name),
        isInvisible: invisible.has(name),
        defaultValue: defaults.get(name) ?? null,
      };
    }),
  };
}

/** Agents for the "created by" picker (connect:CreatedByUser takes the agent ARN). */
export async function listAgents(instanceId: string): Promise<AgentChoice[]> {
  const pages = await readPages(
    (nextToken) =>
      new ListUsersCommand({ InstanceId: instanceId, MaxResults: PAGE_SIZE, NextToken: nextToken }),
    { what: "agents" },
  );
  return pages
    .flatMap((page) => page.UserSummaryList ?? [])
    .map((user) => ({
      id: user.Id ?? "",
      arn: user.Arn ?? "",
      username: user.Username ?? user.Id ?? "",
    }))
    .sort((a, b) => a.username.localeCompare(b.username));
}

export async function describeAgent(
  instanceId: string,
  userId: string,
): Promise<{ name: string; username: string }> {
  const { User } = await callConnect(
    new DescribeUserCommand({ InstanceId: instanceId, UserId: userId }),
  );
  const first = User?.IdentityInfo?.FirstName ?? "";
  const last = User?.IdentityInfo?.LastName ?? "";
  return {
    name: `${first} ${last}`.trim() || (User?.Username ?? userId),
    username: User?.Username ?? userId,
  };
}
