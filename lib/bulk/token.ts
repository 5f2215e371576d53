/**
 * A bulk row's ClientToken: a UUID derived from the file's digest and the row number, so sending
 * the row again (an engine retry, a restart, the same file uploaded again) asks Connect with the
 * same token, and Connect answers with the task it made the first time (docs/connect-api.md,
 * "ClientToken and idempotency"). Web Crypto only, so the browser's worker and the server derive the same value.
 */

import { sha256 } from "./sha256";

const encoder = new TextEncoder();

function hex(bytes: ArrayBufferLike): string {
  return [...new Uint8Array(bytes)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** SHA-256 of the file's text as UTF-8 (without a byte-order mark), lower-case hex. */
export async function fileDigest(text: string): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

/** A bulk row's token: derivedUuid("<digest>:<row>"). */
export function rowClientToken(digest: string, rowNumber: number): string {
  return derivedUuid(`${digest}:${rowNumber}`);
}

/**
 * The first 16 bytes of sha256(seed) as a UUID, with the version (8, custom) and variant bits
 * set (RFC 9562), so it reads as one anywhere a UUID is expected (and fits Connect's ClientToken,
 * at most 500 characters). Synchronous (sha256.ts): the bulk check derives one per row. Every
 * derived ClientToken (bulk rows, series occurrences) comes from here, each with its own seed
 * prefix so two kinds never meet.
 */
export function derivedUuid(seed: string): string {
  const bytes = sha256(encoder.encode(seed)).slice(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const h = hex(bytes.buffer);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
