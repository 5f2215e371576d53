/**
 * List operations: pages, SDK paginators, filters, and token / maxResults validation.
 */
import {
  ListContactFlowsCommand,
  ListInstancesCommand,
  ListQuickConnectsCommand,
  ListTaskTemplatesCommand,
  ListUsersCommand,
  paginateListContactFlows,
  paginateListInstances,
  paginateListQuickConnects,
  paginateListUsers,
} from "@aws-sdk/client-connect";
import { describe, expect, it } from "vitest";

import {
  DEMO_IDS,
  INSTANCE,
  expectInvalidParameter,
  expectInvalidRequest,
  expectNotFound,
  instanceArn,
  harnessFor,
} from "./helpers";

const h = harnessFor("all");

const UNKNOWN = "00000000-0000-4000-8000-0000000000aa";

describe("ListInstances", () => {
  it("returns both seeded instances in pages of 1", async () => {
    const p1 = await h.client.send(new ListInstancesCommand({ MaxResults: 1 }));
    expect(p1.InstanceSummaryList).toHaveLength(1);
    expect(p1.NextToken).toMatch(/\S/);
    const p2 = await h.client.send(
      new ListInstancesCommand({ MaxResults: 1, NextToken: p1.NextToken }),
    );
    expect(p2.InstanceSummaryList).toHaveLength(1);
    expect(p2.NextToken ?? undefined).toBeUndefined();
    const ids = [...(p1.InstanceSummaryList ?? []), ...(p2.InstanceSummaryList ?? [])].map(
      (i) => i.Id,
    );
    expect(ids.sort()).toEqual([DEMO_IDS.instanceId, DEMO_IDS.secondInstanceId].sort());
    const main = [...(p1.InstanceSummaryList ?? []), ...(p2.InstanceSummaryList ?? [])].find(
      (i) => i.Id === INSTANCE,
    );
    expect(main).toMatchObject({
      Arn: instanceArn(INSTANCE),
      InstanceAlias: "northwind-support",
      InstanceStatus: "ACTIVE",
    });
    expect(main?.CreatedTime).toBeInstanceOf(Date);
  });

  it("the SDK paginator visits both pages once and stops", async () => {
    const pages = [];
    for await (const page of paginateListInstances({ client: h.client, pageSize: 1 }, {}))
      pages.push(page);
    expect(pages).toHaveLength(2);
    expect(
      pages
        .flatMap((p) => p.InstanceSummaryList ?? [])
        .map((i) => i.Id)
        .sort(),
    ).toEqual([DEMO_IDS.instanceId, DEMO_IDS.secondInstanceId].sort());
  });

  it("maxResults outside 1..10 and malformed tokens → InvalidRequestException (no InvalidParameterException modeled)", async () => {
    await expectInvalidRequest(
      h.client.send(new ListInstancesCommand({ MaxResults: 11 })),
      /maxResults/i,
    );
    await expectInvalidRequest(
      h.client.send(new ListInstancesCommand({ MaxResults: 0 })),
      /maxResults/i,
    );
    await expectInvalidRequest(
      h.client.send(new ListInstancesCommand({ NextToken: "not-a-real-token!!" })),
    );
  });
});

describe("ListUsers", () => {
  it("pages 12 users as 5, 5, 2 with no NextToken on the last page", async () => {
    const sizes: number[] = [];
    const ids: string[] = [];
    let token: string | undefined;
    let calls = 0;
    do {
      const page = await h.client.send(
        new ListUsersCommand({ InstanceId: INSTANCE, MaxResults: 5, NextToken: token }),
      );
      sizes.push(page.UserSummaryList?.length ?? 0);
      ids.push(...(page.UserSummaryList ?? []).map((u) => u.Id as string));
      token = page.NextToken ?? undefined;
    } while (token && ++calls < 10);
    expect(sizes).toEqual([5, 5, 2]);
    expect(ids.sort()).toEqual([...DEMO_IDS.users].sort());
  });

  it("returns all 12 in one page by default, with Username and Arn", async () => {
    const page = await h.client.send(new ListUsersCommand({ InstanceId: INSTANCE }));
    expect(page.UserSummaryList).toHaveLength(12);
    expect(page.NextToken ?? undefined).toBeUndefined();
    expect(page.UserSummaryList).toContainEqual(
      expect.objectContaining({
        Id: DEMO_IDS.users[1],
        Username: "bruno.silva",
        Arn: `${instanceArn(INSTANCE)}/agent/${DEMO_IDS.users[1]}`,
      }),
    );
  });

  it("paginateListUsers returns every user exactly once and terminates", async () => {
    const pages = [];
    for await (const page of paginateListUsers(
      { client: h.client, pageSize: 5 },
      { InstanceId: INSTANCE },
    )) {
      pages.push(page);
      if (pages.length > 10) break;
    }
    expect(pages.map((p) => p.UserSummaryList?.length)).toEqual([5, 5, 2]);
    const ids = pages.flatMap((p) => p.UserSummaryList ?? []).map((u) => u.Id);
    expect(new Set(ids).size).toBe(12);
  });

  it("maxResults 0 or 1001 → InvalidParameterException", async () => {
    await expectInvalidParameter(
      h.client.send(new ListUsersCommand({ InstanceId: INSTANCE, MaxResults: 0 })),
      /maxResults/i,
    );
    await expectInvalidParameter(
      h.client.send(new ListUsersCommand({ InstanceId: INSTANCE, MaxResults: 1001 })),
      /maxResults/i,
    );
  });

  it("a malformed token → InvalidRequestException; an unknown instance → 404; the sandbox has no users", async () => {
    await expectInvalidRequest(
      h.client.send(new ListUsersCommand({ InstanceId: INSTANCE, NextToken: "garbage" })),
    );
    await expectNotFound(h.client.send(new ListUsersCommand({ InstanceId: UNKNOWN })));
    const empty = await h.client.send(
      new ListUsersCommand({ InstanceId: DEMO_IDS.secondInstanceId }),
    );
    expect(empty.UserSummaryList ?? []).toEqual([]);
    expect(empty.NextToken ?? undefined).toBeUndefined();
  });
});

describe("ListContactFlows", () => {
  it("lists all 8 flows, and filters by ContactFlowTypes", async () => {
    const all = await h.client.send(new ListContactFlowsCommand({ InstanceId: INSTANCE }));
    expect(all.ContactFlowSummaryList).toHaveLength(8);
    expect(all.ContactFlowSummaryList).toContainEqual(
      expect.objectContaining({
        Id: DEMO_IDS.flows.draftUnpublished,
        Name: "New triage (draft)",
        ContactFlowType: "CONTACT_FLOW",
        ContactFlowState: "ACTIVE",
        ContactFlowStatus: "SAVED",
      }),
    );
    const inbound = await h.client.send(
      new ListContactFlowsCommand({ InstanceId: INSTANCE, ContactFlowTypes: ["CONTACT_FLOW"] }),
    );
    expect(inbound.ContactFlowSummaryList?.map((f) => f.ContactFlowType)).toEqual(
      Array(5).fill("CONTACT_FLOW"),
    );
    const transfers = await h.client.send(
      new ListContactFlowsCommand({
        InstanceId: INSTANCE,
        ContactFlowTypes: ["AGENT_TRANSFER", "QUEUE_TRANSFER"],
      }),
    );
    expect(transfers.ContactFlowSummaryList?.map((f) => f.Id).sort()).toEqual(
      [DEMO_IDS.flows.transferToAgent, DEMO_IDS.flows.transferToQueue].sort(),
    );
  });

  it("paginateListContactFlows with pageSize 3 returns all 8 once", async () => {
    const pages = [];
    for await (const page of paginateListContactFlows(
      { client: h.client, pageSize: 3 },
      { InstanceId: INSTANCE },
    )) {
      pages.push(page);
      if (pages.length > 10) break;
    }
    expect(pages.map((p) => p.ContactFlowSummaryList?.length)).toEqual([3, 3, 2]);
    expect(
      new Set(pages.flatMap((p) => p.ContactFlowSummaryList ?? []).map((f) => f.Id)).size,
    ).toBe(8);
  });

  it("a token reused with different filters → InvalidRequestException", async () => {
    const p1 = await h.client.send(
      new ListContactFlowsCommand({
        InstanceId: INSTANCE,
        ContactFlowTypes: ["CONTACT_FLOW"],
        MaxResults: 2,
      }),
    );
    expect(p1.NextToken).toMatch(/\S/);
    await expectInvalidRequest(
      h.client.send(
        new ListContactFlowsCommand({
          InstanceId: INSTANCE,
          ContactFlowTypes: ["AGENT_TRANSFER"],
          MaxResults: 2,
          NextToken: p1.NextToken,
        }),
      ),
    );
    // The same token with the same filters still works.
    const p2 = await h.client.send(
      new ListContactFlowsCommand({
        InstanceId: INSTANCE,
        ContactFlowTypes: ["CONTACT_FLOW"],
        MaxResults: 2,
        NextToken: p1.NextToken,
      }),
    );
    expect(p2.ContactFlowSummaryList).toHaveLength(2);
  });

  it("a token of another list operation is refused", async () => {
    const users = await h.client.send(
      new ListUsersCommand({ InstanceId: INSTANCE, MaxResults: 2 }),
    );
    expect(users.NextToken).toMatch(/\S/);
    await expectInvalidRequest(
      h.client.send(
        new ListContactFlowsCommand({
          InstanceId: INSTANCE,
          MaxResults: 2,
          NextToken: users.NextToken,
        }),
      ),
    );
  });

  it("an unknown ContactFlowType → InvalidParameterException; maxResults 1001 → InvalidParameterException", async () => {
    await expectInvalidParameter(
      h.client.send(
        new ListContactFlowsCommand({
          InstanceId: INSTANCE,
          ContactFlowTypes: ["NOT_A_TYPE" as "CONTACT_FLOW"],
        }),
      ),
    );
    await expectInvalidParameter(
      h.client.send(new ListContactFlowsCommand({ InstanceId: INSTANCE, MaxResults: 1001 })),
    );
  });
});

describe("ListQuickConnects", () => {
  it("lists 4, filters by QuickConnectTypes, and pages", async () => {
    const all = await h.client.send(new ListQuickConnectsCommand({ InstanceId: INSTANCE }));
    expect(all.QuickConnectSummaryList).toHaveLength(4);
    expect(all.QuickConnectSummaryList).toContainEqual(
      expect.objectContaining({
        Id: DEMO_IDS.quickConnects.agentAlice,
        QuickConnectType: "USER",
        Name: "Alice Nguyen (agent)",
      }),
    );
    const usable = await h.client.send(
      new ListQuickConnectsCommand({ InstanceId: INSTANCE, QuickConnectTypes: ["USER", "QUEUE"] }),
    );
    expect(usable.QuickConnectSummaryList?.map((q) => q.Id).sort()).toEqual(
      [
        DEMO_IDS.quickConnects.agentAlice,
        DEMO_IDS.quickConnects.queueBilling,
        DEMO_IDS.quickConnects.queueTechnical,
      ].sort(),
    );
    const pages = [];
    for await (const page of paginateListQuickConnects(
      { client: h.client, pageSize: 3 },
      { InstanceId: INSTANCE },
    )) {
      pages.push(page);
      if (pages.length > 10) break;
    }
    expect(pages.map((p) => p.QuickConnectSummaryList?.length)).toEqual([3, 1]);
  });

  it("accepts the instance ARN as InstanceId", async () => {
    const out = await h.client.send(
      new ListQuickConnectsCommand({
        InstanceId: instanceArn(INSTANCE),
        QuickConnectTypes: ["PHONE_NUMBER"],
      }),
    );
    expect(out.QuickConnectSummaryList?.map((q) => q.Id)).toEqual([
      DEMO_IDS.quickConnects.phoneEscalationDesk,
    ]);
  });
});

describe("ListTaskTemplates", () => {
  it("returns every template in one page without NextToken, and filters by Status", async () => {
    const all = await h.client.send(new ListTaskTemplatesCommand({ InstanceId: INSTANCE }));
    expect(all.TaskTemplates).toHaveLength(4);
    expect(all.NextToken ?? undefined).toBeUndefined();
    const active = await h.client.send(
      new ListTaskTemplatesCommand({ InstanceId: INSTANCE, Status: "ACTIVE" }),
    );
    expect(active.TaskTemplates?.map((t) => t.Id).sort()).toEqual(
      [
        DEMO_IDS.taskTemplates.customerCallback,
        DEMO_IDS.taskTemplates.refundReview,
        DEMO_IDS.taskTemplates.fieldVisitNoFlow,
      ].sort(),
    );
    const inactive = await h.client.send(
      new ListTaskTemplatesCommand({ InstanceId: INSTANCE, Status: "INACTIVE" }),
    );
    expect(inactive.TaskTemplates).toEqual([
      expect.objectContaining({
        Id: DEMO_IDS.taskTemplates.legacyInactive,
        Name: "Legacy escalation",
        Status: "INACTIVE",
      }),
    ]);
  });
});
