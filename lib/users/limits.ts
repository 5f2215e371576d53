/**
 * The bounds of an account's fields, with no imports of their own so that lib/env.ts (loaded by
 * next.config.mjs before the app's path aliases exist) can use them too.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
export const MAX_BAN_REASON_LENGTH = 200;
/** The longest address RFC 5321 allows (64 + "@" + 255). */
export const MAX_EMAIL_LENGTH = 320;
