import { execFileSync } from "node:child_process";

import { describe, expect, it } from "vitest";

import { parseAttributeLines } from "./attribute-lines";
import { cliCommand, shellQuote } from "./cli-command";

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
