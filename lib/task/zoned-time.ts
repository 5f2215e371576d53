/**
 * Wall-clock times in an IANA time zone, without a date library. A person schedules "25 Nov,
 * 09:30, Europe/Berlin"; Connect wants an instant. Around DST changes a wall-clock time can be
 * missing (spring forward) or happen twice (fall back); both are reported, never guessed silently.
 */
const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

export type ZonedResult =
  | { ok: true; instant: Date; isAmbiguous: boolean }
  | { ok: false; reason: "format" | "zone" | "nonexistent" };

// Every parse of a task checks its zone (the composer parses on each change): remember the good.
const validZones = new Set<string>();
export function isValidTimeZone(timeZone: string): boolean {
  if (validZones.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    validZones.add(timeZone);
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Offset of `timeZone` from UTC at `instantMs`, in milliseconds (east positive). */
export function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(instantMs))
      .filter((part) => part.type !== "literal")
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<string, number>;
  const asUtc = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** "2026-11-25T09:30" in `timeZone` → the instant. */
export function zonedLocalToInstant(local: string, timeZone: string): ZonedResult {
  const match = LOCAL_PATTERN.exec(local);
  if (!match) return { ok: false, reason: "format" };
  if (!isValidTimeZone(timeZone)) return { ok: false, reason: "zone" };
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wallAsUtc = Date.UTC(y, mo - 1, d, h, mi);
  // The true instant is wall time minus the zone's offset at that instant; offsets within a day
  // either side of the wall time cover both candidates around a DST change.
  const candidates = new Set<number>();
  for (const probe of [wallAsUtc - 86_400_000, wallAsUtc, wallAsUtc + 86_400_000]) {
    const instant = wallAsUtc - zoneOffsetMs(probe, timeZone);
    if (instant + zoneOffsetMs(instant, timeZone) === wallAsUtc) candidates.add(instant);
  }
  if (candidates.size === 0) return { ok: false, reason: "nonexistent" };
  const sorted = [...candidates].sort((a, b) => a - b);
  // A repeated hour: take the first occurrence, and say it was ambiguous.
  return { ok: true, instant: new Date(sorted[0]!), isAmbiguous: sorted.length > 1 };
}

/** The instant as "YYYY-MM-DDTHH:mm" wall-clock time in `timeZone` (for datetime-local inputs). */
export function instantToZonedLocal(instant: Date, timeZone: string): string {
  const shifted = new Date(instant.getTime() + zoneOffsetMs(instant.getTime(), timeZone));
  return shifted.toISOString().slice(0, 16);
}

/** "in 2 days 3 hours", "in 45 minutes", "5 minutes ago". */
export function describeDistance(from: Date, to: Date): string {
  const totalMinutes = Math.round((to.getTime() - from.getTime()) / 60_000);
  const minutes = Math.abs(totalMinutes);
  const days = Math.floor(minutes / 1_440);
  const hours = Math.floor((minutes % 1_440) / 60);
  const rest = minutes % 60;
  const parts = [
    days ? `${days} day${days === 1 ? "" : "s"}` : "",
    hours ? `${hours} hour${hours === 1 ? "" : "s"}` : "",
    !days && rest ? `${rest} minute${rest === 1 ? "" : "s"}` : "",
  ].filter(Boolean);
  const text = parts.length ? parts.join(" ") : "less than a minute";
  return totalMinutes >= 0 ? `in ${text}` : `${text} ago`;
}
