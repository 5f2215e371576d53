/**
 * The semantic StartTaskContact / UpdateContactSchedule rules that the model cannot express
 * (docs/connect-api.md, StartTaskContact, and the choices in the README). Each check throws the
 * error class the README documents for it; all of them are InvalidRequestException except where
 * noted.
 */
import { invalidRequest, notFound } from "../errors";
import type { ConnectLocalRules } from "../options";
import { setOwn, type InstanceData, type TaskReference } from "../state";

/**
 * Reference types a task may be created with (docs/connect-api.md, References); ATTACHMENT goes in
 * Attachments.
 */
const CREATABLE_REFERENCE_TYPES = ["URL", "NUMBER", "STRING", "DATE", "EMAIL"];

/** Validates References and returns them as stored ({Type, Value} per name). */
export function checkReferences(
  refs: Record<string, { Type: string; Value?: string }> | undefined,
): Record<string, TaskReference> {
  const out: Record<string, TaskReference> = {};
  for (const [name, ref] of Object.entries(refs ?? {})) {
    const bad = (why: string) =>
      invalidRequest(`Invalid reference passed, check input reference: ${name} (${why})`);
    if (!CREATABLE_REFERENCE_TYPES.includes(ref.Type)) {
      throw bad(
        `type ${ref.Type} cannot be used when creating a task; use one of ${CREATABLE_REFERENCE_TYPES.join(", ")}`,
      );
    }
    if (ref.Value === undefined || ref.Value === null) throw bad("a Value is required");
    const value = ref.Value;
    switch (ref.Type) {
      case "DATE":
        // Epoch seconds as a string; an ISO date is the documented failure (docs/connect-api.md,
        // References).
        if (!/^\d+$/.test(value))
          throw bad("DATE value must be an integer epoch timestamp in seconds");
        break;
      case "NUMBER":
        if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(value))
          throw bad("NUMBER value must be numeric");
        break;
      case "EMAIL":
        if (!isEmailAddress(value)) throw bad("EMAIL value must be a valid email address");
        break;
      case "URL":
        if (!isHttpUrl(value)) throw bad("URL value must be an absolute http or https URL");
        break;
    }
    setOwn(out, name, { Type: ref.Type, Value: value });
  }
  return out;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

const ATTRIBUTE_KEY = /^[A-Za-z0-9_-]+$/;
const MAX_ATTRIBUTE_BYTES = 32_768;

/** Attribute keys must be letters, digits, - and _; keys + values at most 32,768 UTF-8 bytes. */
export function checkAttributes(attrs: Record<string, string> | undefined): void {
  let bytes = 0;
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (!ATTRIBUTE_KEY.test(k)) {
      throw invalidRequest(
        `Attributes: key "${k}" may contain only letters, digits, hyphens and underscores`,
      );
    }
    bytes += Buffer.byteLength(k, "utf8") + Buffer.byteLength(v, "utf8");
  }
  if (bytes > MAX_ATTRIBUTE_BYTES) {
    throw invalidRequest(
      `Attributes: total size ${bytes} bytes exceeds the maximum of ${MAX_ATTRIBUTE_BYTES} bytes (keys and values, UTF-8)`,
    );
  }
}

/** Clock skew tolerated for a ScheduledTime slightly in the past, in seconds. */
export const SCHEDULE_SKEW_SECONDS = 60;

/** ScheduledTime must not be in the past (60 s skew allowed) nor beyond the horizon. */
export function checkScheduledTime(scheduled: number, now: number, rules: ConnectLocalRules): void {
  if (scheduled < now - SCHEDULE_SKEW_SECONDS) {
    throw invalidRequest(`ScheduledTime ${describeTime(scheduled)} is in the past`);
  }
  if (scheduled > now + rules.scheduleHorizonSeconds) {
    const days = +(rules.scheduleHorizonSeconds / 86_400).toFixed(3);
    throw invalidRequest(
      `ScheduledTime ${describeTime(scheduled)} is too far in the future: at most ${days} days (${rules.scheduleHorizonSeconds} seconds) ahead`,
    );
  }
}

/** ISO form when the value is a representable date, else the raw epoch seconds (e.g. 1e20). */
function describeTime(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  return Number.isNaN(d.getTime()) ? `${epochSeconds} (epoch seconds)` : d.toISOString();
}

const MAX_EXPIRY_MINUTES = 129_600; // 90 days (docs/connect-api.md, Segment attributes)
const AGENT_ARN = /^arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance\/([^/]+)\/agent\/([^/]+)$/;

type SegmentValue = Record<string, unknown>;

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const onlyKey = (v: unknown, key: string): boolean =>
  isObj(v) && Object.keys(v).length === 1 && key in v;

/**
 * Checks the system segment attributes a task may be created with; returns the expiry in
 * minutes when `connect:ContactExpiry` is set. User-defined keys (no `connect:` prefix) pass.
 */
export function checkSegmentAttributes(
  segments: Record<string, SegmentValue> | undefined,
  inst: InstanceData,
): number | undefined {
  let expiryMinutes: number | undefined;
  for (const [key, value] of Object.entries(segments ?? {})) {
    if (key === "connect:ContactExpiry") {
      const duration =
        onlyKey(value, "ValueMap") && isObj(value.ValueMap) ? value.ValueMap : undefined;
      const inner =
        duration && onlyKey(duration, "ExpiryDuration") ? duration.ExpiryDuration : undefined;
      const n = onlyKey(inner, "ValueInteger") ? (inner as SegmentValue).ValueInteger : undefined;
      if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > MAX_EXPIRY_MINUTES) {
        throw invalidRequest(
          `SegmentAttributes connect:ContactExpiry must be {"ValueMap":{"ExpiryDuration":{"ValueInteger":n}}} with n whole minutes from 1 to ${MAX_EXPIRY_MINUTES}`,
        );
      }
      expiryMinutes = n;
    } else if (key === "connect:CreatedByUser") {
      checkCreatedByUser(value, inst);
    } else if (key.startsWith("connect:")) {
      throw invalidRequest(
        `SegmentAttributes: ${key} cannot be set when starting a task; allowed system keys are connect:ContactExpiry and connect:CreatedByUser`,
      );
    }
  }
  return expiryMinutes;
}

/**
 * `connect:CreatedByUser` = {ValueString: agent ARN of a user of this instance}. A malformed ARN or
 * one of another instance → InvalidRequestException; a well-formed ARN of this instance naming no
 * user → ResourceNotFoundException (the user is a resource that does not exist).
 */
function checkCreatedByUser(value: unknown, inst: InstanceData): void {
  const arn = onlyKey(value, "ValueString") ? (value as SegmentValue).ValueString : undefined;
  if (typeof arn !== "string" || !AGENT_ARN.test(arn)) {
    throw invalidRequest(
      'SegmentAttributes connect:CreatedByUser must be {"ValueString":"arn:aws:connect:<region>:<account>:instance/<instanceId>/agent/<userId>"}',
    );
  }
  const prefix = `${inst.instance.Arn}/agent/`;
  if (!arn.startsWith(prefix)) {
    throw invalidRequest(
      `SegmentAttributes connect:CreatedByUser: ${arn} is not a user of instance ${inst.instance.Id}`,
    );
  }
  if (!inst.users.some((u) => u.Arn === arn))
    throw notFound(`SegmentAttributes connect:CreatedByUser: user not found: ${arn}`);
}

/**
 * One @ with text on both sides, no whitespace, and a dot inside the domain. Written without
 * `[^\s@]+\.[^\s@]+`, whose two halves compete for the same characters (quadratic).
 */
function isEmailAddress(value: string): boolean {
  if (!/^[^\s@]+@[^\s@]+$/.test(value)) return false;
  const domain = value.slice(value.indexOf("@") + 1);
  return domain.slice(1, -1).includes(".");
}
