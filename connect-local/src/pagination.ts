/**
 * NextToken handling for the List operations that page (docs/connect-api.md, Pagination). Tokens
 * are opaque to callers: base64url JSON holding the offset of the next page and a hash of the query
 * (operation, instance, filters). A token that does not decode, or that was issued for another
 * query, is rejected with InvalidRequestException "The nextToken is not valid". The last page
 * carries no token, so the SDK paginators stop.
 */
import { createHash } from "node:crypto";

import { invalidRequest } from "./errors";

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** Fingerprint of everything that defines the result set (not the page size, which may change). */
export function queryHash(parts: unknown[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("base64url").slice(0, 16);
}

export function encodeToken(offset: number, hash: string): string {
  return Buffer.from(JSON.stringify({ o: offset, h: hash }), "utf8").toString("base64url");
}

export function decodeToken(token: string, hash: string): number {
  const invalid = () => invalidRequest("The nextToken is not valid");
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== "object" || parsed === null) throw invalid();
  const { o, h } = parsed as { o?: unknown; h?: unknown };
  if (typeof o !== "number" || !Number.isInteger(o) || o < 0 || h !== hash) throw invalid();
  return o;
}

/** One page of `all`, starting where `token` says, `size` items long. */
export function paginate<T>(
  all: T[],
  size: number,
  token: string | undefined,
  hashParts: unknown[],
): Page<T> {
  const hash = queryHash(hashParts);
  const offset = token === undefined ? 0 : decodeToken(token, hash);
  if (offset > all.length) throw invalidRequest("The nextToken is not valid");
  const items = all.slice(offset, offset + size);
  const next = offset + items.length;
  return next < all.length ? { items, nextToken: encodeToken(next, hash) } : { items };
}
