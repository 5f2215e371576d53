import { describe, expect, it } from "vitest";

import { mapHeader } from "./columns";

describe("mapHeader", () => {
  it("maps plain columns whatever their case, and prefixed ones keeping the name's case", () => {
    const mapping = mapHeader([
      "Name",
      "FLOW",
      "ref:Order Number:number",
      "ATTR:Customer_Id",
      "Field:Order",
    ]);
    expect(mapping).toEqual({
      ok: true,
      columns: [
        { kind: "plain", name: "name", index: 0, header: "Name" },
        { kind: "plain", name: "flow", index: 1, header: "FLOW" },
        {
          kind: "reference",
          name: "Order Number",
          type: "NUMBER",
          index: 2,
          header: "ref:Order Number:number",
        },
        { kind: "attribute", key: "Customer_Id", index: 3, header: "ATTR:Customer_Id" },
        { kind: "field", name: "Order", index: 4, header: "Field:Order" },
      ],
    });
  });

  it("keeps colons inside a reference name (the type is after the last one)", () => {
    const mapping = mapHeader(["name", "ref:a:b:URL"]);
    expect(mapping.columns[1]).toMatchObject({ kind: "reference", name: "a:b", type: "URL" });
  });

  it("names an unknown column instead of dropping it", () => {
    const mapping = mapHeader(["name", "flow", "priority"]);
    expect(mapping.ok).toBe(false);
    if (mapping.ok) return;
    expect(mapping.problems).toEqual([
      { index: 2, message: expect.stringContaining('Unknown column "priority"') as string },
    ]);
  });

  it("refuses a bad reference type, a repeated column and a header without name", () => {
    const mapping = mapHeader(["description", "ref:Order:MONEY", "Description"]);
    expect(mapping.ok).toBe(false);
    if (mapping.ok) return;
    expect(mapping.problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining(
        "the reference type is one of URL, NUMBER, STRING, DATE, EMAIL",
      ) as string,
      'Column "Description" repeats column "description".',
      'The header needs a "name" column.',
    ]);
  });
});
