"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** "2026-11-30 14:03:22 UTC": what the server renders, and the title on every time. */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/**
 * A time in the viewer's locale and time zone, which only the browser knows. The server renders
 * UTC and the browser switches after hydration (no mismatch); the UTC value stays in the title.
 */
export function LocalTime({ iso }: { iso: string }) {
  const isBrowser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const text = isBrowser
    ? new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" })
    : formatUtc(iso);
  return (
    <time dateTime={iso} title={formatUtc(iso)}>
      {text}
    </time>
  );
}
