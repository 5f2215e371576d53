import { execFileSync } from "node:child_process";

import { describe, expect, it } from "vitest";

import type { TemplateDefinition } from "@/lib/composer-contract";
import { emptyTask } from "@/lib/task/schema";

import { parseAttributeLines } from "./attribute-lines";
import { cliCommand, shellQuote } from "./cli-command";
import { templateFieldValues, templateProblems, templateTaskDefaults } from "./template-support";

describe("parseAttributeLines", () => {
  it("adds well-formed lines and reports the others with their line number", () => {
    const { rows, problems } = parseAttributeLines(
      "customerId=C-1\n\nnote=a=b\nno pair\n=empty\nbad key=x\r\norder_id= 42 ",
    );
    expect(rows).toEqual([
      { key: "customerId", value: "C-1" },
      { key: "note", value: "a=b" },
      { key: "order_id", value: " 42 " },
    ]);
    expect(problems.map((p) => [p.line, p.reason])).toEqual([
      [4, "no “=” between key and value"],
      [5, "the key is empty"],
      [6, "the key may use only letters, digits, - and _"],
    ]);
  });
});

describe("cliCommand", () => {
  it("quotes every value so a POSIX shell passes it through unchanged", () => {
    const name = `It's "urgent" $HOME \`id\` \\ ;`;
    const input = { InstanceId: "i-1", Name: name, ClientToken: "t'1" };
    const command = cliCommand(input);
    // Evaluate the quoted words with a real shell and read them back.
    const words = execFileSync(
      "sh",
      ["-c", `printf '%s\\n' ${shellQuote(name)} ${command.split("--cli-input-json ")[1] ?? ""}`],
      {
        encoding: "utf8",
      },
    ).split("\n");
    expect(words[0]).toBe(name);
    expect(JSON.parse(words[1] ?? "")).toEqual({ ClientToken: "t'1" });
    expect(command).toContain("--instance-id 'i-1'");
  });
});

const callback: TemplateDefinition = {
  id: "t-1",
  name: "Customer callback",
  description: null,
  contactFlowId: null,
  selfAssignFlowId: null,
  isActive: true,
  fields: [
    field("Title", "NAME", { isRequired: true, defaultValue: "Call back" }),
    field("Phone", "TEXT", { isRequired: true }),
    field("Case", "URL", { isReadOnly: true, defaultValue: "https://crm.example/c" }),
    field("Score", "NUMBER", { isInvisible: true, defaultValue: "50" }),
    field("VIP", "BOOLEAN"),
    field("Due", "DATE_TIME", { defaultValue: "1796117400" }),
    field("Valid for", "EXPIRY_DURATION", { defaultValue: "2880", isRequired: true }),
    field("Assign to", "QUICK_CONNECT"),
  ],
};

function field(
  name: string,
  type: string,
  rest: Partial<TemplateDefinition["fields"][number]> = {},
): TemplateDefinition["fields"][number] {
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

describe("template support", () => {
  const base = emptyTask({ instanceId: "i", timeZone: "Europe/Berlin", clientToken: "t" });

  it("fills reference fields from defaults, keeping typed values but never read-only ones", () => {
    const values = templateFieldValues(
      callback,
      { Phone: { type: "TEXT", value: "+49 30 1" }, Case: { type: "URL", value: "https://x.y" } },
      "Europe/Berlin",
    );
    expect(values).toEqual({
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

  it("reports required fields and the missing flow next to their fields", () => {
    const values = { ...base, templateFields: templateFieldValues(callback, {}, "UTC") };
    expect(templateProblems(values, callback).map((p) => p.path)).toEqual([
      "name",
      "templateFields.Phone.value",
      "expiryAmount",
      "quickConnectId",
    ]);
    const complete = {
      ...values,
      name: "Call",
      expiryAmount: "10",
      quickConnectId: "qc",
      templateFields: { ...values.templateFields, Phone: { type: "TEXT" as const, value: "1" } },
    };
    expect(templateProblems(complete, callback)).toEqual([]);
  });
});
