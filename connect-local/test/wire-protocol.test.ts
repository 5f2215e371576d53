/**
 * restJson1 wire details checked with raw fetch: error headers and bodies, unknown operations,
 * malformed JSON, percent-encoded labels, and epoch-second timestamps in raw JSON.
 */
import { DescribeQueueCommand, ListUsersCommand } from "@aws-sdk/client-connect";
import { describe, expect, it } from "vitest";

import { DEMO_IDS, INSTANCE, expectConnectError, instanceArn, harnessFor } from "./helpers";

const h = harnessFor("all");

interface Raw {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}
async function raw(path: string, init: RequestInit = {}): Promise<Raw> {
  const res = await fetch(`${h.url}${path}`, init);
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = {};
  }
  return { status: res.status, headers: res.headers, text, json };
}
const put = (path: string, body: string) =>
  raw(path, { method: "PUT", body, headers: { "content-type": "application/json" } });

/**
 * The error format of docs/connect-api.md, Answering an error so the SDK raises the right class.
 */
function expectErrorFormat(r: Raw, type: string, status: number) {
  expect(r.status).toBe(status);
  expect(r.headers.get("content-type") ?? "").toMatch(/application\/json/);
  expect(r.headers.get("x-amzn-requestid") ?? "").toMatch(/\S/);
  expect((r.headers.get("x-amzn-errortype") ?? "").split(":")[0]).toBe(type);
  expect(() => {
    JSON.parse(r.text);
  }).not.toThrow();
  expect(r.json.__type).toBe(type);
  const message = r.json.Message ?? r.json.message;
  expect(typeof message).toBe("string");
}

describe("errors on the wire", () => {
  it("an unknown path → 404 UnknownOperationException JSON, and the server keeps working", async () => {
    const r = await raw("/no-such-thing");
    expectErrorFormat(r, "UnknownOperationException", 404);
    const users = await h.client.send(new ListUsersCommand({ InstanceId: INSTANCE }));
    expect(users.UserSummaryList).toHaveLength(12);
  });

  it("an SDK command the endpoint does not implement → UnknownOperationException 404", async () => {
    await expectConnectError(
      h.client.send(
        new DescribeQueueCommand({ InstanceId: INSTANCE, QueueId: DEMO_IDS.queues.billing }),
      ),
      "UnknownOperationException",
      404,
    );
    const users = await h.client.send(new ListUsersCommand({ InstanceId: INSTANCE }));
    expect(users.UserSummaryList).toHaveLength(12);
  });

  it("a known path with the wrong method is not routed to the operation", async () => {
    const r = await raw("/contact/task", { method: "GET" });
    expectErrorFormat(r, "UnknownOperationException", 404);
  });

  it("a ResourceNotFoundException carries header, __type and message", async () => {
    const r = await raw(`/contacts/${INSTANCE}/00000000-0000-4000-8000-000000000000`);
    expectErrorFormat(r, "ResourceNotFoundException", 404);
  });

  it("a body that is not JSON → 400 with a JSON error body", async () => {
    const r = await put("/contact/task", "{ not json");
    expect(r.status).toBe(400);
    expect(r.headers.get("x-amzn-errortype") ?? "").toMatch(/Exception/);
    expect(r.headers.get("x-amzn-requestid") ?? "").toMatch(/\S/);
    expect(typeof (r.json.Message ?? r.json.message)).toBe("string");
  });

  it("a JSON body that is not an object → 400", async () => {
    const r = await put("/contact/task", "[1,2,3]");
    expect(r.status).toBe(400);
    expect(r.headers.get("x-amzn-errortype") ?? "").toMatch(/Exception/);
  });

  it("a ScheduledTime that is not a number → 400", async () => {
    const r = await put(
      "/contact/task",
      JSON.stringify({
        InstanceId: INSTANCE,
        Name: "x",
        ContactFlowId: DEMO_IDS.flows.generalTasks,
        ScheduledTime: "2030-01-01T00:00:00Z",
      }),
    );
    expect(r.status).toBe(400);
    expect((r.headers.get("x-amzn-errortype") ?? "").split(":")[0]).toMatch(
      /InvalidParameterException|InvalidRequestException|SerializationException/,
    );
  });

  it("each response gets its own request id", async () => {
    const a = await raw("/no-such-thing");
    const b = await raw("/no-such-thing");
    expect(a.headers.get("x-amzn-requestid")).not.toBe(b.headers.get("x-amzn-requestid"));
  });
});

describe("successful responses on the wire", () => {
  it("StartTaskContact is PUT /contact/task returning {ContactId}", async () => {
    const r = await put(
      "/contact/task",
      JSON.stringify({
        InstanceId: INSTANCE,
        Name: "raw task",
        ContactFlowId: DEMO_IDS.flows.generalTasks,
        ScheduledTime: h.clock.now / 1000 + 3600.5,
      }),
    );
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type") ?? "").toMatch(/application\/json/);
    expect(typeof r.json.ContactId).toBe("string");
    const d = await raw(`/contacts/${INSTANCE}/${String(r.json.ContactId)}`);
    const contact = d.json.Contact as Record<string, unknown>;
    expect(typeof contact.ScheduledTimestamp).toBe("number");
    expect(
      Math.abs((contact.ScheduledTimestamp as number) - (h.clock.now / 1000 + 3600.5)),
    ).toBeLessThanOrEqual(1);
  });

  it("timestamps are epoch-second JSON numbers", async () => {
    const d = await raw(`/contacts/${INSTANCE}/${DEMO_IDS.contacts.voiceBillingCall}`);
    expect(d.status).toBe(200);
    const c = d.json.Contact as Record<string, unknown>;
    expect(typeof c.InitiationTimestamp).toBe("number");
    expect(typeof c.DisconnectTimestamp).toBe("number");
    expect(c.InitiationTimestamp).toBe(h.clock.now / 1000 - 3 * 3600);
    const i = await raw(`/instance/${INSTANCE}`);
    const inst = i.json.Instance as Record<string, unknown>;
    expect(typeof inst.CreatedTime).toBe("number");
    expect(inst.CreatedTime as number).toBeLessThan(1e11); // seconds, not milliseconds
  });

  it("percent-encoded path labels are decoded (instance ARN as InstanceId)", async () => {
    const r = await raw(
      `/quick-connects/${encodeURIComponent(instanceArn(INSTANCE))}?QuickConnectTypes=USER`,
    );
    expect(r.status).toBe(200);
    const list = r.json.QuickConnectSummaryList as { Id: string }[];
    expect(list.map((q) => q.Id)).toEqual([DEMO_IDS.quickConnects.agentAlice]);
  });

  it("repeated query parameters are read as lists", async () => {
    const r = await raw(
      `/contact-flows-summary/${INSTANCE}?contactFlowTypes=AGENT_TRANSFER&contactFlowTypes=QUEUE_TRANSFER`,
    );
    expect(r.status).toBe(200);
    expect((r.json.ContactFlowSummaryList as unknown[]).length).toBe(2);
  });

  it("StopContact returns an empty JSON object", async () => {
    const created = await put(
      "/contact/task",
      JSON.stringify({
        InstanceId: INSTANCE,
        Name: "to stop",
        ContactFlowId: DEMO_IDS.flows.generalTasks,
      }),
    );
    const r = await raw("/contact/stop", {
      method: "POST",
      body: JSON.stringify({ InstanceId: INSTANCE, ContactId: created.json.ContactId }),
      headers: { "content-type": "application/json" },
    });
    expect(r.status).toBe(200);
    expect(r.text === "" ? {} : r.json).toEqual({});
  });
});

describe("robustness: odd but well-formed JSON never causes a 500", () => {
  const F = DEMO_IDS.flows.generalTasks;
  const task = (extra: string) =>
    put("/contact/task", `{"InstanceId":"${INSTANCE}","Name":"x","ContactFlowId":"${F}"${extra}}`);
  const errorType = (r: Raw) => (r.headers.get("x-amzn-errortype") ?? "").split(":")[0];

  it("a null reference → 400, not InternalServiceException", async () => {
    const r = await task(`,"References":{"x":null}`);
    expect(r.status, r.text).toBe(400);
    expect(errorType(r)).toMatch(/^(InvalidParameterException|InvalidRequestException)$/);
  });

  it("a null attribute value → 400 InvalidParameterException (the map is not sparse)", async () => {
    const r = await task(`,"Attributes":{"k":null}`);
    expect(r.status, r.text).toBe(400);
    expect(errorType(r)).toBe("InvalidParameterException");
  });

  it.each([1e20, -1e20])(
    "ScheduledTime %d (outside the Date range) → 400 InvalidRequestException",
    async (n) => {
      const r = await task(`,"ScheduledTime":${n}`);
      expect(r.status, r.text).toBe(400);
      expect(errorType(r)).toBe("InvalidRequestException");
    },
  );

  it("UpdateContactSchedule with ScheduledTime 1e20 → 400 InvalidRequestException", async () => {
    const created = await task(`,"ScheduledTime":${h.clock.now / 1000 + 3600}`);
    expect(created.status).toBe(200);
    const r = await raw("/contact/schedule", {
      method: "POST",
      body: `{"InstanceId":"${INSTANCE}","ContactId":"${String(created.json.ContactId)}","ScheduledTime":1e20}`,
      headers: { "content-type": "application/json" },
    });
    expect(r.status, r.text).toBe(400);
    expect(errorType(r)).toBe("InvalidRequestException");
  });
});

describe("prototype-named keys are plain data", () => {
  const F = DEMO_IDS.flows.generalTasks;
  const task = (extra: string) =>
    put("/contact/task", `{"InstanceId":"${INSTANCE}","Name":"x","ContactFlowId":"${F}"${extra}}`);

  it("an attribute key __proto__ (letters and underscores) is kept, also in a PreviousContactId chain", async () => {
    const prev = DEMO_IDS.contacts.voiceOutageCall;
    const created = await task(
      `,"PreviousContactId":"${prev}","Attributes":{"__proto__":"kept","b":"2"}`,
    );
    expect(created.status).toBe(200);
    const r = await raw(`/contact/attributes/${INSTANCE}/${String(created.json.ContactId)}`);
    expect(r.text).toContain(`"__proto__":"kept"`);
  });

  it("a reference named __proto__ is stored and listed", async () => {
    const created = await task(
      `,"References":{"__proto__":{"Type":"URL","Value":"https://x.example/p"}}`,
    );
    expect(created.status).toBe(200);
    const r = await raw(
      `/contact/references/${INSTANCE}/${String(created.json.ContactId)}?referenceTypes=URL`,
    );
    expect(r.status).toBe(200);
    expect(r.json.ReferenceSummaryList).toEqual([
      { Url: { Name: "__proto__", Value: "https://x.example/p" } },
    ]);
  });
});
