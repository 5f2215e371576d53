/**
 * The wrapper's audit record of an attempt: success written before any clean-up, an unknown
 * outcome never called a failure. Real SDK against the local endpoint, on both databases.
 */
import { randomUUID } from "node:crypto";

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";

import { DEMO_IDS, type RunningConnectLocal, startConnectLocal } from "@/connect-local/index";
import { AppError, CONNECT_ERROR_CODES, ERRORS, type ErrorCode, connectCode } from "@/lib/errors";
import { type ActionHarness, startActionHarness } from "@/test-support/action-harness";
import { DATABASE_BACKENDS } from "@/test-support/test-database";

import { defineAction } from "./action";
import { requirePageUser } from "./auth/authorise";
import { ConnectError } from "./connect/errors";
import { startTaskContact } from "./connect/tasks";
import { auditEvent } from "./db/schema";
import { defineRoute } from "./route";

const mocks = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(mocks.headers) }));

const I = DEMO_IDS.instanceId;
let connect: RunningConnectLocal;

beforeAll(async () => {
  connect = await startConnectLocal({ port: 0, throttling: false });
});
afterAll(async () => {
  await connect?.stop();
});

describe.each(DATABASE_BACKENDS)("defineAction on %s", (backend) => {
  let harness: ActionHarness;

  beforeAll(async () => {
    harness = await startActionHarness(mocks, {
      users: { lead: "lead" },
      env: {
        CONNECT_INSTANCE_ID: I,
        BETTER_AUTH_SECRET: "action-test-secret-0123456789abcdef0123",
        CONNECT_REQUEST_TIMEOUT_MS: "300",
        CONNECT_MAX_ATTEMPTS: "1",
        CONNECT_RATE_LIMITS: "StartTaskContact=1000/1000",
      },
      backend,
      connect,
    });
    harness.as("lead");
  }, 90_000);
  afterAll(async () => {
    await harness?.setFaults([]);
    await harness?.stop();
  });

  const rowsOf = (name: string) =>
    harness.opened.db.select().from(auditEvent).where(eq(auditEvent.action, name));

  const start = (name: string, cleanUp: () => Promise<void> = () => Promise.resolve()) =>
    defineAction({
      name,
      permission: "task.create",
      input: z.object({ token: z.string() }),
      audit: "attempt",
      describe: (input) => ({ instanceId: I, clientToken: input.token }),
      run: ({ input }) =>
        startTaskContact({
          InstanceId: I,
          Name: name,
          ContactFlowId: DEMO_IDS.flows.generalTasks,
          ClientToken: input.token,
        }),
      summarize: (data) => ({ contactId: data.contactId }),
      afterSuccess: cleanUp,
    });

  it("writes the success before the clean-up, and a failing clean-up changes nothing", async () => {
    let rowAtCleanUp: unknown;
    const action = start(`test.clean_up_${backend}`, async () => {
      [rowAtCleanUp] = await rowsOf(`test.clean_up_${backend}`);
      throw new Error("the draft could not be deleted");
    });
    const result = await action({ token: randomUUID() });

    expect(result.ok).toBe(true);
    const contactId = result.ok ? result.data.contactId : "";
    expect(contactId).toMatch(/^[0-9a-f-]{36}$/);
    expect(rowAtCleanUp).toMatchObject({ outcome: "success", contactId });
    expect(await rowsOf(`test.clean_up_${backend}`)).toMatchObject([
      { outcome: "success", contactId, errorName: null, errorMessage: null },
    ]);
  });

  it("records a call Connect may have acted on as unknown, and says so to the caller", async () => {
    await harness.setFaults([
      { kind: "delay", operations: ["StartTaskContact"], delayMs: 700, count: 1 },
    ]);
    const action = start(`test.unknown_${backend}`);
    const result = await action({ token: randomUUID() });

    expect(result).toMatchObject({
      ok: false,
      code: "CONNECT_TIMEOUT",
      isOutcomeUnknown: true,
    });
    expect(await rowsOf(`test.unknown_${backend}`)).toMatchObject([
      { outcome: "unknown", errorName: "TimeoutError", attempts: 1 },
    ]);
  });

  it("records a conclusive refusal as a failure", async () => {
    await harness.setFaults([{ kind: "throttle", operations: ["StartTaskContact"], count: 1 }]);
    const result = await start(`test.throttled_${backend}`)({ token: randomUUID() });
    expect(result).toMatchObject({ ok: false, code: "CONNECT_THROTTLED" });
    expect(result.ok ? null : result.isOutcomeUnknown).toBeUndefined();
    expect(await rowsOf(`test.throttled_${backend}`)).toMatchObject([
      { outcome: "failure", errorName: "ThrottlingException" },
    ]);

    const refused = defineAction({
      name: `test.refused_${backend}`,
      permission: "task.create",
      input: z.object({}),
      audit: "attempt",
      run: () => Promise.reject(new AppError("CONFLICT", { message: "Not now." })),
    });
    expect(await refused({})).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await rowsOf(`test.refused_${backend}`)).toMatchObject([
      { outcome: "failure", errorName: "CONFLICT", errorMessage: "Not now." },
    ]);
  });

  it("refuses text PostgreSQL cannot store at the field, before running or recording anything", async () => {
    const name = `test.unstorable_${backend}`;
    let ran = false;
    const save = defineAction({
      name,
      permission: "task.create",
      input: z.object({ note: z.string(), tags: z.array(z.string()) }),
      audit: "attempt",
      describe: (input) => ({ request: input }),
      run: () => {
        ran = true;
        return Promise.resolve("saved");
      },
    });
    expect(await save({ note: "fine", tags: ["ok", "bad\u0000"] })).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
      fieldErrors: { "tags.1": [expect.stringMatching(/cannot be stored/)] },
    });
    expect(await save({ note: "lone \ud83d", tags: [] })).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
      fieldErrors: { note: [expect.stringMatching(/cannot be stored/)] },
    });
    expect(ran).toBe(false);
    expect(await rowsOf(name)).toEqual([]);
    expect(await save({ note: "fine 🚀", tags: [] })).toEqual({ ok: true, data: "saved" });
  });

  it("refuses a route query PostgreSQL cannot store with a 400 naming the parameter", async () => {
    let ran = false;
    const route = defineRoute({
      name: `test.unstorable_route_${backend}`,
      permission: "task.create",
      query: z.object({ q: z.string().optional() }),
      run: () => {
        ran = true;
        return Promise.resolve(Response.json({ ok: true }));
      },
    });
    const response = await route(new Request("http://127.0.0.1/api/x?q=a%00b"));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { q: [expect.stringMatching(/cannot be stored/)] },
    });
    expect(ran).toBe(false);
    expect((await route(new Request("http://127.0.0.1/api/x?q=ab"))).status).toBe(200);
  });

  it("answers each code with the status and message of the vocabulary, from a route handler", async () => {
    const codes = Object.keys(ERRORS) as ErrorCode[];
    const route = defineRoute({
      name: `test.codes_${backend}`,
      permission: "task.create",
      query: z.object({ code: z.enum(codes), connect: z.enum(CONNECT_ERROR_CODES).optional() }),
      run: ({ query }) =>
        Promise.reject(
          query.connect
            ? new ConnectError(query.connect, "Connect's words.", "SomeException", 400, "r-1", 1)
            : new AppError(query.code),
        ),
    });
    const answer = async (search: string) => {
      const response = await route(new Request(`http://127.0.0.1/api/x?${search}`));
      return { status: response.status, body: (await response.json()) as unknown };
    };
    for (const code of codes) {
      expect(await answer(`code=${code}`), code).toEqual({
        status: ERRORS[code].status,
        body: expect.objectContaining({
          ok: false,
          code,
          formError: ERRORS[code].message,
        }) as unknown,
      });
    }
    for (const code of CONNECT_ERROR_CODES) {
      expect(await answer(`code=CONFLICT&connect=${code}`), code).toEqual({
        status: ERRORS[connectCode(code)].status,
        body: expect.objectContaining({
          code: connectCode(code),
          formError: "Connect's words.",
        }) as unknown,
      });
    }
  });

  it("returns each code with the message of the vocabulary, from an action", async () => {
    const codes = Object.keys(ERRORS) as ErrorCode[];
    const refuse = defineAction({
      name: `test.codes_${backend}`,
      permission: "task.create",
      input: z.object({ code: z.enum(codes) }),
      audit: "none",
      run: ({ input }) => Promise.reject(new AppError(input.code)),
    });
    for (const code of codes) {
      expect(await refuse({ code }), code).toMatchObject({
        ok: false,
        code,
        formError: ERRORS[code].message,
      });
    }
  });

  it("refuses a role without the permission the same way in an action, a route and a page", async () => {
    const name = `test.door_${backend}`;
    const action = defineAction({
      name,
      permission: "users.manage",
      input: z.object({}),
      audit: "none",
      run: () => Promise.resolve("ran"),
    });
    const route = defineRoute({
      name,
      permission: "users.manage",
      query: z.object({}),
      run: () => Promise.resolve(Response.json({ ok: true })),
    });
    const refusal = {
      ok: false,
      code: "FORBIDDEN",
      formError: ERRORS.FORBIDDEN.message,
      requiredPermission: "users.manage",
    };
    expect(await action({})).toMatchObject(refusal);
    const response = await route(new Request("http://127.0.0.1/api/x"));
    expect(response.status).toBe(ERRORS.FORBIDDEN.status);
    expect(await response.json()).toMatchObject(refusal);
    await expect(requirePageUser("users.manage")).rejects.toThrow();

    const denied = (await harness.opened.db.select().from(auditEvent)).filter(
      (row) => row.outcome === "denied" && [name, "page.view"].includes(row.action),
    );
    for (const row of denied) {
      expect(row).toMatchObject({
        errorName: "FORBIDDEN",
        detail: { requiredPermission: "users.manage" },
        actorId: harness.users.lead!.id,
      });
    }
    // Counted by action: a row folds the denials of its minute (recordAuditEvent).
    const count = (action: string) =>
      denied.filter((row) => row.action === action).reduce((sum, r) => sum + r.repeatCount, 0);
    expect([count(name), count("page.view")]).toEqual([2, 1]);
  });
});
