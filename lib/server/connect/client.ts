import "server-only";

import {
  ConnectClient,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from "@aws-sdk/client-connect";

import { connectTimings, isLoopbackUrl, serverEnv } from "@/lib/env";
import { log } from "@/lib/server/log";

import { type AttemptEnd, type ConnectError, classifyAttempt, toConnectError } from "./errors";
import { type CallPriority, rateBudget } from "./rate-budget";

const connectLog = log.child({ module: "connect" });

/**
 * The one place that builds the Amazon Connect client. Against AWS it uses the default credential
 * provider chain; against a loopback endpoint (the local Connect stand-in) it uses fixed
 * non-secret credentials, because the stand-in ignores signatures and a developer may have no AWS
 * profile at all.
 */

/**
 * Bounded latency for every call: TCP connect, each attempt, and the whole call with retries and
 * backoff (the slack covers the backoff between attempts).
 */
const CONNECTION_TIMEOUT_MS = 3_000;
const BACKOFF_SLACK_MS = 5_000;

/** The longest any Connect call can take, retries included: its overall deadline. */
export function callDeadlineMs(): number {
  const { maxAttempts, requestTimeoutMs } = connectTimings();
  return maxAttempts * (requestTimeoutMs + CONNECTION_TIMEOUT_MS) + BACKOFF_SLACK_MS;
}

/**
 * How old a pending or unknown audit row must be before it is reconciled: past the deadline of
 * the call that wrote it (it cannot still be running), plus a margin for the clocks and the
 * database write after it.
 */
export function reconcileAfterMs(): number {
  return callDeadlineMs() + 30_000;
}

let client: ConnectClient | undefined;

/**
 * What the middleware in connectClient learnt about one SDK call: how each of its attempts ended.
 * Keyed by the SDK's per-call context, then by the error the call threw.
 */
const attemptsOfCall = new WeakMap<object, AttemptEnd[]>();
const attemptsOfError = new WeakMap<object, AttemptEnd[]>();

export function isLoopbackEndpoint(endpoint: string | undefined): boolean {
  return endpoint !== undefined && isLoopbackUrl(endpoint);
}

export function connectClient(): ConnectClient {
  if (client) return client;
  const env = serverEnv();
  const isLocal = isLoopbackEndpoint(env.CONNECT_ENDPOINT);
  client = new ConnectClient({
    region: env.AWS_REGION,
    ...(env.CONNECT_ENDPOINT ? { endpoint: env.CONNECT_ENDPOINT } : {}),
    ...(isLocal
      ? { credentials: { accessKeyId: "LOCALCONNECT", secretAccessKey: "local-connect" } }
      : {}),
    maxAttempts: env.CONNECT_MAX_ATTEMPTS,
    requestHandler: {
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: env.CONNECT_REQUEST_TIMEOUT_MS,
      // Without this the SDK only logs a warning and the request can hang.
      throwOnRequestTimeout: true,
    },
  });
  // Outermost (before the retry middleware): one record per call, handed to whatever error
  // finally comes out of it (the last attempt's, or the deadline's abort between attempts).
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const attempts: AttemptEnd[] = [];
      attemptsOfCall.set(context, attempts);
      try {
        return await next(args);
      } catch (error) {
        if (typeof error === "object" && error !== null) attemptsOfError.set(error, attempts);
        throw error;
      }
    },
    { step: "initialize", name: "consoleCallRecord" },
  );
  // Inside the retry middleware (finalizeRequest step) and outside the deserializer: this runs
  // once per attempt and sees each attempt's own error, HTTP or network, as the SDK raised it.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        attemptsOfCall.get(context)?.push(classifyAttempt(error));
        throw error;
      }
    },
    { step: "deserialize", name: "consoleAttemptOutcome", priority: "high" },
  );
  return client;
}

/** A command of the Connect client, typed with its own input and output. */
export type ConnectCommand<I extends ServiceInputTypes, O extends ServiceOutputTypes> = Parameters<
  typeof ConnectClient.prototype.send<I, O>
>[0];

/**
 * The operation a command calls ("DescribeContact"), from the SDK's operation schema on the
 * command. Not the class name: the production build's minifier renames classes.
 */
export function operationOf(command: { readonly schema?: unknown }): string {
  const { schema } = command;
  // The static form `[9, namespace, name, traits, input, output]`, or an object with a name.
  const name: unknown = Array.isArray(schema)
    ? schema[2]
    : (schema as { name?: unknown } | undefined)?.name;
  if (typeof name !== "string" || name === "")
    throw new Error("A Connect command without an operation schema: the SDK changed its shape.");
  return name;
}

export interface CallOptions {
  /**
   * The call may change something in Connect: a failure whose attempts may have reached Connect
   * unanswered is then reported as an unknown outcome (ConnectError.isOutcomeUnknown).
   */
  isMutation?: boolean;
  /**
   * Whose call it is: "interactive" (default: a person waits for it) or "background" (a job),
   * which never takes the share of the budget kept for interactive calls (rate-budget.ts).
   */
  priority?: CallPriority;
  /**
   * This call's token of the budget, taken ahead by `takeBudget` so that its wait overlapped the
   * caller's own work; the call waits for it instead of taking one.
   */
  budget?: BudgetTicket;
}

/** A token of one operation's budget being taken (rate-budget.ts) before its call is sent. */
export interface BudgetTicket {
  operation: string;
  due: Promise<void>;
}

/**
 * Starts taking a token for one call of `operation` now. A ticket that ends up unused (the call
 * was not needed after all) has spent its token, which a token bucket cannot give back: take one
 * ahead only where the call almost always follows.
 */
export function takeBudget(
  operation: string,
  priority: CallPriority = "interactive",
): BudgetTicket {
  const due = rateBudget().take(operation, priority);
  // Awaited by the call; an unused ticket's refusal must not be an unhandled rejection.
  due.catch(() => {});
  return { operation, due };
}

/**
 * Sends one command, paced by its own operation's share of the budget every console process draws
 * from (the name comes from the command, so a call cannot be paced under another operation or not
 * at all), with an overall deadline
 * (retries included), and turns any failure into a ConnectError. Every adapter function goes
 * through here: `callConnect(new DescribeContactCommand(input))`.
 */
export async function callConnect<I extends ServiceInputTypes, O extends ServiceOutputTypes>(
  command: ConnectCommand<I, O>,
  { isMutation = false, priority = "interactive", budget }: CallOptions = {},
): Promise<O> {
  const operation = operationOf(command);
  if (budget && budget.operation !== operation)
    throw new Error(`A ${budget.operation} budget ticket cannot pace ${operation}.`);
  try {
    // The budget is waited for before the deadline starts: a queue is not a slow Connect.
    await (budget ? budget.due : rateBudget().take(operation, priority));
    return await connectClient().send(command, {
      abortSignal: AbortSignal.timeout(callDeadlineMs()),
    });
  } catch (error) {
    const attempts =
      typeof error === "object" && error !== null ? attemptsOfError.get(error) : undefined;
    const connectError = toConnectError(error, { isMutation, attempts });
    connectLog.warn(failureFields(connectError, operation), "Connect call failed");
    throw connectError;
  }
}

/** What a failed call's log line holds: codes and AWS's ids, never the request or its body. */
function failureFields(error: ConnectError, operation: string) {
  return {
    operation,
    code: error.code,
    awsName: error.awsName,
    httpStatus: error.httpStatus ?? null,
    requestId: error.requestId ?? null,
    attempts: error.attempts ?? null,
    isOutcomeUnknown: error.isOutcomeUnknown,
  };
}

export interface ConnectSettings {
  mode: "local" | "aws";
  region: string;
  endpoint: string;
  /** Where credentials come from, never the credentials themselves. */
  credentialSource: string;
}

export function connectSettings(): ConnectSettings {
  const env = serverEnv();
  const isLocal = isLoopbackEndpoint(env.CONNECT_ENDPOINT);
  return {
    mode: isLocal ? "local" : "aws",
    region: env.AWS_REGION,
    endpoint: env.CONNECT_ENDPOINT ?? `https://connect.${env.AWS_REGION}.amazonaws.com`,
    credentialSource: isLocal
      ? "fixed local credentials (local Connect endpoint)"
      : describeCredentialChain(),
  };
}

/**
 * Names the first source of the SDK's default chain that is configured. Read from the presence of
 * variables only: their values are never read here.
 */
function describeCredentialChain(): string {
  const has = (name: string) => Boolean(process.env[name]);
  if (has("AWS_ACCESS_KEY_ID")) return "environment variables (AWS_ACCESS_KEY_ID)";
  if (has("AWS_PROFILE")) return `shared config profile "${process.env.AWS_PROFILE}"`;
  if (has("AWS_WEB_IDENTITY_TOKEN_FILE")) return "web identity token (AWS_WEB_IDENTITY_TOKEN_FILE)";
  if (has("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") || has("AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
    return "container credentials (ECS/EKS)";
  }
  return "default chain: shared config default profile, SSO, or instance metadata (IMDS)";
}
