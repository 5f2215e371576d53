/**
 * An occurrence's ClientToken, derived from its series and the instant the rule gave it, so
 * materialising the same occurrence again (a job retried, two processes, a window topped up
 * twice) yields the same token and Connect creates one task (docs/connect-api.md, "ClientToken
 * and idempotency"). The instant is the rule's, not a later edit's: a moved occurrence keeps the
 * token it was held with.
 */
import { derivedUuid } from "@/lib/bulk/token";

export function occurrenceClientToken(seriesId: string, occurrenceAt: Date): string {
  return derivedUuid(`series:${seriesId}:${occurrenceAt.toISOString()}`);
}
