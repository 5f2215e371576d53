/**
 * Wall-clock times in an IANA time zone, without a date library. A person schedules "25 Nov,
 * 09:30, Europe/Berlin"; Connect wants an instant. Around DST changes a wall-clock time can be
 * missing (spring forward) or happen twice (fall back); both are reported, never guessed silently.
 */
const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

export type ZonedResult =
  | { ok: true; instant: Date; isAmbiguous: boolean }
  | { ok: false; reason: "format" | "zone" | "nonexistent" };

/**
 * IANA zones renamed since ICU (and so Node and Chromium) fixed their canonical names: the
 * runtimes list and report the old name ("Asia/Calcutta") while other browsers and newer ICU use
 * the current one ("Asia/Kolkata"). Both names of a pair are accepted when the runtime lists
 * either, so a zone reported by one side is understood by the other.
 */
export const RENAMED_ZONES: Readonly<Record<string, string>> = {
  "Asia/Kolkata": "Asia/Calcutta",
  "Europe/Kyiv": "Europe/Kiev",
  "America/Nuuk": "America/Godthab",
  "Asia/Ho_Chi_Minh": "Asia/Saigon",
  "Asia/Kathmandu": "Asia/Katmandu",
  "Asia/Yangon": "Asia/Rangoon",
  "Atlantic/Faroe": "Atlantic/Faeroe",
  "Pacific/Kanton": "Pacific/Enderbury",
  "Pacific/Pohnpei": "Pacific/Ponape",
  "Pacific/Chuuk": "Pacific/Truk",
  "America/Argentina/Buenos_Aires": "America/Buenos_Aires",
  "America/Argentina/Catamarca": "America/Catamarca",
  "America/Argentina/Cordoba": "America/Cordoba",
  "America/Argentina/Jujuy": "America/Jujuy",
  "America/Argentina/Mendoza": "America/Mendoza",
  "America/Indiana/Indianapolis": "America/Indianapolis",
  "America/Kentucky/Louisville": "America/Louisville",
  "America/Atikokan": "America/Coral_Harbour",
};

let acceptedZones: ReadonlySet<string> | null = null;

/**
 * The zone names the console accepts, exactly as spelled: the runtime's own list, "UTC" (which
 * the list leaves out) and both names of each renamed zone. A closed set, so nothing keyed by a
 * zone (the formatter cache below) can grow with what people submit.
 */
export function acceptedTimeZones(): ReadonlySet<string> {
  if (acceptedZones) return acceptedZones;
  const listed = new Set(Intl.supportedValuesOf("timeZone"));
  const zones = new Set(["UTC", ...listed]);
  for (const [current, old] of Object.entries(RENAMED_ZONES)) {
    if (!listed.has(current) && !listed.has(old)) continue;
    zones.add(current);
    zones.add(old);
  }
  acceptedZones = zones;
  return zones;
}

/** Only exact names (no other casing, no offsets such as "+02:00"): see acceptedTimeZones. */
export function isValidTimeZone(timeZone: string): boolean {
  return acceptedTimeZones().has(timeZone);
}

/**
 * The zone this browser (or server) runs in. Temporal answers without a date formatter, while
 * `Intl.DateTimeFormat()` builds one, and the first one a page builds loads ICU's date data:
 * tens of milliseconds on a phone, in the middle of the composer's start. Intl where Temporal
 * is missing (Node 20, older browsers).
 */
export function currentTimeZone(): string {
  const temporal = (globalThis as { Temporal?: { Now?: { timeZoneId?: () => unknown } } }).Temporal;
  const id = temporal?.Now?.timeZoneId?.();
  return typeof id === "string" && id !== ""
    ? id
    : Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const FORMAT_OPTIONS: Intl.DateTimeFormatOptions = {
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
};

/**
 * Cached for accepted names only. Any other zone Intl understands (a browser reporting a zone
 * this list lacks) still formats, uncached; one Intl does not know throws a RangeError.
 */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  const formatter = new Intl.DateTimeFormat("en-US", { ...FORMAT_OPTIONS, timeZone });
  if (isValidTimeZone(timeZone)) formatters.set(timeZone, formatter);
  return formatter;
}

/** How many zone formatters are cached (at most one per accepted zone). */
export function zoneCacheSize(): number {
  return formatters.size;
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

/** "2026-11-25T09:30" read as if it were UTC, in milliseconds; null when malformed. */
function wallClockMs(local: string): number | null {
  const match = LOCAL_PATTERN.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi);
}

/** "2026-11-25T09:30" in `timeZone` → the instant. */
export function zonedLocalToInstant(local: string, timeZone: string): ZonedResult {
  const wallAsUtc = wallClockMs(local);
  if (wallAsUtc === null) return { ok: false, reason: "format" };
  if (!isValidTimeZone(timeZone)) return { ok: false, reason: "zone" };
  // The true instant is wall time minus the zone's offset at that instant; offsets within a day
  // either side of the wall time cover both candidates around a DST change.
  const candidates = new Set<number>();
  for (const probe of [wallAsUtc - 86_400_000, wallAsUtc, wallAsUtc + 86_400_000]) {
    const instant: number = wallAsUtc - zoneOffsetMs(probe, timeZone);
    if (instant + zoneOffsetMs(instant, timeZone) === wallAsUtc) candidates.add(instant);
  }
  if (candidates.size === 0) return { ok: false, reason: "nonexistent" };
  const sorted = [...candidates].sort((a, b) => a - b);
  // A repeated hour: take the first occurrence, and say it was ambiguous.
  return { ok: true, instant: new Date(sorted[0]!), isAmbiguous: sorted.length > 1 };
}

/** How a series occurrence's wall-clock time became its instant. */
export type OccurrenceAdjustment = "none" | "moved-forward" | "earlier-of-two";

/**
 * A series occurrence's wall-clock time as an instant, never refused: a one-off schedule asks
 * the person again (zonedLocalToInstant), but a series computes dozens of times nobody typed.
 * A time in a spring-forward gap moves forward by the gap's length (02:30 in Paris on the day
 * clocks go from 02:00 to 03:00 is 03:30, as Temporal's "compatible" does); a time that happens
 * twice takes the earlier instant, as one-off schedules do. Null for a malformed time or an
 * unknown zone.
 */
export function occurrenceInstant(
  local: string,
  timeZone: string,
): { instant: Date; adjustment: OccurrenceAdjustment } | null {
  const result = zonedLocalToInstant(local, timeZone);
  if (result.ok)
    return { instant: result.instant, adjustment: result.isAmbiguous ? "earlier-of-two" : "none" };
  if (result.reason !== "nonexistent") return null;
  const wallAsUtc = wallClockMs(local)!;
  // Read with the offset in force before the gap, the wall time lands after it.
  const instant = wallAsUtc - zoneOffsetMs(wallAsUtc - 86_400_000, timeZone);
  return { instant: new Date(instant), adjustment: "moved-forward" };
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
