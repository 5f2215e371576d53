import "server-only";

/**
 * What one audit row may hold. The trail records text from anyone (an email typed at sign-in, a
 * proxy's header, Connect's or a driver's error message, a task's whole request), so each column
 * is bounded: a row stays small enough to list, export and search whatever was sent. Identifier
 * columns (instance, ClientToken, contact id) are bounded by the schemas that accept them.
 */
export const AUDIT_LIMITS = {
  errorName: 200,
  errorMessage: 2_000,
  targetId: 512,
  email: 320,
  role: 64,
  ipAddress: 100,
  userAgent: 512,
  awsRequestId: 200,
  /** Serialized JSON, in UTF-8 bytes. */
  detailBytes: 16 * 1024,
  /**
   * Serialized JSON, in UTF-8 bytes: far above a usual task (a few KB), below the largest the
   * composer accepts (100 references of 8 KB). A larger request keeps its small members and is
   * no longer replayable (see isTruncatedRecord).
   */
  requestBytes: 256 * 1024,
} as const;

/** The key of the marker left in a JSON value that was cut to fit. */
export const TRUNCATED = "$truncated";

const ELLIPSIS = "…";

/** The text cut to `max` characters (with an ellipsis), never splitting a surrogate pair. */
export function clipText(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  if (value.length <= max) return value;
  let end = max - ELLIPSIS.length;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return value.slice(0, end) + ELLIPSIS;
}

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? "", "utf8");

/**
 * The JSON value within `maxBytes`. An object too large loses its largest members until it fits,
 * and says so in a `$truncated` member (original size, limit, the members left out), so the row
 * still shows what it was about (a task's name, routing and ClientToken); anything else too large
 * is replaced by the marker alone.
 */
export function boundJson(value: unknown, maxBytes: number): unknown {
  const size = jsonBytes(value);
  if (size <= maxBytes) return value;
  // The names of what was left out, not too many of them: the marker must fit too.
  const marker = (omitted: string[]) => ({
    [TRUNCATED]: {
      originalBytes: size,
      limitBytes: maxBytes,
      omitted: omitted.slice(0, 20).map((key) => clipText(key, 100)),
    },
  });
  if (!value || typeof value !== "object" || Array.isArray(value)) return marker(["(value)"]);

  const kept = Object.entries(value as Record<string, unknown>).map(
    ([key, inner]) => [key, inner, jsonBytes({ [key]: inner })] as const,
  );
  const bySize = [...kept].sort((a, b) => b[2] - a[2]);
  const omitted = new Set<string>();
  const build = () => ({
    ...Object.fromEntries(kept.filter(([key]) => !omitted.has(key)).map(([k, v]) => [k, v])),
    ...marker(kept.filter(([key]) => omitted.has(key)).map(([key]) => key)),
  });
  for (const [key] of bySize) {
    omitted.add(key);
    if (jsonBytes(build()) <= maxBytes) return build();
  }
  return marker(kept.map(([key]) => key));
}

/** A recorded request or detail that was cut to fit: it is no longer what was sent. */
export function isTruncatedRecord(value: unknown): boolean {
  return value !== null && typeof value === "object" && TRUNCATED in value;
}
