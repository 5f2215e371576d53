"use client";

/**
 * The parts of a time-zone-aware schedule field that the composer and the task page's reschedule
 * form share: the zone field with its list, and the summary that shows the wall-clock time in its
 * zone, the UTC instant Connect receives and how far away it is.
 */
import {
  type ComponentProps,
  memo,
  startTransition,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import type { UseFormRegisterReturn } from "react-hook-form";

import { SelectField } from "@/components/fields/controls";
import { describeDistance, zonedLocalToInstant } from "@/lib/task/zoned-time";

const subscribeNothing = () => () => {};

const ZONES_PER_SLICE = 60;

let cachedSlices: string[][] | null = null;
/** The browser's zones, UTC first, in slices of ZONES_PER_SLICE (kept: a memo compares them). */
function zoneSlices(): string[][] {
  if (cachedSlices) return cachedSlices;
  const zones = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];
  cachedSlices = [];
  for (let start = 0; start < zones.length; start += ZONES_PER_SLICE)
    cachedSlices.push(zones.slice(start, start + ZONES_PER_SLICE));
  return cachedSlices;
}

const zoneOption = (zone: string) => (
  <option key={zone} value={zone}>
    {zone.replaceAll("_", " ")}
  </option>
);

/** One slice of options: rendered once, then left alone while the next slices arrive. */
const ZoneSlice = memo(function ZoneSlice({ zones }: { zones: string[] }) {
  return zones.map(zoneOption);
});

/** Runs `run` when the browser is idle (soon, where it cannot tell); returns a cancel. */
function whenIdle(run: () => void): () => void {
  if (typeof requestIdleCallback === "function") {
    const handle = requestIdleCallback(run, { timeout: 500 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(run, 16);
  return () => clearTimeout(handle);
}

/**
 * The options of a time-zone <select>, rendered inside it; `current` is the select's value.
 * The server, and hydration, render only the current zone (the server's list could differ, and
 * ~400 options are ~400 elements to create while the page starts). The browser's zones follow a
 * slice at a time while the browser is idle, each slice a short task, and all at once as soon
 * as the select is focused, pressed or typed into before they are all there. A zone the
 * browser does not list (a draft saved elsewhere) stays first.
 */
export function TimeZoneOptions({ current }: { current: string }) {
  const [sliceCount, setSliceCount] = useState(0);
  const first = useRef<HTMLOptionElement>(null);

  useEffect(() => {
    // Counted in the idle callbacks, not here: listing the zones is ICU work too.
    let shown = 0;
    let cancel = () => {};
    const showNext = () => {
      shown++;
      startTransition(() => setSliceCount(shown));
      if (shown < zoneSlices().length) cancel = whenIdle(showNext);
    };
    const showAll = () => {
      const total = zoneSlices().length;
      if (shown >= total) return;
      cancel();
      shown = total;
      // Outside a transition: the list must be complete before the select opens.
      setSliceCount(total);
    };
    // The <select> itself belongs to the caller's field; its first option (ours) finds it.
    const select = first.current?.closest("select");
    const triggers = ["focus", "pointerdown", "keydown"] as const;
    for (const type of triggers) select?.addEventListener(type, showAll);
    cancel = whenIdle(showNext);
    return () => {
      cancel();
      for (const type of triggers) select?.removeEventListener(type, showAll);
    };
  }, []);

  const slices = sliceCount === 0 ? [] : zoneSlices().slice(0, sliceCount);
  const isShown = slices.some((zones) => zones.includes(current));
  return (
    <>
      {isShown ? null : (
        <option ref={first} value={current}>
          {current.replaceAll("_", " ")}
        </option>
      )}
      {slices.map((zones, index) => (
        <ZoneSlice key={index} zones={zones} />
      ))}
    </>
  );
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

type TimeZoneFieldProps = Omit<ComponentProps<typeof SelectField>, "value" | "children"> & {
  /** The form's registration of the zone. */
  registration: UseFormRegisterReturn;
  /** The zone chosen now (the form's watched value). */
  value: string;
  /** After a change: a time's validity depends on its zone, so the caller checks it again. */
  onZoneChange: () => void;
};

/**
 * A schedule's "Time zone" select. Controlled as well as registered: the browser's zone is set
 * before its <option> exists (the server renders one zone), and an uncontrolled select would
 * keep showing the old one.
 */
export function TimeZoneField({ registration, value, onZoneChange, ...field }: TimeZoneFieldProps) {
  return (
    <SelectField
      {...field}
      {...registration}
      onChange={async (event) => {
        await registration.onChange(event);
        onZoneChange();
      }}
      value={value}
    >
      <TimeZoneOptions current={value} />
    </SelectField>
  );
}
