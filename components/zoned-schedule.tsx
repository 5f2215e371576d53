"use client";

/**
 * The parts of a time-zone-aware schedule field that the composer and the task page's reschedule
 * form share: the zone list and the summary that shows the wall-clock time in its zone, the UTC
 * instant Connect receives and how far away it is.
 */
import { startTransition, useEffect, useState, useSyncExternalStore } from "react";

import { describeDistance, zonedLocalToInstant } from "@/lib/task/zoned-time";

const subscribeNothing = () => () => {};

let cachedZones: string[] | null = null;
function browserTimeZones(): string[] {
  cachedZones ??= ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];
  return cachedZones;
}

/**
 * The browser's zones. The server, and hydration, render only the current one (the server's list
 * could differ); the ~400 others follow in a transition, which React renders in slices that
 * yield to the browser, not in one long task while the page starts.
 */
export function useTimeZones(current: string): string[] {
  const [zones, setZones] = useState<string[] | null>(null);
  useEffect(() => {
    startTransition(() => setZones(browserTimeZones()));
  }, []);
  if (!zones) return [current];
  return zones.includes(current) ? zones : [current, ...zones];
}

export function TimeZoneOptions({ zones }: { zones: string[] }) {
  return zones.map((zone) => (
    <option key={zone} value={zone}>
      {zone.replaceAll("_", " ")}
    </option>
  ));
}

export function ScheduleSummary({ local, timeZone }: { local: string; timeZone: string }) {
  // "In 2 hours" depends on the clock: the server and the browser could render different text.
  const isBrowser = useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
  const result = zonedLocalToInstant(local, timeZone);
  if (!result.ok) return null;
  const at = result.instant;
  const wall = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    dateStyle: "full",
    timeStyle: "short",
  }).format(at);
  return (
    <div className="space-y-0.5 text-sm text-slate-700" aria-label="Schedule summary" role="group">
      <p>
        Local: {wall} ({timeZone})
      </p>
      <p>UTC: {at.toISOString().slice(0, 16).replace("T", " ")} UTC</p>
      {isBrowser ? <p>{describeDistance(new Date(), at)}</p> : null}
      {result.isAmbiguous ? (
        <p className="text-amber-800">
          This time happens twice in {timeZone} (the clocks go back); the first one is used.
        </p>
      ) : null}
    </div>
  );
}
