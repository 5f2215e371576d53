import { describe, expect, it } from "vitest";

import { type CheckOptions, checkFile, describeCheck, parseFile, templateValuesOf } from "./check";
import { DEFAULT_BULK_LIMITS } from "./limits";
import { SCHEDULE_FORBIDDEN_MESSAGE } from "./rows";
import { FLOW_ID, INSTANCE_ID, RECALL_TEMPLATE, TEST_LOOKUPS } from "./test-lookups";
import { rowClientToken } from "./token";

const NOW = new Date("2026-03-02T10:00:00Z");
const OPTIONS: CheckOptions = {
  instanceId: INSTANCE_ID,
  timeZone: "Europe/Paris",
  lookups: TEST_LOOKUPS,
  canSchedule: true,
  limits: DEFAULT_BULK_LIMITS,
  now: () => NOW,
  scheduleHorizonSeconds: 6 * 86_400,
};

async function check(text: string, options: Partial<CheckOptions> = {}) {
  const result = await checkFile(text, { ...OPTIONS, ...options });
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe("checkFile", () => {
  it("turns a ready row into the composer's values, names resolved", async () => {
    const result = await check(
      "name,description,flow,scheduled_at,expiry_minutes,created_by,previous_contact_id,ref:Order:NUMBER,attr:tier\n" +
        "Call back,About the bill,billing,2026-03-03T09:30,90,jdoe,c-1,42,gold\n",
    );
    expect(result.ready).toBe(1);
    const [row] = result.rows;
    expect(row?.problems).toEqual([]);
    expect(row?.values).toMatchObject({
      instanceId: INSTANCE_ID,
      name: "Call back",
      description: "About the bill",
      routingKind: "flow",
      contactFlowId: FLOW_ID,
      scheduleMode: "later",
      scheduledLocal: "2026-03-03T09:30",
      timeZone: "Europe/Paris",
      expiryAmount: "90",
      expiryUnit: "minutes",
      createdByArn: TEST_LOOKUPS.agents[0]!.arn,
      linkKind: "previous",
      linkedContactId: "c-1",
      references: [{ name: "Order", type: "NUMBER", value: "42" }],
      attributes: [{ key: "tier", value: "gold" }],
      clientToken: rowClientToken(result.digest, 2),
    });
  });

  it("reads an ISO instant with an offset as wall time in the row's zone", async () => {
    const result = await check(
      "name,flow,scheduled_at,time_zone\nA,Billing,2026-03-03T09:30:00Z,America/New_York\n",
    );
    expect(result.rows[0]?.values).toMatchObject({
      scheduledLocal: "2026-03-03T04:30",
      timeZone: "America/New_York",
    });
  });

  it("puts each problem at its cell, with the schema's own messages", async () => {
    const result = await check(
      "name,flow,quick_connect,scheduled_at,expiry_minutes,ref:Order:NUMBER,attr:bad key\n" +
        ",Billing,,2026-03-01T09:00,0,twelve,x\n" +
        "B,Twice,,,,,\n" +
        "C,,Phone,,,,\n" +
        "D,Billing,Desk,,,,\n",
    );
    expect(result.ready).toBe(0);
    const problemsOf = (row: number) =>
      result.rows
        .find((item) => item.row === row)
        ?.problems.map(({ column, message }) => ({ column, message }));
    expect(problemsOf(2)).toEqual([
      { column: "name", message: "Give the task a name." },
      { column: "ref:Order:NUMBER", message: expect.stringMatching(/number/i) as string },
      { column: "attr:bad key", message: "Keys may use only letters, digits, - and _." },
      { column: "scheduled_at", message: expect.stringContaining("in the past") as string },
      {
        column: "expiry_minutes",
        message: "Expiry must be a whole number between 1 minute and 90 days.",
      },
    ]);
    expect(problemsOf(3)).toEqual([
      { column: "flow", message: '2 flows are named "Twice"; use the id of the one you mean.' },
      { column: "flow", message: "Choose a flow." },
    ]);
    expect(problemsOf(4)?.[0]).toEqual({
      column: "quick_connect",
      message: 'No quick connect for tasks named "Phone" in this instance.',
    });
    expect(problemsOf(5)?.[0]?.message).toContain(
      "Give exactly one of flow, quick_connect and template",
    );
  });

  it("applies the template's rules: required fields at their field: column", async () => {
    const result = await check(
      "name,template,field:Order\nA,recall,\nB,Recall,7\nC,Recall,seven\n",
    );
    expect(
      result.rows.map((row) => row.problems.map(({ column, message }) => `${column}: ${message}`)),
    ).toEqual([
      ["field:Order: Required by the template."],
      [],
      [expect.stringMatching(/^field:Order: .*number/i) as string],
    ]);
    expect(result.rows[1]?.values).toMatchObject({
      routingKind: "template",
      taskTemplateId: RECALL_TEMPLATE.id,
      templateFields: { Order: { type: "NUMBER", value: "7" } },
    });
    expect(templateValuesOf(parseFile("name,template\nA,recall\nB,Recall\nC,recall\n"))).toEqual([
      "recall",
      "Recall",
    ]);
  });

  it("refuses scheduled rows for a role that cannot schedule, and unknown agents", async () => {
    const result = await check(
      "name,flow,scheduled_at,created_by\nA,Billing,2026-03-03T09:30,nobody\n",
      {
        canSchedule: false,
      },
    );
    expect(result.rows[0]?.problems.map(({ column, message }) => ({ column, message }))).toEqual([
      { column: "scheduled_at", message: SCHEDULE_FORBIDDEN_MESSAGE },
      { column: "created_by", message: 'No agent with the username "nobody" in this instance.' },
    ]);
  });

  it("keeps a row's own client_token", async () => {
    const result = await check("name,flow,client_token\nA,Billing,my-token-1\n");
    expect(result.rows[0]?.values?.clientToken).toBe("my-token-1");
  });

  it("stops at the limits and at a bad header with a clear message", async () => {
    const many = `name,flow\n${"A,Billing\n".repeat(4)}`;
    expect(
      await checkFile(many, { ...OPTIONS, limits: { maxRows: 3, maxFileBytes: 1_000 } }),
    ).toMatchObject({
      ok: false,
      message: "This file has 4 rows; a bulk job takes at most 3. Split it into several files.",
    });
    expect(
      await checkFile(many, { ...OPTIONS, limits: { maxRows: 10, maxFileBytes: 20 } }),
    ).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^This file is \d+ bytes; a bulk job takes at most 20 bytes/,
      ) as string,
    });
    expect(await checkFile("name,colour\nA,red\n", OPTIONS)).toMatchObject({
      ok: false,
      message: expect.stringContaining('Unknown column "colour"') as string,
    });
  });

  it("counts 50 rows with 5 bad ones as the page words it", async () => {
    const lines = Array.from({ length: 50 }, (_, index) =>
      index % 10 === 9 ? `,Billing` : `Task ${index},Billing`,
    );
    const result = await check(`name,flow\n${lines.join("\n")}\n`);
    expect(describeCheck(result.rows.length, result.ready)).toBe(
      "50 rows: 45 ready, 5 with problems",
    );
    expect(new Set(result.rows.map((row) => row.values?.clientToken).filter(Boolean)).size).toBe(
      45,
    );
  });
});
