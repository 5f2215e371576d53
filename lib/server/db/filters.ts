import "server-only";

/**
 * The SQL of the console's filter forms (audit trail, tasks list), so a text or a day range
 * filters the same way everywhere. In a LIKE pattern `%` and `_` are wildcards and `\` is
 * PostgreSQL's escape character; someone typing them means the characters themselves, so they are
 * escaped before the pattern's own wildcard is added.
 */
import { type SQL, type SQLWrapper, and, gte, lt, or, sql } from "drizzle-orm";

import { nextUtcDayStart, utcDayStart } from "@/lib/url-filters";

const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

/** Matches a value that contains `text` (with ilike: in any letter case). */
export const containsPattern = (text: string) => `%${escapeLike(text)}%`;

/** Matches a value that starts with `text`. */
export const prefixPattern = (text: string) => `${escapeLike(text)}%`;

/** `text` anywhere in one of these columns or expressions, in any letter case. */
export function containsText(text: string, targets: readonly SQLWrapper[]): SQL | undefined {
  const pattern = containsPattern(text);
  return or(...targets.map((target) => sql`${target} ilike ${pattern}`));
}

/** The UTC calendar days of a from/to filter, both inclusive, on a timestamp column. */
export function withinDays(
  column: SQLWrapper,
  range: { from?: string | undefined; to?: string | undefined },
): SQL | undefined {
  return and(
    range.from ? gte(column, utcDayStart(range.from)) : undefined,
    range.to ? lt(column, nextUtcDayStart(range.to)) : undefined,
  );
}
