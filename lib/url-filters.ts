/**
 * Pieces shared by the console's filter forms (audit trail, tasks list): every value arrives as a
 * URL string and a blank field means "no filter". Days are UTC calendar days.
 */
import { z } from "zod";

import { UNSTORABLE_TEXT_MESSAGE, isStorableText } from "@/lib/storable-text";

export const blankToUndefined = (value: string | undefined) => (value === "" ? undefined : value);

/** An optional trimmed text filter; blank means no filter. */
export const text = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE)
    .optional()
    .transform(blankToUndefined);

/** The free-text search of a list page. */
export const searchText = text(200, "At most 200 characters.");

/** One of a list's values, or blank for "any". */
export const choice = <const T extends readonly [string, ...string[]]>(values: T, error: string) =>
  z
    .union([z.enum(values), z.literal("")], { error })
    .optional()
    .transform((value) => (value === "" ? undefined : value));

/** A page number only comes from the console's own links; a bad one just means the first page. */
export const pageNumber = z.coerce.number().int().min(1).max(100_000).catch(1).default(1);

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** An optional UTC calendar day (YYYY-MM-DD); blank means no filter. */
export const day = z
  .string()
  .trim()
  .optional()
  .transform(blankToUndefined)
  .refine((value) => value === undefined || DATE_PATTERN.test(value), {
    message: "Use a date like 2026-11-30.",
  })
  .refine((value) => value === undefined || !DATE_PATTERN.test(value) || isCalendarDate(value), {
    message: "This day does not exist.",
  });

/** The first instant of a UTC calendar day (YYYY-MM-DD), where a `from` filter starts. */
export function utcDayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** The first instant after a UTC calendar day, where a `to` filter (inclusive) stops. */
export function nextUtcDayStart(day: string): Date {
  const date = utcDayStart(day);
  date.setUTCDate(date.getUTCDate() + 1);
  return date;
}

/** The end of a day range may not come before its start. */
export function checkDayRange(
  filters: { from?: string | undefined; to?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (filters.from && filters.to && filters.from > filters.to) {
    ctx.addIssue({
      code: "custom",
      path: ["to"],
      message: "The end date is before the start date.",
    });
  }
}

/** Next hands search params as string | string[]; filters take the first value of each. */
export function firstValues(
  params: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) values[key] = first;
  }
  return values;
}
