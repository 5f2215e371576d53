/**
 * The HTTP front door. For an AWS path the pipeline is: route (method + path from the model) →
 * faults → throttling → JSON body → bind input → model constraints → operation → output shaped
 * by the model. Anything thrown as ApiError becomes a Connect error response; anything else is a
 * bug and becomes InternalServiceException (500) instead of a crash. `/__admin/` paths go to the
 * admin API.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

import { handleAdmin } from "./admin";
import { ApiError, writeError, writeJson, type StatusOf } from "./errors";
import { bindInput, hasBody, hasError, matchRoute } from "./model";
import { HANDLERS } from "./operations/index";
import type { Runtime } from "./runtime";
import { shapeOutput } from "./shape";
import { validateInput } from "./validate";

/** Largest request body accepted (StartTaskContact tops out far below this). */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export function createHandler(rt: Runtime) {
  const statusOf: StatusOf = (name) => rt.model.shapes[name]?.error?.httpStatusCode;
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(rt, statusOf, req, res).catch((e: unknown) => {
      // Last resort (e.g. the socket died mid-write); never let a request crash the process.
      console.error("connect-local: request failed", e);
      if (!res.headersSent)
        writeError(
          res,
          randomUUID(),
          new ApiError("InternalServiceException", "Internal error"),
          statusOf,
        );
    });
  };
}

async function handle(
  rt: Runtime,
  statusOf: StatusOf,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const requestId = randomUUID();
  const method = (req.method ?? "GET").toUpperCase();
  const rawUrl = req.url ?? "/";
  const queryAt = rawUrl.indexOf("?");
  const rawPath = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? "" : rawUrl.slice(queryAt + 1));
  const bodyBuffer = await readBody(req);

  if (rawPath === "/__admin" || rawPath.startsWith("/__admin/")) {
    handleAdmin(rt, req, rawPath, query, bodyBuffer, res);
    return;
  }

  let operation = "UnknownOperation";
  let clientToken: string | undefined;
  const finish = (status: number, errorType?: string) =>
    rt.logRequest({
      operation,
      status,
      ...(errorType ? { errorType } : {}),
      ...(clientToken ? { clientToken } : {}),
    });
  const fail = (err: ApiError) => finish(writeError(res, requestId, err, statusOf), err.type);

  try {
    const matched = matchRoute(rt.routes, method, rawPath);
    if (!matched) {
      throw new ApiError(
        "UnknownOperationException",
        `No Amazon Connect operation matches ${method} ${rawPath}`,
      );
    }
    const { op, labels } = matched;
    operation = op.name;
    // Parse now (the log wants the ClientToken), but report a bad body only after faults and
    // throttling, which come first like in front of the real service.
    let body: Record<string, unknown> = {};
    let bodyError: ApiError | undefined;
    try {
      if (hasBody(rt.model, op)) body = parseBody(bodyBuffer);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      bodyError = e;
    }
    if (typeof body.ClientToken === "string") clientToken = body.ClientToken;

    const fault = rt.faults.apply(op.name, clientToken);
    if (fault.delayMs > 0) await rt.sleep(fault.delayMs);
    if (fault.terminal === "drop") {
      finish(0);
      req.socket.destroy();
      return;
    }
    if (fault.terminal === "throttle") throw new ApiError("ThrottlingException", "Rate exceeded");
    if (fault.terminal === "internal")
      throw new ApiError("InternalServiceException", "Internal service error (injected fault)");
    if (fault.terminal === "not_found")
      throw new ApiError("ResourceNotFoundException", "Contact not found (injected fault)");
    if (!rt.throttle.take(op.name)) throw new ApiError("ThrottlingException", "Rate exceeded");
    if (bodyBuffer === undefined)
      throw new ApiError("SerializationException", `Request body exceeds ${MAX_BODY_BYTES} bytes`);
    if (bodyError) throw bodyError;

    // Operations whose modeled errors lack InvalidParameterException report constraint failures
    // as InvalidRequestException (e.g. ListInstances, DescribeInstance, GetContactAttributes).
    const invalidParam = hasError(op, "InvalidParameterException")
      ? "InvalidParameterException"
      : "InvalidRequestException";
    const input = bindInput(rt.model, op, labels, query, body, invalidParam);
    if (op.input) validateInput(rt.model, op.input.shape, input, invalidParam);

    const handler = HANDLERS[op.name];
    if (!handler)
      throw new ApiError(
        "UnknownOperationException",
        `Operation ${op.name} is not served by the local Connect endpoint`,
      );
    const output = handler(input, {
      store: rt.store,
      clock: rt.clock,
      rules: rt.rules,
      timestamps: rt.timestamps,
      model: rt.model,
      op,
      body,
    });
    writeJson(res, requestId, 200, op.output ? shapeOutput(rt.model, op.output.shape, output) : {});
    finish(200);
  } catch (e) {
    if (e instanceof ApiError) return fail(e);
    console.error(`connect-local: ${operation} failed`, e);
    fail(
      new ApiError(
        "InternalServiceException",
        `Internal error in ${operation}: ${(e as Error).message}`,
      ),
    );
  }
}

/** The whole request body; undefined when it is larger than MAX_BODY_BYTES (drained, not kept). */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size <= MAX_BODY_BYTES) chunks.push(buf);
  }
  return size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks);
}

/**
 * The JSON body as an object. Empty means `{}`. Anything that is not a JSON object is answered
 * with SerializationException (400), the code AWS JSON services use for undecodable bodies.
 */
function parseBody(buffer: Buffer | undefined): Record<string, unknown> {
  if (!buffer || buffer.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(buffer.toString("utf8"));
  } catch (e) {
    throw new ApiError(
      "SerializationException",
      `Request body is not valid JSON: ${(e as Error).message}`,
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ApiError("SerializationException", "Request body must be a JSON object");
  }
  return parsed as Record<string, unknown>;
}
