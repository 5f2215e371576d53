import { describe, expect, it } from "vitest";

import { detectDelimiter, parseCsv, toCsv } from "./csv";

describe("parseCsv", () => {
  it("reads a comma file with a byte-order mark and CRLF line ends", () => {
    const parsed = parseCsv("\uFEFFname,flow\r\nFirst,Billing\r\nSecond,Billing\r\n");
    expect(parsed.delimiter).toBe(",");
    expect(parsed.header).toEqual(["name", "flow"]);
    expect(parsed.records).toEqual([
      ["First", "Billing"],
      ["Second", "Billing"],
    ]);
  });

  it("reads a semicolon file whose text holds commas", () => {
    const parsed = parseCsv("name;description\nA;one, two, three\n");
    expect(parsed.delimiter).toBe(";");
    expect(parsed.records).toEqual([["A", "one, two, three"]]);
  });

  it("keeps newlines and doubled quotes inside quoted fields", () => {
    const parsed = parseCsv('name,description\n"A","line one\nline ""two"""\nB,plain\n');
    expect(parsed.records).toEqual([
      ["A", 'line one\nline "two"'],
      ["B", "plain"],
    ]);
  });

  it("drops blank lines and reports a broken quote at its record", () => {
    const parsed = parseCsv('name\nA\n\n"B\n');
    expect(parsed.records.map((record) => record[0])).toEqual(["A", "B\n"]);
    expect(parsed.errors[0]?.record).toBeGreaterThan(1);
  });
});

describe("detectDelimiter", () => {
  it("ignores delimiters inside quotes of the header line", () => {
    expect(detectDelimiter('"a;b;c",d\n1;2;3;4;5\n')).toBe(",");
    expect(detectDelimiter("a;b,c;d\n")).toBe(";");
    expect(detectDelimiter("name\n")).toBe(",");
  });
});

describe("toCsv", () => {
  it("quotes what needs quoting, so the file reads back the same", () => {
    const rows = [["a", 'say "hi"', "x,y", "two\nlines"]];
    expect(parseCsv(`h1,h2,h3,h4\r\n${toCsv(rows)}`).records).toEqual(rows);
  });
});
