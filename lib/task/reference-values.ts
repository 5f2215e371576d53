/**
 * How a reference value (or a template field travelling as one) is checked by type. Every
 * pattern is linear in the input (regex-safety.test.ts checks them), since values come from users.
 */
import type { ReferenceType } from "./limits";
import { zonedLocalToInstant } from "./zoned-time";

export const NUMBER_PATTERN = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
// Dot-separated labels after the @: the earlier `[^\s@]+\.[^\s@]+` let both sides of the dot
// compete for the same characters (quadratic backtracking on "a@" + "a.".repeat(n)).
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

export const REFERENCE_VALUE_RULES: Record<
  ReferenceType,
  { test: (value: string) => boolean; message: string }
> = {
  URL: { test: isHttpUrl, message: "Enter a full web address starting with http:// or https://." },
  NUMBER: {
    test: (v) => NUMBER_PATTERN.test(v.trim()),
    message: "Enter a number, e.g. 42 or 3.5.",
  },
  STRING: { test: () => true, message: "" },
  DATE: {
    test: (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v),
    message: "Pick a date and time.",
  },
  EMAIL: {
    test: (v) => EMAIL_PATTERN.test(v.trim()),
    message: "Enter an email address such as name@example.com.",
  },
};

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

export const MISSING_LOCAL_TIME = "This date and time does not exist in the chosen time zone.";
export const BEFORE_EPOCH =
  "Pick a date from 1 January 1970 on: Connect stores dates as seconds since then.";

/**
 * What is wrong with a well-formed DATE value (a wall-clock time in `timeZone`), or null: it
 * travels as whole epoch seconds, so it must exist in the zone (a DST change skips some times)
 * and not come before 1970 (a negative epoch is not one Connect takes).
 */
export function dateValueProblem(local: string, timeZone: string): string | null {
  const result = zonedLocalToInstant(local, timeZone);
  if (!result.ok) return MISSING_LOCAL_TIME;
  return result.instant.getTime() < 0 ? BEFORE_EPOCH : null;
}
