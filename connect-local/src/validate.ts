/**
 * Generic constraint validation of an operation input against the service model: required members,
 * JSON types, string length (in code points, as Smithy counts), numeric range, enum, pattern, list
 * and map sizes, map keys and values, recursively. The SDK validates nothing on the client
 * (docs/connect-api.md, Wire protocol), so this is where length/enum/pattern failures are caught.
 *
 * The first failure wins, and its message names the member path and the limit, e.g.
 * `Name: length 1025 exceeds the maximum of 1024`.
 */
import { ApiError } from "./errors";
import { shapeOf, type ServiceModel, type Shape } from "./model";

export function validateInput(
  model: ServiceModel,
  shapeName: string,
  input: Record<string, unknown>,
  errorType: string,
): void {
  const fail = (message: string): never => {
    throw new ApiError(errorType, message);
  };
  check(model, shapeOf(model, shapeName), input, "", fail);
}

type Fail = (message: string) => never;

/** Deeper than any real request (SegmentAttributes may nest); stops stack exhaustion on hostile input. */
const MAX_DEPTH = 32;

function check(
  model: ServiceModel,
  shape: Shape,
  value: unknown,
  path: string,
  fail: Fail,
  depth = 0,
): void {
  const at = path || "input";
  if (depth > MAX_DEPTH) return fail(`${at}: nested more than ${MAX_DEPTH} levels deep`);
  switch (shape.type) {
    case "structure":
      return checkStructure(model, shape, value, path, fail, depth);
    case "list": {
      if (!Array.isArray(value)) return fail(`${at}: expected a list`);
      checkSize(shape, value.length, "items", at, fail);
      const member = shape.member;
      if (member)
        value.forEach((v, i) =>
          check(model, shapeOf(model, member.shape), v, `${path}[${i}]`, fail, depth + 1),
        );
      return;
    }
    case "map": {
      if (!isObject(value)) return fail(`${at}: expected a map`);
      const entries = Object.entries(value);
      checkSize(shape, entries.length, "entries", at, fail);
      for (const [k, v] of entries) {
        if (shape.key)
          check(model, shapeOf(model, shape.key.shape), k, `${path} key "${k}"`, fail, depth + 1);
        if (shape.value)
          check(model, shapeOf(model, shape.value.shape), v, `${path}.${k}`, fail, depth + 1);
      }
      return;
    }
    case "string": {
      if (typeof value !== "string") return fail(`${at}: expected a string`);
      checkSize(shape, [...value].length, "length", at, fail);
      if (shape.enum && !shape.enum.includes(value)) {
        return fail(`${at}: value "${clip(value)}" is not one of ${shape.enum.join(", ")}`);
      }
      if (shape.pattern) {
        const regex = compilePattern(shape.pattern);
        if (regex && !regex.test(value))
          return fail(`${at}: value "${clip(value)}" does not match the pattern ${shape.pattern}`);
      }
      return;
    }
    case "integer":
    case "long":
      if (typeof value !== "number" || !Number.isInteger(value))
        return fail(`${at}: expected an integer`);
      return checkRange(shape, value, at, fail);
    case "float":
    case "double":
      if (typeof value !== "number" || !Number.isFinite(value))
        return fail(`${at}: expected a number`);
      return checkRange(shape, value, at, fail);
    case "boolean":
      if (typeof value !== "boolean") return fail(`${at}: expected a boolean`);
      return;
    case "timestamp":
      // restJson1 sends body timestamps as epoch seconds, possibly fractional (docs/connect-api.md,
      // Wire protocol).
      if (typeof value !== "number" || !Number.isFinite(value))
        return fail(`${at}: expected a timestamp in epoch seconds`);
      return;
    default:
      return;
  }
}

function checkStructure(
  model: ServiceModel,
  shape: Shape,
  value: unknown,
  path: string,
  fail: Fail,
  depth: number,
): void {
  const at = path || "input";
  if (!isObject(value)) return fail(`${at}: expected an object`);
  const prefix = path ? `${path}.` : "";
  for (const name of shape.required ?? []) {
    if (value[name] === undefined || value[name] === null)
      fail(`${prefix}${name}: required member is missing`);
  }
  const present = Object.entries(shape.members ?? {}).filter(
    ([n]) => value[n] !== undefined && value[n] !== null,
  );
  if (shape.union && present.length !== 1) {
    fail(`${at}: exactly one member must be set, got ${present.length}`);
  }
  for (const [name, ref] of present)
    check(model, shapeOf(model, ref.shape), value[name], `${prefix}${name}`, fail, depth + 1);
}

function checkSize(
  shape: Shape,
  size: number,
  what: "length" | "items" | "entries",
  at: string,
  fail: Fail,
): void {
  const noun = what === "length" ? "length " : "";
  const unit = what === "length" ? "" : ` ${what}`;
  if (shape.min !== undefined && size < shape.min)
    fail(`${at}: ${noun}${size}${unit} is below the minimum of ${shape.min}`);
  if (shape.max !== undefined && size > shape.max)
    fail(`${at}: ${noun}${size}${unit} exceeds the maximum of ${shape.max}`);
}

function checkRange(shape: Shape, n: number, at: string, fail: Fail): void {
  if (shape.min !== undefined && n < shape.min)
    fail(`${at}: ${n} is below the minimum of ${shape.min}`);
  if (shape.max !== undefined && n > shape.max)
    fail(`${at}: ${n} exceeds the maximum of ${shape.max}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s);

const patternCache = new Map<string, RegExp | null>();

/**
 * Compiles a model pattern. Model patterns are Java/Smithy regexes: they are searched, not
 * anchored (so they are used with `test` as written), and need the `u` flag for `\p{..}`. A few
 * are Java-escaped twice (`\\+`); those are unescaped once and retried. A pattern that still does
 * not compile is skipped (returns null) rather than rejecting every value.
 */
export function compilePattern(pattern: string): RegExp | null {
  const hit = patternCache.get(pattern);
  if (hit !== undefined) return hit;
  const javaFixed = pattern
    .replace(/\\\\/g, "\\")
    .replace(/\\A/g, "^")
    .replace(/\\[zZ]/g, "$")
    .replace(/([*+?}])\+/g, "$1");
  // `\\d`, `\\+` and the like only make sense as a doubly escaped Java string: fix it first.
  const doublyEscaped = /\\\\[a-zA-Z+.*?(){}[\]]/.test(pattern);
  const variants: [string, string][] = doublyEscaped
    ? [
        [javaFixed, "u"],
        [pattern, "u"],
        [pattern, ""],
      ]
    : [
        [pattern, "u"],
        [javaFixed, "u"],
        [pattern, ""],
      ];
  let compiled: RegExp | null = null;
  for (const [source, flags] of variants) {
    try {
      compiled = new RegExp(source, flags);
      break;
    } catch {
      // try the next variant
    }
  }
  patternCache.set(pattern, compiled);
  return compiled;
}
