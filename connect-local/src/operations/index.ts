/** Operation name → handler. Every operation in the model subset has exactly one entry. */
import {
  describeInstance,
  describeQuickConnect,
  describeUser,
  getTaskTemplate,
  listContactFlows,
  listInstances,
  listQuickConnects,
  listTaskTemplates,
  listUsers,
} from "./config";
import {
  describeContact,
  getContactAttributes,
  listContactReferences,
  stopContact,
  updateContactSchedule,
} from "./contacts";
import type { Handler } from "./context";
import { startTaskContact } from "./tasks";

export const HANDLERS: Record<string, Handler> = {
  StartTaskContact: startTaskContact,
  DescribeContact: describeContact,
  ListContactReferences: listContactReferences,
  GetContactAttributes: getContactAttributes,
  UpdateContactSchedule: updateContactSchedule,
  StopContact: stopContact,
  ListInstances: listInstances,
  DescribeInstance: describeInstance,
  ListContactFlows: listContactFlows,
  ListQuickConnects: listQuickConnects,
  DescribeQuickConnect: describeQuickConnect,
  ListTaskTemplates: listTaskTemplates,
  GetTaskTemplate: getTaskTemplate,
  ListUsers: listUsers,
  DescribeUser: describeUser,
};
