/**
 * StartTaskContact member validation: model constraints (InvalidParameterException), references,
 * attributes (32,768 UTF-8 bytes, key charset), ScheduledTime window and segment attributes.
 */
import {
  GetContactAttributesCommand,
  ListContactReferencesCommand,
  StartTaskContactCommand,
  type ListContactReferencesCommandInput,
  type Reference,
} from "@aws-sdk/client-connect";
import { describe, expect, it } from "vitest";

import {
  DAY,
  DEMO_IDS,
  INSTANCE,
  SECOND,
  agentArn,
  describeContact,
  expectInvalidParameter,
  expectInvalidRequest,
  expectNotFound,
  ms,
  startHarness,
  harnessFor,
  startTask,
  taskInput,
} from "./helpers";

const h = harnessFor();

const send = (input: Parameters<typeof taskInput>[0]) =>
  h.client.send(new StartTaskContactCommand(taskInput(input)));
const ref = (Type: string, Value?: string) =>
  ({ Type, ...(Value === undefined ? {} : { Value }) }) as Reference;

describe("model constraints → InvalidParameterException naming the member", () => {
  it("Name: 1024 characters accepted, 1025 refused", async () => {
    await startTask(h.client, { Name: "n".repeat(1024) });
    await expectInvalidParameter(send({ Name: "n".repeat(1025) }), "Name");
  });

  it("Name is required", async () => {
    await expectInvalidParameter(send({ Name: undefined }), "Name");
  });

  it("Description: 4096 accepted, 4097 refused", async () => {
    await startTask(h.client, { Description: "d".repeat(4096) });
    await expectInvalidParameter(send({ Description: "d".repeat(4097) }), "Description");
  });

  it("InstanceId longer than 100 characters", async () => {
    await expectInvalidParameter(send({ InstanceId: "i".repeat(101) }), "InstanceId");
  });

  it("ClientToken longer than 500 characters", async () => {
    await expectInvalidParameter(send({ ClientToken: "t".repeat(501) }), "ClientToken");
  });

  it("TaskTemplateId of 501 characters", async () => {
    await expectInvalidParameter(
      send({ ContactFlowId: undefined, TaskTemplateId: "x".repeat(501) }),
      "TaskTemplateId",
    );
  });

  it("a reference Type outside the enum", async () => {
    await expectInvalidParameter(
      send({ References: { link: ref("HYPERLINK", "https://x.example") } }),
      "Type",
    );
  });

  it("an empty-string PreviousContactId (min length 1)", async () => {
    await expectInvalidParameter(send({ PreviousContactId: "" }), "PreviousContactId");
  });
});

describe("References", () => {
  it("accepts the five creation types and ListContactReferences returns only the requested ones", async () => {
    const id = await startTask(h.client, {
      References: {
        "Case link": ref("URL", "https://crm.northwind.example/cases/42"),
        Amount: ref("NUMBER", "42.5"),
        Note: ref("STRING", "Customer prefers mornings"),
        "Order date": ref("DATE", "1704067200"),
        "Customer email": ref("EMAIL", "jones@example.com"),
      },
    });
    const list = (types: string[]) =>
      h.client.send(
        new ListContactReferencesCommand({
          InstanceId: INSTANCE,
          ContactId: id,
          ReferenceTypes: types,
        } as ListContactReferencesCommandInput),
      );
    const some = await list(["URL", "DATE"]);
    expect(some.NextToken ?? undefined).toBeUndefined();
    expect(some.ReferenceSummaryList).toHaveLength(2);
    expect(some.ReferenceSummaryList).toEqual(
      expect.arrayContaining([
        { Url: { Name: "Case link", Value: "https://crm.northwind.example/cases/42" } },
        { Date: { Name: "Order date", Value: "1704067200" } },
      ]),
    );
    const all = await list(["URL", "NUMBER", "STRING", "DATE", "EMAIL"]);
    expect(all.ReferenceSummaryList).toHaveLength(5);
    expect(all.ReferenceSummaryList).toEqual(
      expect.arrayContaining([
        { Number: { Name: "Amount", Value: "42.5" } },
        { String: { Name: "Note", Value: "Customer prefers mornings" } },
        { Email: { Name: "Customer email", Value: "jones@example.com" } },
      ]),
    );
    const none = await list(["ATTACHMENT"]);
    expect(none.ReferenceSummaryList ?? []).toEqual([]);
  });

  it("ListContactReferences requires referenceTypes and a known contact", async () => {
    const id = await startTask(h.client);
    await expectInvalidParameter(
      h.client.send(
        new ListContactReferencesCommand({
          InstanceId: INSTANCE,
          ContactId: id,
        } as ListContactReferencesCommandInput),
      ),
      /referenceTypes/i,
    );
    await expectNotFound(
      h.client.send(
        new ListContactReferencesCommand({
          InstanceId: INSTANCE,
          ContactId: "no-such-contact",
          ReferenceTypes: ["URL"],
        }),
      ),
    );
  });

  it.each([
    ["ATTACHMENT at creation", ref("ATTACHMENT", "https://bucket.example/file.pdf")],
    ["EMAIL_MESSAGE (another channel)", ref("EMAIL_MESSAGE", "x")],
    ["CONTACT_ANALYSIS", ref("CONTACT_ANALYSIS", "x")],
    ["a DATE that is an ISO date", ref("DATE", "2024-01-01")],
    ["a DATE that is not a number", ref("DATE", "tomorrow")],
    ["a NUMBER that is not numeric", ref("NUMBER", "forty-two")],
    ["a malformed EMAIL", ref("EMAIL", "not-an-email")],
    ["a malformed URL", ref("URL", "not a url")],
    ["a reference without Value", ref("STRING")],
  ])("refuses %s with InvalidRequestException", async (_label, reference) => {
    await expectInvalidRequest(send({ References: { Field: reference } }));
  });
});

describe("Attributes", () => {
  const bytes = (attrs: Record<string, string>) =>
    Object.entries(attrs).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  // 1 (key "k") + 30,000 + 2,752 + 1 + 14 ("customer_id" + "C-1") = 32,768 bytes.
  const boundaryValue = "€".repeat(10_000) + "é".repeat(1_376) + "a";

  it("accepts exactly 32,768 UTF-8 bytes (keys + values, multibyte values) and returns them", async () => {
    // "€" is 3 bytes, "é" 2 bytes: the character count (11,377) is far below the byte count.
    const attrs = { k: boundaryValue, customer_id: "C-1" };
    expect(bytes(attrs)).toBe(32_768);
    const id = await startTask(h.client, { Attributes: attrs });
    const out = await h.client.send(
      new GetContactAttributesCommand({ InstanceId: INSTANCE, InitialContactId: id }),
    );
    expect(out.Attributes).toEqual(attrs);
  });

  it("refuses 32,769 UTF-8 bytes", async () => {
    const attrs = { k: boundaryValue + "x", customer_id: "C-1" };
    expect(bytes(attrs)).toBe(32_769);
    expect(attrs.k.length).toBeLessThan(32_767);
    await expectInvalidRequest(send({ Attributes: attrs }));
  });

  it("counts the bytes of keys too", async () => {
    const attrs = { ["K".repeat(16_384)]: "v".repeat(16_384) };
    expect(bytes(attrs)).toBe(32_768);
    await startTask(h.client, { Attributes: attrs });
    await expectInvalidRequest(send({ Attributes: { ["K".repeat(16_385)]: "v".repeat(16_384) } }));
  });

  it("accepts keys of letters, digits, - and _", async () => {
    const id = await startTask(h.client, { Attributes: { "customer_id-2": "C-1", ABC123: "" } });
    const out = await h.client.send(
      new GetContactAttributesCommand({ InstanceId: INSTANCE, InitialContactId: id }),
    );
    expect(out.Attributes).toEqual({ "customer_id-2": "C-1", ABC123: "" });
  });

  it.each(["has space", "dot.key", "colon:key", "ключ", "emoji😀"])(
    "refuses the key %j",
    async (key) => {
      await expectInvalidRequest(send({ Attributes: { [key]: "v" } }));
    },
  );
});

describe("ScheduledTime", () => {
  it("accepts exactly now + 6 days and shows it as ScheduledTimestamp", async () => {
    const at = h.clock.now + 6 * DAY;
    const id = await startTask(h.client, { ScheduledTime: new Date(at) });
    expect(ms((await describeContact(h.client, id)).ScheduledTimestamp)).toBe(at);
  });

  it("refuses one second beyond the 6-day horizon", async () => {
    await expectInvalidRequest(send({ ScheduledTime: new Date(h.clock.now + 6 * DAY + SECOND) }));
  });

  it("refuses a time more than 60 s in the past, tolerates a few seconds of skew", async () => {
    await expectInvalidRequest(send({ ScheduledTime: new Date(h.clock.now - 61 * SECOND) }));
    await expectInvalidRequest(send({ ScheduledTime: new Date(h.clock.now - DAY) }));
    await startTask(h.client, { ScheduledTime: new Date(h.clock.now - 5 * SECOND) });
  });
});

describe("ScheduledTime with rules.scheduleHorizonSeconds = 90 days", () => {
  it("accepts 89 days ahead and refuses 91 days", async () => {
    const wide = await startHarness({ rules: { scheduleHorizonSeconds: 90 * 86_400 } });
    try {
      await startTask(wide.client, { ScheduledTime: new Date(wide.clock.now + 89 * DAY) });
      await startTask(wide.client, { ScheduledTime: new Date(wide.clock.now + 90 * DAY) });
      await expectInvalidRequest(
        wide.client.send(
          new StartTaskContactCommand(
            taskInput({ ScheduledTime: new Date(wide.clock.now + 91 * DAY) }),
          ),
        ),
      );
    } finally {
      await wide.stop();
    }
  });
});

describe("SegmentAttributes", () => {
  const expiry = (n: number) => ({
    "connect:ContactExpiry": { ValueMap: { ExpiryDuration: { ValueInteger: n } } },
  });

  it("accepts connect:ContactExpiry 1 and 129,600 minutes and returns it as sent", async () => {
    await startTask(h.client, { SegmentAttributes: expiry(1) });
    const id = await startTask(h.client, { SegmentAttributes: expiry(129_600) });
    const c = await describeContact(h.client, id);
    expect(
      c.SegmentAttributes?.["connect:ContactExpiry"]?.ValueMap?.ExpiryDuration?.ValueInteger,
    ).toBe(129_600);
  });

  it.each([0, 129_601, -5])("refuses connect:ContactExpiry of %i minutes", async (n) => {
    await expectInvalidRequest(send({ SegmentAttributes: expiry(n) }));
  });

  it("accepts connect:CreatedByUser with an agent ARN of this instance", async () => {
    const arn = agentArn(INSTANCE, DEMO_IDS.users[3]);
    const id = await startTask(h.client, {
      SegmentAttributes: { "connect:CreatedByUser": { ValueString: arn } },
    });
    const c = await describeContact(h.client, id);
    expect(c.SegmentAttributes?.["connect:CreatedByUser"]).toEqual({ ValueString: arn });
  });

  it("refuses connect:CreatedByUser that is not an agent ARN", async () => {
    for (const value of [
      "alice.nguyen",
      DEMO_IDS.users[0],
      `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE}/queue/${DEMO_IDS.queues.billing}`,
    ]) {
      await expectInvalidRequest(
        send({ SegmentAttributes: { "connect:CreatedByUser": { ValueString: value } } }),
      );
    }
  });

  it("refuses connect:CreatedByUser naming an agent of another instance", async () => {
    const arn = agentArn(DEMO_IDS.secondInstanceId, DEMO_IDS.users[0]);
    await expectInvalidRequest(
      send({ SegmentAttributes: { "connect:CreatedByUser": { ValueString: arn } } }),
    );
  });
});
