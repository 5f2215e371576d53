import "server-only";

/**
 * LIKE patterns from what a person typed. In a LIKE pattern `%` and `_` are wildcards and `\` is
 * PostgreSQL's escape character; someone typing them means the characters themselves, so they are
 * escaped before the pattern's own wildcard is added. Every text filter of the console (audit
 * trail, tasks list) builds its pattern here.
 */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

/** Matches a value that contains `text` (with ilike: in any letter case). */
export const containsPattern = (text: string) => `%${escapeLike(text)}%`;

/** Matches a value that starts with `text`. */
export const prefixPattern = (text: string) => `${escapeLike(text)}%`;
