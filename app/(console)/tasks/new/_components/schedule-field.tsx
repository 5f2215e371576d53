"use client";

import { useSyncExternalStore } from "react";
import { useFormContext, useWatch } from "react-hook-form";

import type { TemplateFieldDefinition } from "@/lib/composer-contract";
import type { TaskFormValues } from "@/lib/task/schema";
import { describeDistance, zonedLocalToInstant } from "@/lib/task/zoned-time";

import { InputField, RequiredMark, Section, SelectField, errorAt } from "./fields";

const subscribeNothing = () => () => {};

/** The browser's zones; the server renders only the current one (its list could differ). */
function useTimeZones(current: string): string[] {
  const zones = useSyncExternalStore(
    subscribeNothing,
    () => browserTimeZones(),
    () => null,
  );
  if (!zones) return [current];
  return zones.includes(current) ? zones : [current, ...zones];
}

let cachedZones: string[] | null = null;
function browserTimeZones(): string[] {
  cachedZones ??= ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];
  return cachedZones;
}

function ScheduleSummary({ local, timeZone }: { local: string; timeZone: string }) {
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
      <p>{describeDistance(new Date(), at)}</p>
      {result.isAmbiguous ? (
        <p className="text-amber-800">
          This time happens twice in {timeZone} (the clocks go back); the first one is used.
        </p>
      ) : null}
    </div>
  );
}

export function ScheduleField({
  canSchedule,
  horizonSeconds,
  templateField,
}: {
  canSchedule: boolean;
  horizonSeconds: number;
  templateField: TemplateFieldDefinition | undefined;
}) {
  const { control, register, setValue, formState } = useFormContext<TaskFormValues>();
  const [mode, local, timeZone] = useWatch({
    control,
    name: ["scheduleMode", "scheduledLocal", "timeZone"],
  });
  const zones = useTimeZones(timeZone);
  const days = Math.round((horizonSeconds / 86_400) * 10) / 10;
  const scheduleError = errorAt(formState.errors, "scheduledLocal");

  return (
    <Section
      id="schedule"
      title="Schedule"
      description={`Start the task now, or schedule it up to ${days} days ahead.`}
    >
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">
          When{templateField?.isRequired ? <RequiredMark /> : null}
          {templateField ? (
            <span className="font-normal text-slate-500">
              {" "}
              (template field “{templateField.name}”)
            </span>
          ) : null}
        </legend>
        <div className="mt-2 flex flex-wrap gap-4">
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" value="now" {...register("scheduleMode")} />
            Start now
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              value="later"
              disabled={!canSchedule}
              aria-describedby={canSchedule ? undefined : "schedule-not-allowed"}
              {...register("scheduleMode")}
            />
            Schedule
          </label>
        </div>
        {!canSchedule ? (
          <p id="schedule-not-allowed" className="mt-2 text-sm text-slate-600">
            Your role cannot schedule tasks; ask a supervisor or a team lead.
          </p>
        ) : null}
      </fieldset>
      {mode !== "later" && scheduleError ? (
        <p className="text-sm text-red-700">{scheduleError.join(" ")}</p>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        {mode === "later" ? (
          <InputField
            label="Date and time"
            path="scheduledLocal"
            type="datetime-local"
            error={scheduleError}
            {...register("scheduledLocal")}
          />
        ) : null}
        <SelectField
          label="Time zone"
          path="timeZone"
          hint="For the schedule and for DATE references."
          error={errorAt(formState.errors, "timeZone")}
          {...register("timeZone", {
            // The schedule's validity depends on the zone: check it again.
            onChange: () => {
              if (local) setValue("scheduledLocal", local, { shouldValidate: true });
            },
          })}
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll("_", " ")}
            </option>
          ))}
        </SelectField>
      </div>
      {mode === "later" && local ? <ScheduleSummary local={local} timeZone={timeZone} /> : null}
    </Section>
  );
}
