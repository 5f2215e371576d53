/**
 * A bulk row's ClientToken: a UUID derived from the file's digest and the row number, so sending
 * the row again (an engine retry, a restart, the same file uploaded again) asks Connect with the
 * same token, and Connect answers with the task it made the first time (docs/connect-api.md,
 * "ClientToken and idempotency"). Web Crypto only, so the browser's worker and the server derive the same value.
 */

import { sha256WithPrefix } from "./sha256";

const encoder = new TextEncoder();

/** "00".."ff": one lookup per byte instead of a padded toString per byte. */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

function hex(bytes: ArrayBufferLike | Uint8Array): string {
  let out = "";
  for (const byte of bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)) out += HEX[byte];
  return out;
}

/** SHA-256 of the file's text as UTF-8 (without a byte-order mark), lower-case hex. */
export async function fileDigest(text: string): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

/** 16 hash bytes as a UUID with the version (8, custom) and variant bits set (RFC 9562). */
function uuidOf(digest: Uint8Array): string {
  const bytes = digest.slice(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const h = hex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The first 16 bytes of sha256(seed) as a UUID, so it reads as one anywhere a UUID is expected
 * (and fits Connect's ClientToken, at most 500 characters). Every derived ClientToken (bulk rows,
 * series occurrences) comes from here, each with its own seed prefix so two kinds never meet.
 */
export function derivedUuid(seed: string): string {
  return uuidOf(sha256WithPrefix(new Uint8Array(0))(encoder.encode(seed)));
}

/**
 * A bulk row's token, derivedUuid("<digest>:<row>"). Synchronous (sha256.ts): the check derives
 * one per row, so `rowTokens` hashes the digest's block once per file and each row's number after.
 */
export function rowTokens(digest: string): (rowNumber: number) => string {
  const hash = sha256WithPrefix(encoder.encode(`${digest}:`));
  return (rowNumber) => uuidOf(hash(encoder.encode(String(rowNumber))));
}

export function rowClientToken(digest: string, rowNumber: number): string {
  return rowTokens(digest)(rowNumber);
}
