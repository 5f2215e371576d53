import { describe, expect, it } from "vitest";

import { type AuditRow, type SoakRecord, auditRowsFromCsv, checkSoak } from "./soak-invariants";
import type { State, StoredContact } from "../connect-local/src/state";

const INSTANCE = "instance-1";

function task(id: string, name: string): StoredContact {
  return {
    Id: id,
    Arn: `arn:contact/${id}`,
    InitialContactId: id,
    InstanceId: INSTANCE,
    Channel: "TASK",
    InitiationMethod: "API",
    Name: name,
    LastUpdateTimestamp: 0,
    AttributeBag: id,
  };
}

function row(id: string, outcome: string, token: string, contactId: string | null): AuditRow {
  return {
    id,
    action: "task.start",
    outcome,
    clientToken: token,
    contactId,
    errorName: null,
    requestName: null,
    isSettledByAnother: false,
  };
}

/** Two submissions, each with its task in Connect and one success row: every check holds. */
function healthy(): SoakRecord {
  const connect: State = {
    version: 1,
    instances: [],
    contacts: { c1: task("c1", "soak-r-0"), c2: task("c2", "soak-r-1") },
    attributeBags: {},
    clientTokens: {
      [`${INSTANCE}\nt1`]: { requestHash: "h1", contactId: "c1", at: 0 },
      [`${INSTANCE}\nt2`]: { requestHash: "h2", contactId: "c2", at: 0 },
    },
  };
  return {
    instanceId: INSTANCE,
    namePrefix: "soak-r-",
    submissions: [
      { name: "soak-r-0", clientToken: "t1" },
      { name: "soak-r-1", clientToken: "t2" },
    ],
    audit: [row("a1", "success", "t1", "c1"), row("a2", "success", "t2", "c2")],
    connect,
  };
}

const invariants = (record: SoakRecord) => checkSoak(record).violations.map((v) => v.invariant);

describe("the soak's invariants", () => {
  it("hold for a record where Connect and the trail agree", () => {
    expect(checkSoak(healthy())).toEqual({
      tasksInConnect: 2,
      duplicateNames: 0,
      duplicateTokens: 0,
      auditMatches: 2,
      refusedThenRetried: 0,
      violations: [],
    });
  });

  it("catch a second task created without the submission's ClientToken", () => {
    const record = healthy();
    record.connect.contacts.c3 = task("c3", "soak-r-1");
    const check = checkSoak(record);
    expect(check.duplicateNames).toBe(1);
    expect(check.duplicateTokens).toBe(1);
    expect(invariants(record)).toEqual(
      expect.arrayContaining([
        "exactly one task per submission",
        "no two tasks with the same name",
        "every task carries its submission's ClientToken",
        "every Connect task of the run has a success row",
      ]),
    );
  });

  it("catch a missing task and a success row pointing at nothing", () => {
    const record = healthy();
    delete record.connect.contacts.c2;
    expect(invariants(record)).toEqual(
      expect.arrayContaining([
        "exactly one task per submission",
        "every success row's ContactId exists in Connect",
        "a ClientToken names its own submission's task",
      ]),
    );
  });

  it("catch a pending or unknown row, a failure whose token made a task, two success rows", () => {
    const record = healthy();
    record.audit.push(
      row("a3", "pending", "t1", null),
      row("a4", "unknown", "t2", null),
      row("a5", "failure", "t1", null),
      row("a6", "success", "t2", "c2"),
    );
    expect(invariants(record)).toEqual([
      "one success row per task (the trail matches Connect one to one)",
      "no row left pending or unknown",
      "no row left pending or unknown",
      "no failure row whose ClientToken has a task in Connect",
    ]);
  });

  it("accept earlier attempts settled by the one that created the task, not a second creator", () => {
    const record = healthy();
    // a1 created c1; a11 (same token) was settled by a1's retry, a12 matched by a reconcile.
    record.audit.push(
      { ...row("a11", "success", "t1", "c1"), isSettledByAnother: true },
      { ...row("a12", "success", "t1", "c1"), isSettledByAnother: true },
    );
    expect(invariants(record)).toEqual([]);
    // A settled row of another token pointing at the task does not match one to one.
    record.audit.push({ ...row("a13", "success", "t2", "c1"), isSettledByAnother: true });
    expect(invariants(record)).toEqual([
      "one success row per task (the trail matches Connect one to one)",
    ]);
  });

  it("accept a throttled attempt retried to success, not a timed-out or failed one", () => {
    const record = healthy();
    const throttled = { ...row("a8", "failure", "t1", null), errorName: "ThrottlingException" };
    const timedOut = { ...row("a9", "failure", "t2", null), errorName: "TimeoutError" };
    const internal = {
      ...row("a10", "failure", "t2", null),
      errorName: "InternalServiceException",
    };
    record.audit.push(throttled, timedOut, internal);
    const check = checkSoak(record);
    expect(check.refusedThenRetried).toBe(1);
    expect(check.violations.map((v) => v.detail)).toEqual([
      expect.stringContaining("row a9 (TimeoutError)"),
      expect.stringContaining("row a10 (InternalServiceException)"),
    ]);
  });

  it("ignore tasks of other runs and failures whose token made nothing", () => {
    const record = healthy();
    record.connect.contacts.x = task("x", "other-run-0");
    record.submissions.push({ name: "soak-r-2", clientToken: "t3" });
    record.audit.push(row("a7", "failure", "t3", null));
    // The submission without a task is a violation; the failure row of its token is not.
    expect(invariants(record)).toEqual(["exactly one task per submission"]);
  });
});

describe("auditRowsFromCsv", () => {
  it("reads the export's columns by name, request name included", () => {
    const csv =
      "\uFEFFevent_id,action,outcome,client_token,contact_id,error_name,request_json,detail_json\r\n" +
      'e1,task.start,failure,t1,,TimeoutError,"{""Name"":""soak-r-0""}",\r\n' +
      'e2,task.start,success,t1,c1,TimeoutError,,"{""settled"":{""byAuditEvent"":""e3""}}"\r\n' +
      'e4,task.start,success,t1,c1,,,"{""reconciled"":{""resolution"":""replayed""}}"\r\n';
    expect(auditRowsFromCsv(csv)).toEqual([
      {
        id: "e1",
        action: "task.start",
        outcome: "failure",
        clientToken: "t1",
        contactId: null,
        errorName: "TimeoutError",
        requestName: "soak-r-0",
        isSettledByAnother: false,
      },
      {
        id: "e2",
        action: "task.start",
        outcome: "success",
        clientToken: "t1",
        contactId: "c1",
        errorName: "TimeoutError",
        requestName: null,
        isSettledByAnother: true,
      },
      {
        id: "e4",
        action: "task.start",
        outcome: "success",
        clientToken: "t1",
        contactId: "c1",
        errorName: null,
        requestName: null,
        isSettledByAnother: false,
      },
    ]);
  });
});
