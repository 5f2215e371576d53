/**
 * Limits of StartTaskContact, from the service model (lengths) and the documented rules (the
 * model cannot express them). Where AWS's pages disagree, the documented API rule is the default
 * and the value is configurable: schedule horizon 6 days (a quota page says 90), 12 linked tasks
 * per previous contact (a feature page says 11).
 */
export const TASK_LIMITS = {
  instanceIdMax: 100,
  nameMax: 1024,
  descriptionMax: 4096,
  contactFlowIdMax: 500,
  taskTemplateIdMax: 500,
  contactIdMax: 256,
  clientTokenMax: 500,
  referenceNameMax: 4096,
  referenceValueMax: 4096,
  attributeKeyMax: 32_767,
  attributeValueMax: 32_767,
  /** Keys and values together, in UTF-8 bytes. */
  attributesTotalBytes: 32_768,
  segmentStringMax: 1024,
  expiryMinutesMin: 1,
  /** 90 days. */
  expiryMinutesMax: 129_600,
  reschedulesPerTask: 20,
} as const;

/**
 * Bounds of the composer's collections and its own values, so no input is unbounded. A template
 * has at most 50 fields (a Connect quota, not adjustable) with names of 1-100 characters (the
 * service model); Connect documents no count for references, 100 is the console's.
 */
export const FORM_LIMITS = {
  templateFieldsMax: 50,
  templateFieldNameMax: 100,
  referencesMax: 100,
  attributesMax: 500,
  /** The longest IANA zone name has 32 characters. */
  timeZoneMax: 64,
  /** "YYYY-MM-DDTHH:mm" is 16 characters; room for a pasted value with seconds. */
  localTimeMax: 32,
  expiryAmountMax: 12,
} as const;

export const SECONDS_PER_DAY = 86_400;
/** The API reference's horizon; SCHEDULE_HORIZON_DAYS changes it (lib/env.ts). */
export const DEFAULT_SCHEDULE_HORIZON_DAYS = 6;
/** The quota page's horizon: the furthest any configuration schedules. */
export const MAX_SCHEDULE_HORIZON_DAYS = 90;
export const DEFAULT_SCHEDULE_HORIZON_SECONDS = DEFAULT_SCHEDULE_HORIZON_DAYS * SECONDS_PER_DAY;
/**
 * How far ahead the console accepts a schedule (SCHEDULE_MAX_DAYS, lib/env.ts): beyond Connect's
 * horizon it holds the task and sends it once the time is within the horizon (held tasks).
 */
export const DEFAULT_SCHEDULE_MAX_DAYS = 365;
/** The furthest SCHEDULE_MAX_DAYS may be set: ten years. */
export const MAX_SCHEDULE_MAX_DAYS = 3650;

/** The schedule horizon as it is said to a person: days, to one decimal. */
export function horizonDays(horizonSeconds: number): number {
  return Math.round((horizonSeconds / SECONDS_PER_DAY) * 10) / 10;
}

/** Reference types a task may be created with (ATTACHMENT and the email types may not). */
export const REFERENCE_TYPES = ["URL", "NUMBER", "STRING", "DATE", "EMAIL"] as const;
export type ReferenceType = (typeof REFERENCE_TYPES)[number];

export const ATTRIBUTE_KEY_PATTERN = /^[A-Za-z0-9_-]+$/;

/** `arn:aws:connect:<region>:<account>:instance/<instance id>/agent/<user id>` */
export const AGENT_ARN_PATTERN =
  /^arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance\/([A-Za-z0-9-]+)\/agent\/([A-Za-z0-9-]+)$/;

export const EXPIRY_UNITS = { minutes: 1, hours: 60, days: 1_440 } as const;

export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

export function attributesBytes(attributes: readonly { key: string; value: string }[]): number {
  return attributes.reduce((total, { key, value }) => total + utf8Bytes(key) + utf8Bytes(value), 0);
}
