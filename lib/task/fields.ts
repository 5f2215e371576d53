/**
 * The task's choices and the small rules the composer's fields need while rendering, kept apart
 * from the zod schema (schema.ts re-exports them): the composer's first load then carries no zod;
 * it loads the schema when it first validates.
 */
import { EXPIRY_UNITS, type ReferenceType } from "./limits";

export const ROUTING_KINDS = ["flow", "quickConnect", "template"] as const;
export const SCHEDULE_MODES = ["now", "later"] as const;
export const LINK_KINDS = ["none", "previous", "related"] as const;

/** Template field types whose values travel as References. */
export const TEMPLATE_REFERENCE_FIELD_TYPES = [
  "URL",
  "NUMBER",
  "EMAIL",
  "DATE_TIME",
  "TEXT",
  "TEXT_AREA",
  "SINGLE_SELECT",
  "BOOLEAN",
] as const;
export type TemplateReferenceFieldType = (typeof TEMPLATE_REFERENCE_FIELD_TYPES)[number];

/** How each template field type travels as a Reference (inferred from how Connect shows them, not documented). */
export const TEMPLATE_FIELD_REFERENCE_TYPE: Record<TemplateReferenceFieldType, ReferenceType> = {
  URL: "URL",
  NUMBER: "NUMBER",
  EMAIL: "EMAIL",
  DATE_TIME: "DATE",
  TEXT: "STRING",
  TEXT_AREA: "STRING",
  SINGLE_SELECT: "STRING",
  BOOLEAN: "STRING",
};

/** Expiry in minutes, or null for none; NaN when the amount is not a whole number. */
export function expiryMinutes(values: {
  expiryAmount: string;
  expiryUnit: keyof typeof EXPIRY_UNITS;
}): number | null {
  if (values.expiryAmount === "") return null;
  if (!/^\d+$/.test(values.expiryAmount)) return Number.NaN;
  return Number(values.expiryAmount) * EXPIRY_UNITS[values.expiryUnit];
}
