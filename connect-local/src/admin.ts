/**
 * The admin API under /__admin/: plain JSON, no auth (the endpoint binds to 127.0.0.1, and
 * admin-guard.ts keeps web pages out), and not an AWS path, so it can never collide with a
 * Connect operation. Tests and demos use it to move the
 * clock, switch throttling or the timestamps mode, inject faults, change rules and count requests
 * (SDK retries).
 * Bad input is answered 400 {"message"}.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

import { refuseAdminRequest } from "./admin-guard";
import { parseFaultRules } from "./faults";
import { TIMESTAMP_MODES, type TimestampMode } from "./options";
import { checkRules } from "./rules";
import type { Runtime } from "./runtime";

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function handleAdmin(
  rt: Runtime,
  req: IncomingMessage,
  path: string,
  query: URLSearchParams,
  body: Buffer | undefined,
  res: ServerResponse,
): void {
  const method = (req.method ?? "GET").toUpperCase();
  const refusal = refuseAdminRequest(method, req.headers, req.socket.localPort);
  if (refusal) {
    send(res, refusal.status, { message: refusal.message });
    return;
  }
  try {
    const result = route(rt, method, withoutTrailingSlashes(path), query, () => parseJson(body));
    send(res, 200, result);
  } catch (e) {
    if (e instanceof AdminError) send(res, e.status, { message: e.message });
    else send(res, 500, { message: `admin error: ${(e as Error).message}` });
  }
}

function route(
  rt: Runtime,
  method: string,
  path: string,
  query: URLSearchParams,
  body: () => Record<string, unknown>,
): unknown {
  const endpoint = `${method} ${path}`;
  switch (endpoint) {
    case "GET /__admin/health":
      return { ok: true, instanceIds: rt.store.instanceIds, now: rt.clock.nowMs() };

    case "GET /__admin/clock":
      return clockView(rt);
    case "POST /__admin/clock": {
      const b = body();
      const keys = Object.keys(b);
      if (keys.length !== 1)
        throw bad('send exactly one of {"advanceMs": n}, {"setNowMs": n} or {"reset": true}');
      if ("advanceMs" in b) rt.clock.advance(finite(b.advanceMs, "advanceMs"));
      else if ("setNowMs" in b) rt.clock.setNow(finite(b.setNowMs, "setNowMs"));
      else if (b.reset === true) rt.clock.reset();
      else throw bad('send exactly one of {"advanceMs": n}, {"setNowMs": n} or {"reset": true}');
      return clockView(rt);
    }

    case "GET /__admin/throttling":
      return { enabled: rt.throttle.enabled };
    case "PUT /__admin/throttling": {
      const { enabled } = body();
      if (typeof enabled !== "boolean") throw bad('body must be {"enabled": true|false}');
      rt.throttle.setEnabled(enabled);
      return { enabled };
    }

    case "GET /__admin/faults":
      return { faults: rt.faults.list() };
    case "PUT /__admin/faults": {
      const parsed = parseFaultRules(body().faults);
      if (typeof parsed === "string") throw bad(parsed);
      const unknown = parsed
        .flatMap((r) => r.operations ?? [])
        .find((op) => !(op in rt.model.operations));
      if (unknown)
        throw bad(
          `unknown operation "${unknown}" in faults; known: ${Object.keys(rt.model.operations).join(", ")}`,
        );
      rt.faults.replace(parsed);
      return { faults: rt.faults.list() };
    }
    case "DELETE /__admin/faults":
      rt.faults.clear();
      return { faults: [] };

    case "GET /__admin/rules":
      return { ...rt.rules };
    case "PUT /__admin/rules": {
      const checked = checkRules(body());
      if (typeof checked === "string") throw bad(checked);
      rt.rules = { ...rt.rules, ...checked };
      return { ...rt.rules };
    }

    case "GET /__admin/timestamps":
      return { mode: rt.timestamps };
    case "PUT /__admin/timestamps": {
      const { mode } = body();
      if (!TIMESTAMP_MODES.includes(mode as TimestampMode))
        throw bad(`mode must be "documented" or "legacy", got ${JSON.stringify(mode)}`);
      rt.timestamps = mode as TimestampMode;
      return { mode: rt.timestamps };
    }

    case "GET /__admin/requests": {
      const op = query.get("operation");
      return { requests: op ? rt.requests.filter((r) => r.operation === op) : [...rt.requests] };
    }
    case "DELETE /__admin/requests":
      rt.requests.length = 0;
      return { requests: [] };
  }
  const known = [
    "/__admin/health",
    "/__admin/clock",
    "/__admin/throttling",
    "/__admin/faults",
    "/__admin/rules",
    "/__admin/timestamps",
    "/__admin/requests",
  ];
  if (known.includes(path)) throw new AdminError(405, `${method} is not supported on ${path}`);
  throw new AdminError(404, `no admin endpoint ${method} ${path}; known: ${known.join(", ")}`);
}

const clockView = (rt: Runtime) => ({ now: rt.clock.nowMs(), offsetMs: rt.clock.offset });

const bad = (message: string) => new AdminError(400, message);

function finite(v: unknown, name: string): number {
  if (typeof v !== "number" || !Number.isFinite(v))
    throw bad(`${name} must be a finite number of milliseconds`);
  return v;
}

function parseJson(body: Buffer | undefined): Record<string, unknown> {
  if (!body || body.length === 0) throw bad("a JSON object body is required");
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw bad("body is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw bad("body must be a JSON object");
  return parsed as Record<string, unknown>;
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** "/__admin/clock//" → "/__admin/clock", in one pass (a `/\/+$/` search is quadratic on "//…x"). */
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === "/") end -= 1;
  return path.slice(0, end);
}
