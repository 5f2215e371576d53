/**
 * PostgreSQL's text and jsonb types cannot hold U+0000, and a lone UTF-16 surrogate is not valid
 * Unicode (JSON encoders and PostgreSQL both refuse it). A value carrying either would fail deep
 * inside a query as a server error; every entry point refuses it up front instead, naming the
 * field, so the person sees what to fix. Neutral module: schemas and wrappers both use it.
 */
export const UNSTORABLE_TEXT_MESSAGE =
  "This contains a character that cannot be stored (a NUL character or a broken Unicode character). Remove it and try again.";

interface WellFormed {
  isWellFormed(): boolean;
}

export function isStorableText(value: string): boolean {
  // String.prototype.isWellFormed is in Node 20 and every current browser (ES2024).
  return !value.includes("\u0000") && (value as unknown as WellFormed).isWellFormed();
}

/** Deeper than any input the console accepts; the action request guard stops at 64 already. */
const MAX_DEPTH = 100;

/**
 * The path ("references.0.value", "" for the value itself) of the first string, or object key,
 * that cannot be stored; null when there is none.
 */
export function unstorableTextPath(value: unknown): string | null {
  const visit = (current: unknown, path: string[], depth: number): string | null => {
    if (typeof current === "string") return isStorableText(current) ? null : path.join(".");
    if (depth > MAX_DEPTH || current === null || typeof current !== "object") return null;
    const entries = Array.isArray(current)
      ? current.map((item, index) => [String(index), item] as const)
      : Object.entries(current);
    for (const [key, item] of entries) {
      if (!isStorableText(key)) return [...path, key].join(".");
      const found = visit(item, [...path, key], depth + 1);
      if (found !== null) return found;
    }
    return null;
  };
  return visit(value, [], 0);
}
