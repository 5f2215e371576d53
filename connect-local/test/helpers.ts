/**
 * Shared harness for the contract tests of the local Amazon Connect endpoint.
 *
 * Every test talks to the endpoint through the real `@aws-sdk/client-connect`, so the tests check
 * the wire protocol as well as the behaviour. Time is injected (`clock.now` for the wall clock,
 * `clock.mono` for token buckets) so nothing here sleeps.
 */
import {
  ConnectClient,
  DescribeContactCommand,
  StartTaskContactCommand,
  type ConnectClientConfig,
  type Contact,
  type StartTaskContactCommandInput,
} from "@aws-sdk/client-connect";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";

import { startConnectLocal } from "../index";
import { DEMO_IDS, instanceArn } from "../seed/demo";
import type { ConnectLocalOptions, RunningConnectLocal } from "../src/options";

export { DEMO_IDS, instanceArn };

/** A fixed wall-clock start (whole seconds, so epoch-second round trips are exact). */
export const T0 = Date.UTC(2026, 5, 1, 9, 0, 0);
export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const INSTANCE = DEMO_IDS.instanceId;
export const FLOW = DEMO_IDS.flows.generalTasks;

export const agentArn = (instanceId: string, userId: string) =>
  `${instanceArn(instanceId)}/agent/${userId}`;
export const childArn = (kind: string, id: string, instanceId: string = INSTANCE) =>
  `${instanceArn(instanceId)}/${kind}/${id}`;

export interface Clock {
  /** Wall clock, epoch ms; tests may change it. */
  now: number;
  /** Monotonic clock for token buckets, ms. */
  mono: number;
}

export interface Harness {
  running: RunningConnectLocal;
  url: string;
  client: ConnectClient;
  clock: Clock;
  newClient: (config?: Partial<ConnectClientConfig>) => ConnectClient;
  stop: () => Promise<void>;
}

export function makeClient(url: string, config: Partial<ConnectClientConfig> = {}): ConnectClient {
  return new ConnectClient({
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDLOCAL", secretAccessKey: "local" },
    maxAttempts: 1,
    ...config,
  });
}

/** Starts the endpoint on a free port with throttling off and an injected, frozen clock. */
export async function startHarness(options: ConnectLocalOptions = {}): Promise<Harness> {
  const clock: Clock = { now: T0, mono: 0 };
  const running = await startConnectLocal({
    port: 0,
    throttling: false,
    now: () => clock.now,
    monotonicNow: () => clock.mono,
    ...options,
  });
  const clients: ConnectClient[] = [];
  const newClient = (config: Partial<ConnectClientConfig> = {}) => {
    const c = makeClient(running.url, config);
    clients.push(c);
    return c;
  };
  const client = newClient();
  let stopped = false;
  return {
    running,
    url: running.url,
    client,
    clock,
    newClient,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      for (const c of clients) c.destroy();
      await running.stop();
    },
  };
}

export interface ServiceErrorLike {
  name: string;
  message: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
  [key: string]: unknown;
}

/** Awaits a promise that must reject, and returns what it rejected with. */
export async function rejectionOf(promise: Promise<unknown>): Promise<ServiceErrorLike> {
  try {
    await promise;
  } catch (e) {
    return e as ServiceErrorLike;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/**
 * Asserts that an SDK call fails with the given Connect exception class and HTTP status, that the
 * message contains `fragment` (string: case-insensitive substring; RegExp: match) and that the
 * SDK found a request id.
 */
export async function expectConnectError(
  promise: Promise<unknown>,
  name: string,
  status: number,
  fragment?: string | RegExp,
): Promise<ServiceErrorLike> {
  const e = await rejectionOf(promise);
  expect({ name: e.name, status: e.$metadata?.httpStatusCode }, `message: ${e.message}`).toEqual({
    name,
    status,
  });
  expect(e.$metadata?.requestId, "x-amzn-requestid").toMatch(/\S/);
  if (typeof fragment === "string")
    expect(e.message.toLowerCase()).toContain(fragment.toLowerCase());
  else if (fragment) expect(e.message).toMatch(fragment);
  return e;
}

export const expectInvalidRequest = (p: Promise<unknown>, fragment?: string | RegExp) =>
  expectConnectError(p, "InvalidRequestException", 400, fragment);
export const expectInvalidParameter = (p: Promise<unknown>, fragment?: string | RegExp) =>
  expectConnectError(p, "InvalidParameterException", 400, fragment);
export const expectNotFound = (p: Promise<unknown>, fragment?: string | RegExp) =>
  expectConnectError(p, "ResourceNotFoundException", 404, fragment);
export const expectQuota = (p: Promise<unknown>, fragment?: string | RegExp) =>
  expectConnectError(p, "ServiceQuotaExceededException", 402, fragment);

/** StartTaskContact with sensible defaults (main instance, general tasks flow); returns the ContactId. */
export async function startTask(
  client: ConnectClient,
  input: Partial<StartTaskContactCommandInput> = {},
): Promise<string> {
  const out = await client.send(new StartTaskContactCommand(taskInput(input)));
  expect(out.ContactId).toMatch(/\S/);
  return out.ContactId as string;
}

/** The StartTaskContact input `startTask` sends; keys set to undefined in `input` are left out. */
export function taskInput(
  input: Partial<StartTaskContactCommandInput> = {},
): StartTaskContactCommandInput {
  const merged: Record<string, unknown> = {
    InstanceId: INSTANCE,
    Name: "Call back Mrs Jones",
    ContactFlowId: FLOW,
    ...input,
  };
  for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
  return merged as unknown as StartTaskContactCommandInput;
}

export async function describeContact(
  client: ConnectClient,
  contactId: string,
  instanceId: string = INSTANCE,
): Promise<Contact> {
  const out = await client.send(
    new DescribeContactCommand({ InstanceId: instanceId, ContactId: contactId }),
  );
  expect(out.Contact).toBeDefined();
  return out.Contact as Contact;
}

/** Epoch ms of a Date returned by the SDK (fails the test if it is not a Date). */
export function ms(value: Date | undefined): number {
  expect(value).toBeInstanceOf(Date);
  return (value as Date).getTime();
}

export interface AdminResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/**
 * Plain-JSON call to the admin API. `body` may be a string to send raw text. Mutating calls say
 * content-type: application/json even without a body, as the admin API requires.
 */
export async function admin<T = Record<string, unknown>>(
  url: string,
  path: string,
  method: "GET" | "POST" | "PUT" | "DELETE" = "GET",
  body?: unknown,
): Promise<AdminResponse<T>> {
  const init: RequestInit = { method };
  if (method !== "GET") init.headers = { "content-type": "application/json" };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  const res = await fetch(`${url}${path}`, init);
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = { __raw: text };
  }
  return { status: res.status, body: parsed as T };
}

export interface LoggedRequest {
  operation: string;
  status: number;
  errorType?: string;
  clientToken?: string;
  at: number | string;
}

export async function loggedRequests(url: string, operation?: string): Promise<LoggedRequest[]> {
  const q = operation ? `?operation=${encodeURIComponent(operation)}` : "";
  const res = await admin<{ requests: LoggedRequest[] }>(url, `/__admin/requests${q}`);
  expect(res.status).toBe(200);
  expect(Array.isArray(res.body.requests)).toBe(true);
  return res.body.requests;
}

/**
 * Registers the hooks that start a harness before each test ("each") or once for the file
 * ("all") and stop it after, and returns a handle that always points at the current harness.
 */
export function harnessFor(
  scope: "each" | "all" = "each",
  options: ConnectLocalOptions = {},
): Harness {
  let current: Harness | undefined;
  const [before, after] = scope === "each" ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    current = await startHarness(options);
  });
  after(async () => {
    await current?.stop();
    current = undefined;
  });
  return new Proxy({} as Harness, {
    get: (_target, key) => {
      if (!current) throw new Error("The harness is only available inside a test");
      return current[key as keyof Harness];
    },
  });
}
