"use client";

/**
 * "Next occurrences": the next ten times the series will run, in the schedule's zone and in UTC,
 * from the same rule and the same conversion the server uses (lib/schedule/recurrence.ts), so
 * what the person reads before saving is what will be held and sent. Times the clocks skip or
 * repeat say how they were placed.
 */
import { useWatch } from "react-hook-form";

import { type Occurrence, nextOccurrences } from "@/lib/schedule/recurrence";
import { repeatFieldsSchema, seriesRuleOf } from "@/lib/schedule/series-rule";
import type { TaskFormValues } from "@/lib/task/schema";
import { isValidTimeZone } from "@/lib/task/zoned-time";

const SHOWN = 10;
const HEADING_ID = "next-occurrences-heading";

function occurrencesOf(values: {
  repeat: TaskFormValues["repeat"];
  local: string;
  timeZone: string;
}): Occurrence[] | null {
  const fields = repeatFieldsSchema.safeParse(values.repeat);
  if (!fields.success || !isValidTimeZone(values.timeZone)) return null;
  const result = seriesRuleOf(fields.data, values.local, values.timeZone);
  if (!result.ok) return null;
  return nextOccurrences(result.rule, { after: new Date(), count: SHOWN });
}

function OccurrenceItem({ occurrence, timeZone }: { occurrence: Occurrence; timeZone: string }) {
  const wall = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(occurrence.at);
  const utc = occurrence.at.toISOString().slice(0, 16).replace("T", " ");
  const time = occurrence.local.slice(11);
  return (
    <li>
      <span>{wall}</span> <span className="text-slate-500">({utc} UTC)</span>
      {occurrence.adjustment === "moved-forward" ? (
        <span className="text-amber-800">
          {" "}
          {time} does not exist that day (the clocks go forward); moved forward.
        </span>
      ) : null}
      {occurrence.adjustment === "earlier-of-two" ? (
        <span className="text-amber-800">
          {" "}
          {time} happens twice that day (the clocks go back); the first one.
        </span>
      ) : null}
    </li>
  );
}

export function NextOccurrences() {
  const [repeat, local, timeZone] = useWatch<
    TaskFormValues,
    ["repeat", "scheduledLocal", "timeZone"]
  >({
    name: ["repeat", "scheduledLocal", "timeZone"],
  });
  const occurrences = occurrencesOf({ repeat, local, timeZone });
  return (
    <div className="space-y-1 text-sm text-slate-700">
      <h3 id={HEADING_ID} className="font-medium">
        Next occurrences
      </h3>
      {occurrences === null ? (
        <p>Pick the first date and time and fix the marked fields to see the occurrences.</p>
      ) : occurrences.length === 0 ? (
        <p>No occurrence is left after now.</p>
      ) : (
        <ol aria-labelledby={HEADING_ID} className="list-decimal space-y-0.5 pl-6">
          {occurrences.map((occurrence) => (
            <OccurrenceItem key={occurrence.index} occurrence={occurrence} timeZone={timeZone} />
          ))}
        </ol>
      )}
      <p className="text-xs text-slate-500">In {timeZone}, with the same time in UTC.</p>
    </div>
  );
}
