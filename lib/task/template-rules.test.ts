import { describe, expect, it } from "vitest";

import type { TemplateDefinition, TemplateFieldDefinition } from "@/lib/connect/lookups";

import { toStartTaskContactInput } from "./request";
import { type TaskFormValues, createTaskSchema, emptyTask } from "./schema";
import {
  TEMPLATE_MESSAGES as M,
  companionOf,
  defaultCompanion,
  hasOwnFlow,
  templateFieldErrors,
  templateFieldValues,
  templateProblems,
  templateTaskDefaults,
} from "./template-rules";

/**
 * The one home of a template's rules: the composer and the start-task service both call
 * `templateProblems`, so these cases are what either side reports, at which path.
 */
function field(
  name: string,
  type: string,
  rest: Partial<TemplateFieldDefinition> = {},
): TemplateFieldDefinition {
  return {
    name,
    type,
    description: null,
    options: [],
    isRequired: false,
    isReadOnly: false,
    isInvisible: false,
    defaultValue: null,
    ...rest,
  };
}

function template(
  fields: TemplateFieldDefinition[],
  rest: Partial<TemplateDefinition> = {},
): TemplateDefinition {
  return {
    id: "tpl-1",
    name: "Template",
    description: null,
    contactFlowId: "flow-of-template",
    selfAssignFlowId: null,
    isActive: true,
    fields,
    ...rest,
  };
}

const base: TaskFormValues = {
  ...emptyTask({ instanceId: "i-1", timeZone: "Europe/Berlin", clientToken: "tok" }),
  name: "Call back",
  routingKind: "template",
  taskTemplateId: "tpl-1",
};
const values = (overrides: Partial<TaskFormValues> = {}): TaskFormValues => ({
  ...base,
  ...overrides,
});
const pathsOf = (problems: { path: string }[]) => problems.map((problem) => problem.path);

const REFERENCE_TYPES = [
  "URL",
  "NUMBER",
  "EMAIL",
  "DATE_TIME",
  "TEXT",
  "TEXT_AREA",
  "SINGLE_SELECT",
  "BOOLEAN",
] as const;

describe("templateProblems: required fields", () => {
  it("reports a required reference field of each type at its own path, and only when empty", () => {
    for (const type of REFERENCE_TYPES) {
      const required = template([field("F", type, { isRequired: true })]);
      expect(templateProblems(values(), required)).toEqual([
        { path: "templateFields.F.value", message: M.required },
      ]);
      // Blank counts as empty; a value (BOOLEAN's "false" included) fills it.
      const blank = values({ templateFields: { F: { type, value: "  " } } });
      expect(pathsOf(templateProblems(blank, required))).toEqual(["templateFields.F.value"]);
      const filled = values({ templateFields: { F: { type, value: "false" } } });
      expect(templateProblems(filled, required)).toEqual([]);
      // Optional, or filled by its default (templateFieldValues puts defaults in the values).
      expect(templateProblems(values(), template([field("F", type)]))).toEqual([]);
      const withDefault = template([field("F", type, { isRequired: true, defaultValue: "7" })]);
      const defaults = templateFieldValues(withDefault, {}, "UTC");
      expect(templateProblems(values({ templateFields: defaults }), withDefault)).toEqual([]);
    }
  });

  it("reports the fields that fill the task's own fields at those fields", () => {
    const all = template([
      field("Title", "NAME", { isRequired: true }),
      field("Details", "DESCRIPTION", { isRequired: true }),
      field("When", "SCHEDULED_TIME", { isRequired: true }),
      field("Valid for", "EXPIRY_DURATION", { isRequired: true }),
      field("Take it", "SELF_ASSIGN", { isRequired: true }),
    ]);
    expect(templateProblems(values({ name: " " }), all)).toEqual([
      { path: "name", message: M.required },
      { path: "description", message: M.required },
      { path: "scheduledLocal", message: M.scheduleRequired },
      { path: "expiryAmount", message: M.required },
    ]);
    const complete = values({
      description: "Asked twice",
      scheduleMode: "later",
      scheduledLocal: "2026-12-01T10:30",
      expiryAmount: "30",
    });
    // SELF_ASSIGN is done by the agent in Connect: never missing.
    expect(templateProblems(complete, all)).toEqual([]);
    const optional = template(all.fields.map((f) => ({ ...f, isRequired: false })));
    expect(templateProblems(values({ name: "" }), optional)).toEqual([]);
  });

  it("reports an inactive template at the template picker", () => {
    const inactive = template([field("Title", "NAME", { isRequired: true })], { isActive: false });
    expect(templateProblems(values(), inactive)).toEqual([
      { path: "taskTemplateId", message: M.inactive },
    ]);
  });
});

describe("templateProblems: a template without a flow", () => {
  const visit = template(
    [field("Title", "NAME", { isRequired: true }), field("Assign to", "QUICK_CONNECT")],
    { contactFlowId: null },
  );
  const noQuickConnectField = template([field("Title", "NAME")], { contactFlowId: null });

  it("needs a flow or a quick connect beside it, asked for at the companion shown", () => {
    expect(templateProblems(values(), visit)).toEqual([
      { path: "quickConnectId", message: M.noFlow },
    ]);
    // The companion picked in the composer, else the template's own default.
    expect(pathsOf(templateProblems(values(), visit, { companion: "flow" }))).toEqual([
      "contactFlowId",
    ]);
    expect(pathsOf(templateProblems(values(), noQuickConnectField))).toEqual(["contactFlowId"]);
  });

  it("is satisfied by either companion; a required QUICK_CONNECT field is that same choice", () => {
    expect(templateProblems(values({ quickConnectId: "qc-1" }), visit)).toEqual([]);
    expect(templateProblems(values({ contactFlowId: "flow-1" }), visit)).toEqual([]);
    const required = template([field("Assign to", "QUICK_CONNECT", { isRequired: true })], {
      contactFlowId: null,
    });
    expect(templateProblems(values(), required)).toEqual([
      { path: "quickConnectId", message: M.noFlow },
    ]);
    expect(templateProblems(values({ contactFlowId: "flow-1" }), required)).toEqual([]);
  });

  it("is a fact of the template: one with its own flow needs no companion and sends none", () => {
    const own = template([field("Assign to", "QUICK_CONNECT", { isRequired: true })]);
    expect(hasOwnFlow(own)).toBe(true);
    expect(hasOwnFlow(visit)).toBe(false);
    expect(templateProblems(values(), own)).toEqual([]);
    // A companion left in the values is not sent beside a template with its own flow.
    const parsed = createTaskSchema({ now: () => new Date() }).parse(
      values({ quickConnectId: "qc-1" }),
    );
    expect(
      toStartTaskContactInput(parsed, { templateHasFlow: hasOwnFlow(own) }).QuickConnectId,
    ).toBeUndefined();
    expect(
      toStartTaskContactInput(parsed, { templateHasFlow: hasOwnFlow(visit) }).QuickConnectId,
    ).toBe("qc-1");
  });

  it("names the companion in use: chosen, else filled, else the template's default", () => {
    expect(defaultCompanion(visit)).toBe("quickConnect");
    expect(defaultCompanion(noQuickConnectField)).toBe("flow");
    expect(companionOf(values({ contactFlowId: "f" }), visit)).toBe("flow");
    expect(companionOf(values({ quickConnectId: "q" }), noQuickConnectField)).toBe("quickConnect");
    expect(companionOf(values({ contactFlowId: "f" }), visit, "quickConnect")).toBe("quickConnect");
  });
});

describe("template defaults", () => {
  const callback = template([
    field("Title", "NAME", { isRequired: true, defaultValue: "Call back" }),
    field("Phone", "TEXT", { isRequired: true }),
    field("Case", "URL", { isReadOnly: true, defaultValue: "https://crm.example/c" }),
    field("Score", "NUMBER", { isInvisible: true, defaultValue: "50" }),
    field("VIP", "BOOLEAN"),
    field("Due", "DATE_TIME", { defaultValue: "1796117400" }),
    field("Valid for", "EXPIRY_DURATION", { defaultValue: "2880", isRequired: true }),
    field("Assign to", "QUICK_CONNECT"),
  ]);

  it("fills reference fields from defaults, keeping typed values but never read-only ones", () => {
    const filled = templateFieldValues(
      callback,
      { Phone: { type: "TEXT", value: "+49 30 1" }, Case: { type: "URL", value: "https://x.y" } },
      "Europe/Berlin",
    );
    expect(filled).toEqual({
      Phone: { type: "TEXT", value: "+49 30 1" },
      Case: { type: "URL", value: "https://crm.example/c" },
      Score: { type: "NUMBER", value: "50" },
      VIP: { type: "BOOLEAN", value: "false" },
      // 1796117400 = 2026-12-01 09:30 UTC = 10:30 in Berlin.
      Due: { type: "DATE_TIME", value: "2026-12-01T10:30" },
    });
    expect(templateTaskDefaults(callback)).toEqual({
      name: "Call back",
      expiryAmount: "2880",
      expiryUnit: "minutes",
    });
  });

  it("turns problems into an action's field errors", () => {
    const problems = templateProblems(
      values({ name: "", templateFields: templateFieldValues(callback, {}, "UTC") }),
      { ...callback, contactFlowId: null },
    );
    expect(templateFieldErrors(problems)).toEqual({
      name: [M.required],
      "templateFields.Phone.value": [M.required],
      expiryAmount: [M.required],
      quickConnectId: [M.noFlow],
    });
  });
});
