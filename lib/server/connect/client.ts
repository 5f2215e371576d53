import "server-only";

import { ConnectClient } from "@aws-sdk/client-connect";

import { isLoopbackUrl, serverEnv } from "@/lib/env";
import { log } from "@/lib/server/log";

import { type ConnectError, toConnectError } from "./errors";
import { rateBudget } from "./rate-budget";

const connectLog = log.child({ module: "connect" });

/**
 * The one place that builds the Amazon Connect client. Against AWS it uses the default credential
 * provider chain; against a loopback endpoint (the local Connect stand-in) it uses fixed
 * non-secret credentials, because the stand-in ignores signatures and a developer may have no AWS
 * profile at all.
 */

/**
 * Bounded latency for every call (SECURITY.md promise 11): TCP connect, each attempt, and the
 * whole call with retries and backoff.
 */
const CONNECTION_TIMEOUT_MS = 3_000;
function overallTimeoutMs(): number {
  const env = serverEnv();
  return (
    env.CONNECT_MAX_ATTEMPTS * (env.CONNECT_REQUEST_TIMEOUT_MS + CONNECTION_TIMEOUT_MS) + 5_000
  );
}

let client: ConnectClient | undefined;
/** Operation name of an SDK failure, for the log line (see the middleware in connectClient). */
const failedOperation = new WeakMap<object, string>();

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
  // The call handed to callConnect is opaque; the SDK's own context names the operation.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (typeof error === "object" && error !== null && context.commandName)
          failedOperation.set(error, context.commandName.replace(/Command$/, ""));
        throw error;
      }
    },
    { step: "initialize", name: "consoleOperationName" },
  );
  return client;
}

/**
 * Runs one SDK call with an overall deadline (retries included) and turns any failure into a
 * ConnectError. Every adapter function goes through here:
 * `callConnect((client, options) => client.send(new XCommand(input), options))`.
 * With `paced`, the call first waits for a token of that operation's rate budget.
 */
export async function callConnect<T>(
  call: (client: ConnectClient, options: { abortSignal: AbortSignal }) => Promise<T>,
  { paced }: { paced?: string } = {},
): Promise<T> {
  try {
    if (paced) await rateBudget().take(paced);
    return await call(connectClient(), {
      abortSignal: AbortSignal.timeout(overallTimeoutMs()),
    });
  } catch (error) {
    const connectError = toConnectError(error);
    const operation =
      (typeof error === "object" && error !== null ? failedOperation.get(error) : undefined) ??
      paced ??
      null;
    connectLog.warn(failureFields(connectError, operation), "Connect call failed");
    throw connectError;
  }
}

/** What a failed call's log line holds: codes and AWS's ids, never the request or its body. */
function failureFields(error: ConnectError, operation: string | null) {
  return {
    operation,
    code: error.code,
    awsName: error.awsName,
    httpStatus: error.httpStatus ?? null,
    requestId: error.requestId ?? null,
    attempts: error.attempts ?? null,
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
