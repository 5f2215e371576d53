/**
 * The service model subset (model/connect-subset.json) and what the HTTP layer derives from it:
 * which operation a method + path is, and how path labels, query strings and the JSON body bind to
 * the operation's input members. Everything follows the model's restJson1 bindings, so the routes
 * are exactly the ones the real SDK calls.
 */
import { readFileSync } from "node:fs";

import { ApiError } from "./errors";

export interface MemberRef {
  shape: string;
  location?: "uri" | "querystring" | "header" | "headers" | "statusCode";
  locationName?: string;
  idempotencyToken?: boolean;
  box?: boolean;
}

export interface Shape {
  type:
    | "structure"
    | "string"
    | "timestamp"
    | "list"
    | "boolean"
    | "integer"
    | "map"
    | "long"
    | "float"
    | "double"
    | "blob";
  members?: Record<string, MemberRef>;
  required?: string[];
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  min?: number;
  max?: number;
  enum?: string[];
  pattern?: string;
  union?: boolean;
  error?: { httpStatusCode: number };
  exception?: boolean;
}

export interface Operation {
  name: string;
  http: { method: string; requestUri: string };
  input?: { shape: string };
  output?: { shape: string };
  errors?: { shape: string }[];
}

export interface ServiceModel {
  metadata: Record<string, unknown>;
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}

let cached: ServiceModel | undefined;

/** Loads the generated subset once; it sits beside this package, never in ../shared. */
export function loadModel(): ServiceModel {
  if (!cached) {
    const file = new URL("../model/connect-subset.json", import.meta.url);
    cached = JSON.parse(readFileSync(file, "utf8")) as ServiceModel;
  }
  return cached;
}

export function shapeOf(model: ServiceModel, name: string): Shape {
  const shape = model.shapes[name];
  if (!shape) throw new Error(`shape ${name} is not in the model subset`);
  return shape;
}

/** Does this operation model the given error? (Decides InvalidParameter vs InvalidRequest.) */
export function hasError(op: Operation, errorName: string): boolean {
  return (op.errors ?? []).some((e) => e.shape === errorName);
}

interface Route {
  op: Operation;
  regex: RegExp;
  labels: string[];
}

/**
 * One regex per operation from its requestUri. `{X}` matches one segment, possibly empty, so an
 * empty label still reaches the operation and fails validation like on AWS; `{X+}` is greedy.
 */
export function buildRoutes(model: ServiceModel): Route[] {
  return Object.values(model.operations).map((op) => {
    const [pathPart] = op.http.requestUri.split("?");
    const labels: string[] = [];
    const source = (pathPart ?? "")
      // A label holds no brace: the pattern then cannot rescan a run of "{" (linear).
      .split(/(\{[^{}]+\})/)
      .map((piece) => {
        const m = /^\{([^}+]+)(\+?)\}$/.exec(piece);
        if (!m) return piece.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        labels.push(m[1] as string);
        return m[2] ? "(.+)" : "([^/]*)";
      })
      .join("");
    return { op, regex: new RegExp(`^${source}$`), labels };
  });
}

export interface Matched {
  op: Operation;
  /** Percent-decoded label values keyed by label name. */
  labels: Record<string, string>;
}

/** Finds the operation for a method and raw (still encoded) path, or undefined. */
export function matchRoute(routes: Route[], method: string, rawPath: string): Matched | undefined {
  for (const route of routes) {
    if (route.op.http.method !== method) continue;
    const m = route.regex.exec(rawPath);
    if (!m) continue;
    const labels: Record<string, string> = {};
    route.labels.forEach((name, i) => {
      labels[name] = decodeLabel(m[i + 1] ?? "");
    });
    return { op: route.op, labels };
  }
  return undefined;
}

function decodeLabel(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ApiError(
      "SerializationException",
      `Path label "${raw}" is not valid percent-encoding`,
      400,
    );
  }
}

/**
 * Builds the operation input (keyed by member names) from labels, query and body. Query values are
 * converted by the target shape: lists take every repeat, numbers must be integers. Body members
 * are everything without a location; unknown body keys are ignored, as AWS does.
 */
export function bindInput(
  model: ServiceModel,
  op: Operation,
  labels: Record<string, string>,
  query: URLSearchParams,
  body: Record<string, unknown>,
  invalidParam: string,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  if (!op.input) return input;
  const inputShape = shapeOf(model, op.input.shape);
  for (const [member, ref] of Object.entries(inputShape.members ?? {})) {
    const wire = ref.locationName ?? member;
    if (ref.location === "uri") {
      if (wire in labels) input[member] = labels[wire];
    } else if (ref.location === "querystring") {
      const values = query.getAll(wire);
      if (values.length === 0) continue;
      const target = shapeOf(model, ref.shape);
      input[member] =
        target.type === "list"
          ? values
          : queryScalar(member, target, values[0] as string, invalidParam);
    } else if (ref.location === undefined) {
      // JSON null means "not set", as for any optional member on the wire.
      if (body[member] !== undefined && body[member] !== null) input[member] = body[member];
    }
  }
  return input;
}

function queryScalar(member: string, shape: Shape, raw: string, invalidParam: string): unknown {
  if (shape.type === "integer" || shape.type === "long") {
    if (!/^-?\d+$/.test(raw))
      throw new ApiError(invalidParam, `${member}: "${raw}" is not an integer`);
    return Number(raw);
  }
  if (shape.type === "boolean") {
    if (raw !== "true" && raw !== "false")
      throw new ApiError(invalidParam, `${member}: "${raw}" is not a boolean`);
    return raw === "true";
  }
  return raw;
}

/** True when the operation carries a JSON body (some input member has no location). */
export function hasBody(model: ServiceModel, op: Operation): boolean {
  if (!op.input) return false;
  const members = shapeOf(model, op.input.shape).members ?? {};
  return Object.values(members).some((ref) => ref.location === undefined);
}
