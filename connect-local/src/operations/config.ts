/**
 * Read-only configuration operations a task console needs: instances, flows, quick connects, task
 * templates and users (docs/connect-api.md, Supporting operations). Data comes from the seed; the
 * server trims each answer to the model's output shape, so seed objects may carry extra fields.
 */
import { notFound } from "../errors";
import { paginate } from "../pagination";
import { reqStr, str, type Handler } from "./context";

/** Default page sizes: 10 for ListInstances (its maximum), 100 for the others (documented). */
const pageSize = (input: Record<string, unknown>, fallback: number) =>
  typeof input.MaxResults === "number" ? input.MaxResults : fallback;

const listOf = (input: Record<string, unknown>, name: string): string[] | undefined =>
  Array.isArray(input[name]) ? (input[name] as string[]) : undefined;

export const listInstances: Handler = (input, { store }) => {
  const all = store.state.instances.map(({ instance: { Tags: _tags, ...summary } }) => summary);
  const page = paginate(all, pageSize(input, 10), str(input, "NextToken"), ["ListInstances"]);
  return { InstanceSummaryList: page.items, NextToken: page.nextToken };
};

export const describeInstance: Handler = (input, { store }) => ({
  Instance: store.instance(reqStr(input, "InstanceId")).instance,
});

export const listContactFlows: Handler = (input, { store }) => {
  const inst = store.instance(reqStr(input, "InstanceId"));
  const types = listOf(input, "ContactFlowTypes");
  const all = inst.flows.filter((f) => !types || types.includes(f.ContactFlowType));
  const hash = ["ListContactFlows", inst.instance.Id, [...(types ?? [])].sort()];
  const page = paginate(all, pageSize(input, 100), str(input, "NextToken"), hash);
  return { ContactFlowSummaryList: page.items, NextToken: page.nextToken };
};

export const listQuickConnects: Handler = (input, { store }) => {
  // Only this operation accepts the instance ARN as InstanceId (docs/connect-api.md, Supporting
  // operations).
  const inst = store.instance(reqStr(input, "InstanceId"), true);
  const types = listOf(input, "QuickConnectTypes");
  const all = inst.quickConnects
    .filter((q) => !types || types.includes(q.QuickConnectConfig.QuickConnectType))
    .map((q) => ({
      Id: q.QuickConnectId,
      Arn: q.QuickConnectARN,
      Name: q.Name,
      QuickConnectType: q.QuickConnectConfig.QuickConnectType,
      LastModifiedTime: q.LastModifiedTime,
      LastModifiedRegion: q.LastModifiedRegion,
    }));
  const hash = ["ListQuickConnects", inst.instance.Id, [...(types ?? [])].sort()];
  const page = paginate(all, pageSize(input, 100), str(input, "NextToken"), hash);
  return { QuickConnectSummaryList: page.items, NextToken: page.nextToken };
};

export const describeQuickConnect: Handler = (input, { store }) => {
  const inst = store.instance(reqStr(input, "InstanceId"));
  const id = reqStr(input, "QuickConnectId");
  const qc = inst.quickConnects.find((q) => q.QuickConnectId === id);
  if (!qc) throw notFound(`Quick connect not found: ${id}`);
  return { QuickConnect: qc };
};

/**
 * Everything in one page with NextToken null, as the API reference documents (at most 50
 * templates per instance). `status` filters exactly; `name` filters by exact name.
 */
export const listTaskTemplates: Handler = (input, { store }) => {
  const inst = store.instance(reqStr(input, "InstanceId"));
  const status = str(input, "Status");
  const name = str(input, "Name");
  const TaskTemplates = inst.taskTemplates
    .filter((t) => (!status || t.Status === status) && (!name || t.Name === name))
    .map(({ Id, Arn, Name, Description, Status, LastModifiedTime, CreatedTime }) => ({
      Id,
      Arn,
      Name,
      Description,
      Status,
      LastModifiedTime,
      CreatedTime,
    }));
  return { TaskTemplates, NextToken: null };
};

/** `snapshotVersion` is accepted and ignored: the seed keeps one version of each template. */
export const getTaskTemplate: Handler = (input, { store }) => {
  const inst = store.instance(reqStr(input, "InstanceId"));
  const id = reqStr(input, "TaskTemplateId");
  const t = inst.taskTemplates.find((x) => x.Id === id);
  if (!t) throw notFound(`Task template not found: ${id}`);
  return { InstanceId: inst.instance.Id, ...t };
};

export const listUsers: Handler = (input, { store }) => {
  const inst = store.instance(reqStr(input, "InstanceId"));
  const all = inst.users.map(({ Id, Arn, Username, LastModifiedTime, LastModifiedRegion }) => ({
    Id,
    Arn,
    Username,
    LastModifiedTime,
    LastModifiedRegion,
  }));
  const page = paginate(all, pageSize(input, 100), str(input, "NextToken"), [
    "ListUsers",
    inst.instance.Id,
  ]);
  return { UserSummaryList: page.items, NextToken: page.nextToken };
};

export const describeUser: Handler = (input, { store }) => {
  const inst = store.instance(reqStr(input, "InstanceId"));
  const id = reqStr(input, "UserId");
  const user = inst.users.find((u) => u.Id === id);
  if (!user) throw notFound(`User not found: ${id}`);
  return { User: user };
};
