/**
 * Removes secrets from what the audit trail stores (a task's request, whose attributes and
 * references are the user's own keys). Keys are matched by name, at any depth; ClientToken is
 * kept on purpose (it is an idempotency key, not a credential, and the audit trail must show it).
 * The log censors its own list of the console's internal names (lib/server/log.ts): a session id
 * is a secret there, but may be a customer's data in a task's attributes.
 */
const SECRET_KEY =
  /pass(word)?|secret|credential|authorization|cookie|session.?token|access.?key|^token$/i;
const KEEP = new Set(["ClientToken", "clientToken"]);
export const REDACTED = "[redacted]";

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 20) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        SECRET_KEY.test(key) && !KEEP.has(key) ? REDACTED : redact(inner, depth + 1),
      ]),
    );
  }
  return value;
}
