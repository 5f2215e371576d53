import { describe, expect, it } from "vitest";

import type { AuditEventView } from "@/lib/audit/trail";
import { parseCsv } from "@/test-support/csv";

import { AUDIT_CSV_HEADER, CSV_CELL_MAX, CSV_ROW_MAX, auditCsvLine, csvLine } from "./csv";

/** One cell as csvLine writes it, without the line end. */
const csvCell = (value: unknown) => csvLine([value]).slice(0, -2);

describe("a cell", () => {
  it("leaves plain values alone and writes null as an empty cell", () => {
    expect(csvCell("auth.sign_in")).toBe("auth.sign_in");
    expect(csvCell(3)).toBe("3");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("quotes cells with commas, quotes and line breaks, doubling the quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line 1\nline 2")).toBe('"line 1\nline 2"');
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"');
  });

  it.each([
    ['=HYPERLINK("http://evil.example")', '"\'=HYPERLINK(""http://evil.example"")"'],
    ["+1+2", "'+1+2"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", '"\'\r=1"'],
  ])("defuses a formula: %j → %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("does not touch a formula character that is not first", () => {
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("user@demo.example")).toBe("user@demo.example");
  });

  it("writes objects as JSON, quoted", () => {
    expect(csvCell({ Name: "Call, back" })).toBe('"{""Name"":""Call, back""}"');
  });
});

describe("audit rows", () => {
  const event: AuditEventView = {
    id: "8f9a1c2e-0000-4000-8000-000000000001",
    occurredAt: "2026-11-30T10:00:00.000Z",
    completedAt: "2026-11-30T10:00:01.000Z",
    action: "task.start",
    outcome: "failure",
    actorId: "u1",
    actorEmail: "=cmd@evil.example",
    actorRole: "lead",
    targetId: null,
    instanceId: "i-1",
    clientToken: "tok-1",
    contactId: null,
    request: { Name: "Refund, urgent", Description: "line 1\nline 2" },
    detail: null,
    errorName: "InvalidParameterException",
    errorMessage: 'Field "Name" is "bad"',
    awsRequestId: "req-1",
    attempts: 1,
    ipAddress: "198.51.100.4",
    userAgent: "test",
    repeatCount: 37,
    pendingSeconds: null,
    isReconcilable: false,
    reconcilableInSeconds: null,
  };

  it("has a header row and one line per event that a CSV reader splits back into the values", () => {
    expect(AUDIT_CSV_HEADER).toBe(
      "occurred_at_utc,completed_at_utc,action,outcome,actor_email,actor_id,actor_role," +
        "target_id,contact_id,instance_id,client_token,error_name,error_message,aws_request_id," +
        "attempts,ip_address,request_json,detail_json,event_id,repeat_count\r\n",
    );
    const line = auditCsvLine(event);
    expect(line.endsWith("\r\n")).toBe(true);
    const cells = parseCsvLine(line.slice(0, -2));
    expect(cells).toHaveLength(20);
    expect(cells[3]).toBe("failure");
    expect(cells[4]).toBe("'=cmd@evil.example");
    expect(cells[12]).toBe('Field "Name" is "bad"');
    expect(JSON.parse(cells[16]!)).toEqual(event.request);
    expect(cells[17]).toBe("");
    expect(cells[18]).toBe(event.id);
    // An aggregated row says how many events it stands for.
    expect(cells[19]).toBe("37");
  });

  it("csvLine joins cells with commas and ends with CRLF", () => {
    expect(csvLine(["a", 1, null, "b,c"])).toBe('a,1,,"b,c"\r\n');
  });

  it("cuts a cell longer than a spreadsheet holds, and says how much was cut", () => {
    const long = "=".repeat(CSV_CELL_MAX + 5_000);
    const [cell] = parseCsv(csvLine([long]).slice(0, -2))[0] ?? [];
    // The formula guard still applies to what is left.
    expect(cell?.startsWith("'=")).toBe(true);
    expect(cell!.length).toBeLessThanOrEqual(CSV_CELL_MAX + 1);
    expect(cell).toMatch(/\[cut: \d+ more characters\]$/);
    expect(csvCell("short")).toBe("short");
  });

  it("keeps a whole row within its size by cutting its longest cells, the others intact", () => {
    // Rows written before the audit row bounds may hold anything.
    const old: AuditEventView = {
      ...event,
      request: { References: "r".repeat(200_000) },
      detail: { notes: "d".repeat(200_000) },
      errorMessage: "e".repeat(40_000),
    };
    const cells = parseCsvLine(auditCsvLine(old).slice(0, -2));
    // Every column, repeat_count last.
    expect(cells).toHaveLength(20);
    expect(cells.join("").length).toBeLessThanOrEqual(CSV_ROW_MAX);
    for (const index of [12, 16, 17]) expect(cells[index]).toMatch(/\[cut: \d+ more characters\]$/);
    expect(cells[18]).toBe(event.id);
    expect(cells[19]).toBe(String(event.repeatCount));
    expect(cells[4]).toBe("'=cmd@evil.example");
  });
});

const parseCsvLine = (line: string): string[] => parseCsv(line)[0] ?? [];
