import { ConnectClient } from "@aws-sdk/client-connect";

import {
  type RunningConnectLocal,
  TIMESTAMP_MODES,
  type TimestampMode,
  startConnectLocal,
} from "@/connect-local/index";
import type { Role } from "@/lib/permissions";
import type { ConsoleAuth } from "@/lib/server/auth/auth";
import type { OpenDatabase } from "@/lib/server/db/open";

import { type TestUser, createTestAuth, createTestUser } from "./auth";
import { DATABASE_BACKENDS, type DatabaseBackend, openTestDatabase } from "./test-database";

/**
 * Server actions below the browser: real action files, the wrapper, Better Auth, a database of
 * either backend and the real SDK against a local Connect endpoint. Only `next/headers` is
 * replaced, by the caller:
 *
 *   const mocks = vi.hoisted(() => ({ headers: new Headers() }));
 *   vi.mock("next/headers", () => ({ headers: () => Promise.resolve(mocks.headers) }));
 *   const harness = await startActionHarness(mocks, { backend, ... });
 *   harness.as("lead");
 *
 * The console's modules keep their configuration (lib/env.ts) and Connect client once made, so a
 * file that starts several harnesses (e.g. `describe.each(BACKENDS_AND_TIMESTAMPS)`) calls
 * `vi.resetModules()` before each start and imports the console's modules after it.
 */

/** Every database backend with every timestamps mode of the local Connect endpoint. */
export const BACKENDS_AND_TIMESTAMPS = DATABASE_BACKENDS.flatMap((backend) =>
  TIMESTAMP_MODES.map((timestamps) => [backend, timestamps] as const),
);
export interface ActionHarness {
  connect: RunningConnectLocal;
  sdk: ConnectClient;
  opened: OpenDatabase;
  users: Record<string, TestUser>;
  /** The next action runs as this user ("anonymous": no session). */
  as(user: string): void;
  setFaults(faults: unknown[]): Promise<void>;
  /** Sets the endpoint's clock (epoch ms); null puts it back on the real time. */
  setConnectClock(nowMs: number | null): Promise<void>;
  stop(): Promise<void>;
}

export async function startActionHarness(
  mocks: { headers: Headers },
  options: {
    /** Test user name -> role; the name is also the email's local part. */
    users: Record<string, Role>;
    env: Record<string, string>;
    rules?: NonNullable<Parameters<typeof startConnectLocal>[0]>["rules"];
    /**
     * The console's database: an in-memory PGlite or a fresh database on the test server. No
     * default: a file runs on both (`describe.each(DATABASE_BACKENDS)`, CODE_STYLE.md).
     */
    backend: DatabaseBackend;
    /**
     * A local endpoint to share (not stopped by `stop`): the adapter keeps its first client, so
     * harnesses opened one after another in a file must talk to the same endpoint. Start it with
     * the timestamps mode wanted; `timestamps` below is for an endpoint the harness starts.
     */
    connect?: RunningConnectLocal;
    /** How the endpoint shows scheduled tasks' timestamps; default its own ("documented"). */
    timestamps?: TimestampMode;
  },
): Promise<ActionHarness> {
  if (options.connect && options.timestamps)
    throw new Error("startActionHarness: start the shared endpoint with its timestamps mode");
  const connect =
    options.connect ??
    (await startConnectLocal({
      port: 0,
      throttling: false,
      rules: options.rules,
      timestamps: options.timestamps,
    }));
  Object.assign(process.env, { CONNECT_ENDPOINT: connect.url, ...options.env });
  const sdk = new ConnectClient({
    endpoint: connect.url,
    region: "us-east-1",
    credentials: { accessKeyId: "LOCAL", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  const opened = await openTestDatabase(options.backend);
  const auth = createTestAuth(opened.db);
  const holder = globalThis as unknown as {
    __consoleDb?: Promise<OpenDatabase>;
    __consoleAuth?: Promise<ConsoleAuth>;
  };
  holder.__consoleDb = Promise.resolve(opened);
  holder.__consoleAuth = Promise.resolve(auth);

  const users: Record<string, TestUser> = {};
  const sessions: Record<string, Headers> = {};
  for (const [name, role] of Object.entries(options.users)) {
    const user = await createTestUser(auth, `${name}@tasks.test`, role);
    users[name] = user;
    const result = await auth.api.signInEmail({
      body: { email: user.email, password: user.password },
      returnHeaders: true,
    });
    const cookie = result.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
    sessions[name] = new Headers({ cookie, "user-agent": "vitest" });
  }

  return {
    connect,
    sdk,
    opened,
    users,
    as(user) {
      mocks.headers = user === "anonymous" ? new Headers() : sessions[user]!;
    },
    async setFaults(faults) {
      await fetch(`${connect.url}/__admin/faults`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ faults }),
      });
    },
    async setConnectClock(nowMs) {
      const response = await fetch(`${connect.url}/__admin/clock`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(nowMs === null ? { reset: true } : { setNowMs: nowMs }),
      });
      if (!response.ok) throw new Error(`connect-local clock: ${await response.text()}`);
    },
    async stop() {
      sdk.destroy();
      await opened.close();
      if (!options.connect) await connect.stop();
    },
  };
}
