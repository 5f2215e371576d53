/**
 * README.md, Security: the logs promise. The lines the console really writes (actions, route handlers, Connect failures, sign-ins) through the process's
 * logger, captured at level info instead of the tests' silence. Secrets and user text are canaries:
 * none may appear in any line.
 */
import { randomUUID } from "node:crypto";

import { eq } from "drizzle-orm";
import type { Logger } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

import { DEMO_IDS, type RunningConnectLocal, startConnectLocal } from "@/connect-local/index";
import { type ActionHarness, startActionHarness } from "@/test-support/action-harness";
import { trySignIn } from "@/test-support/auth";
import { DATABASE_BACKENDS } from "@/test-support/test-database";

import { defineAction } from "./action";
import { getAuth } from "./auth";
import { ConnectError } from "./connect/errors";
import { describeInstance } from "./connect/instance";
import { startTaskContact } from "./connect/tasks";
import { auditEvent } from "./db/schema";
import type * as LogModule from "./log";
import { createLogger, fingerprint } from "./log";
import { defineRoute } from "./route";

const mocks = vi.hoisted(() => ({ headers: new Headers(), lines: [] as string[] }));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(mocks.headers) }));
vi.mock("@/lib/server/log", async (importOriginal) => {
  const actual = await importOriginal<typeof LogModule>();
  const sink = { write: (line: string) => void mocks.lines.push(line) };
  return { ...actual, log: actual.createLogger({ level: "info" }, sink) };
});

function captured(): { lines: string[]; logger: Logger } {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: "info" }, { write: (line) => lines.push(line) }) };
}
const parse = (line: string) => JSON.parse(line) as Record<string, unknown>;
const written = () => mocks.lines.map(parse);

/**
 * One harness per database: the console's lines are the same on both, and a database error's
 * parameters are each driver's own. The endpoint is shared, as the adapter keeps its first client.
 */
const I = DEMO_IDS.instanceId;
let connect: RunningConnectLocal;
beforeAll(async () => {
  connect = await startConnectLocal({ port: 0, throttling: false });
});
afterAll(async () => {
  await connect?.stop();
});

describe.each(DATABASE_BACKENDS)("on %s", (backend) => {
  let harness: ActionHarness;

  beforeAll(async () => {
    harness = await startActionHarness(mocks, {
      users: { lead: "lead" },
      env: {
        CONNECT_INSTANCE_ID: I,
        BETTER_AUTH_SECRET: "log-test-secret-0123456789abcdef0123",
        // A throttled call must fail at once so its log line can be read.
        CONNECT_MAX_ATTEMPTS: "1",
        CONNECT_RATE_LIMITS: "StartTaskContact=1000/1000",
      },
      backend,
      connect,
    });
  }, 90_000);
  afterAll(async () => {
    await harness?.setFaults([]);
    await harness?.stop();
  });
  beforeEach(() => {
    mocks.lines.length = 0;
  });

  describe("what the console logs", () => {
    const sendNote = defineAction({
      name: "test.send_note",
      permission: "task.create",
      input: z.object({ name: z.string().min(1), description: z.string(), password: z.string() }),
      audit: "none",
      run: ({ input }) =>
        startTaskContact({
          InstanceId: I,
          ContactFlowId: DEMO_IDS.flows.generalTasks,
          Name: input.name,
          Description: input.description,
          ClientToken: randomUUID(),
        }),
    });
    const note = {
      name: "canary-name",
      description: 'canary-body\n{"level":60,"msg":"forged"}',
      password: "canary-password",
    };

    it("logs a Connect failure with its code and request id, and the action without its input", async () => {
      harness.as("lead");
      await harness.setFaults([{ kind: "throttle", operations: ["StartTaskContact"], count: 1 }]);
      const result = await sendNote(note);
      expect(result).toMatchObject({ ok: false, code: "CONNECT_THROTTLED" });

      expect(mocks.lines.join("")).not.toMatch(/canary/);
      const [connectLine, actionLine] = written();
      expect(connectLine).toMatchObject({
        module: "connect",
        operation: "StartTaskContact",
        code: "THROTTLED",
        awsName: "ThrottlingException",
        httpStatus: 429,
        attempts: 1,
      });
      expect(connectLine?.requestId).toMatch(/\S/);
      expect(actionLine).toMatchObject({
        module: "action",
        action: "test.send_note",
        outcome: "failure",
        errorCode: "CONNECT_THROTTLED",
        userId: harness.users.lead!.id,
      });
      expect(actionLine?.durationMs).toEqual(expect.any(Number));
      expect(written()).toHaveLength(2);
    });

    it("logs success, invalid input and denial as one line each, never with the input", async () => {
      harness.as("lead");
      expect((await sendNote(note)).ok).toBe(true);
      expect((await sendNote({ ...note, name: "" })).ok).toBe(false);
      harness.as("anonymous");
      expect((await sendNote(note)).ok).toBe(false);

      expect(mocks.lines.join("")).not.toMatch(/canary/);
      expect(
        written().map(({ outcome, userId, errorCode }) => ({ outcome, userId, errorCode })),
      ).toEqual([
        { outcome: "success", userId: harness.users.lead!.id, errorCode: undefined },
        { outcome: "invalid", userId: harness.users.lead!.id, errorCode: "INVALID_INPUT" },
        { outcome: "denied", userId: null, errorCode: "UNAUTHENTICATED" },
      ]);
    });

    it("names the operation of any failed call, paced or not", async () => {
      await expect(describeInstance("no-such-instance")).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      expect(written()).toEqual([
        expect.objectContaining({
          module: "connect",
          operation: "DescribeInstance",
          code: "NOT_FOUND",
        }),
      ]);
    });

    it("logs a route handler's status and error code, not its query", async () => {
      const search = defineRoute({
        name: "test.search",
        permission: "task.read.own",
        query: z.object({ q: z.string() }),
        run: () => Promise.reject(new ConnectError("NOT_FOUND", "gone", "X", 404, "r-1", 1)),
      });
      harness.as("lead");
      const response = await search(new Request("http://127.0.0.1/api/search?q=canary-query"));
      expect(response.status).toBe(404);
      expect(mocks.lines.join("")).not.toMatch(/canary/);
      expect(written()).toEqual([
        expect.objectContaining({
          module: "route",
          route: "test.search",
          outcome: "failure",
          status: 404,
          errorCode: "CONNECT_NOT_FOUND",
          userId: harness.users.lead!.id,
        }),
      ]);
    });

    it("logs a failed sign-in by a digest of the email, never the password", async () => {
      const { email } = harness.users.lead!;
      const result = await trySignIn(
        await getAuth(),
        email,
        "canary-wrong-password",
        "203.0.113.9",
      );
      expect(result.ok).toBe(false);
      const output = mocks.lines.join("");
      expect(output).not.toMatch(/canary/);
      expect(output).not.toContain(email);
      expect(written()).toEqual([
        // Better Auth's own warning, through the console's logger: its message only.
        expect.objectContaining({ module: "auth", source: "better-auth", msg: "Invalid password" }),
        expect.objectContaining({
          module: "auth",
          outcome: "failure",
          emailHash: fingerprint(email),
          ip: "203.0.113.9",
        }),
      ]);
    });
  });

  /**
   * Database errors carry the query's parameters (customer text, session tokens) in their message,
   * `params`, `detail` or `where`. A real failing query whose parameter is a marker, on both
   * databases: the marker reaches neither the log nor the audit trail, while the SQL text and the
   * error's code still do.
   */
  describe("database errors", () => {
    const marker = `canary-param-${randomUUID()}`;
    const failingQuery = (db: ActionHarness["opened"]["db"]) =>
      // Not a uuid: both drivers fail with 22P02 and name the value in their message.
      db.select().from(auditEvent).where(eq(auditEvent.id, marker));

    it("logs the SQL text and the error's code, never its parameters", async () => {
      const error = await failingQuery(harness.opened.db).catch((caught: unknown) => caught);
      // The raw error does carry the marker: this is what must not be written.
      expect(JSON.stringify(error, Object.getOwnPropertyNames(error)) + String(error)).toContain(
        marker,
      );
      const { lines, logger } = captured();
      logger.error({ err: error }, "query failed");
      expect(lines.join("")).not.toContain(marker);
      const { err } = parse(lines[0]!) as { err: Record<string, unknown> };
      expect(err).toMatchObject({
        type: "DrizzleQueryError",
        cause: { code: "22P02", severity: "ERROR" },
      });
      expect(err.sql).toEqual(
        expect.stringContaining('from "audit_event" where "audit_event"."id" = $1'),
      );
      expect(err.stack).toEqual(expect.stringContaining("    at "));
    });

    it("keeps the parameters out of the action's log line and of its audit row", async () => {
      const probe = defineAction({
        name: "test.failing_query",
        permission: "task.create",
        input: z.object({}),
        audit: "attempt",
        run: async ({ db }) => failingQuery(db),
      });
      harness.as("lead");
      await expect(probe({})).rejects.toThrow();

      expect(mocks.lines.join("")).not.toContain(marker);
      expect(written()).toHaveLength(1);
      expect(written()[0]).toMatchObject({
        module: "action",
        action: "test.failing_query",
        outcome: "error",
        err: { type: "DrizzleQueryError" },
      });
      const [row] = await harness.opened.db
        .select()
        .from(auditEvent)
        .where(eq(auditEvent.action, "test.failing_query"));
      expect(JSON.stringify(row)).not.toContain(marker);
      expect(row).toMatchObject({
        outcome: "unknown",
        errorName: "DrizzleQueryError",
        errorMessage: "Unexpected DrizzleQueryError (22P02); the server log has the details.",
      });
    });
  });
});
