"use client";

/**
 * Repeat's fields (loaded once Repeat is ticked, repeat-field.tsx): how often, every N, the
 * weekdays or the day of the month, when it ends, and the next ten occurrences. Monthly choices
 * are read from the schedule's date ("On day 13", "On the second Tuesday"), so the first
 * occurrence is always the schedule's own date and time.
 */
import type { ReactNode } from "react";
import { useFormContext, useFormState, useWatch } from "react-hook-form";

import { LABEL } from "@/components/fields/classes";
import { InputField, SelectField } from "@/components/fields/controls";
import { errorAt } from "@/components/fields/error-at";
import { ErrorText, describedBy, fieldId } from "@/components/fields/shell";
import {
  REPEAT_LIMITS,
  WEEKDAYS,
  WEEKDAY_NAMES,
  describeWeekdayOfMonth,
  weekdayPosition,
} from "@/lib/schedule/series-rule";
import type { TaskFormValues } from "@/lib/task/schema";

import { NextOccurrences } from "./next-occurrences";

const UNITS = { daily: "days", weekly: "weeks", monthly: "months" } as const;

/** A group of checkboxes or radios whose one message belongs to the whole group. */
function Group({
  legend,
  path,
  error,
  children,
}: {
  legend: string;
  path: string;
  error: string[] | undefined;
  children: (control: { "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  const errorId = `${fieldId(path)}-error`;
  return (
    <fieldset className="space-y-1">
      <legend className={LABEL}>{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-2">
        {children({
          "aria-invalid": error ? true : undefined,
          "aria-describedby": describedBy(error && errorId),
        })}
      </div>
      <ErrorText id={errorId} error={error} />
    </fieldset>
  );
}

function Option({ label, ...input }: { label: ReactNode } & React.ComponentProps<"input">) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input {...input} />
      {label}
    </label>
  );
}

export function RepeatPanel() {
  const { control, register } = useFormContext<TaskFormValues>();
  const { errors } = useFormState({ control, name: "repeat" });
  const [frequency, ends, local] = useWatch({
    control,
    name: ["repeat.frequency", "repeat.ends", "scheduledLocal"],
  });
  const position = weekdayPosition(local.slice(0, 10));

  return (
    <div className="space-y-4 rounded border border-slate-200 p-4">
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label="Frequency" path="repeat.frequency" {...register("repeat.frequency")}>
          <option value="daily">Daily</option>
          <option value="weekly">Weekly</option>
          <option value="monthly">Monthly</option>
        </SelectField>
        <InputField
          label={`Every (${UNITS[frequency ?? "weekly"]})`}
          path="repeat.interval"
          type="number"
          min={1}
          max={REPEAT_LIMITS.intervalMax}
          inputMode="numeric"
          autoComplete="off"
          error={errorAt(errors, "repeat.interval")}
          {...register("repeat.interval")}
        />
      </div>

      {frequency === "weekly" ? (
        <Group legend="On" path="repeat.weekdays" error={errorAt(errors, "repeat.weekdays")}>
          {(aria) =>
            WEEKDAYS.map((day) => (
              <Option
                key={day}
                type="checkbox"
                label={WEEKDAY_NAMES[day]}
                value={day}
                {...aria}
                {...register("repeat.weekdays")}
              />
            ))
          }
        </Group>
      ) : null}

      {frequency === "monthly" ? (
        <Group legend="On" path="repeat.monthlyBy" error={errorAt(errors, "repeat.monthlyBy")}>
          {(aria) => (
            <>
              <Option
                type="radio"
                value="dayOfMonth"
                label={position ? `On day ${position.day}` : "On the same day"}
                {...aria}
                {...register("repeat.monthlyBy")}
              />
              <Option
                type="radio"
                value="nthWeekday"
                label={
                  position
                    ? `On ${describeWeekdayOfMonth(position.nth, position.weekday)}`
                    : "On the same weekday"
                }
                {...aria}
                {...register("repeat.monthlyBy")}
              />
              {position?.isLast ? (
                <Option
                  type="radio"
                  value="lastWeekday"
                  label={`On ${describeWeekdayOfMonth(-1, position.weekday)}`}
                  {...aria}
                  {...register("repeat.monthlyBy")}
                />
              ) : null}
            </>
          )}
        </Group>
      ) : null}
      {frequency === "monthly" && position && (position.day > 28 || position.nth === 5) ? (
        <p className="text-xs text-slate-500">
          Months without that day are skipped, and do not count as an occurrence.
        </p>
      ) : null}

      <Group legend="Ends" path="repeat.ends" error={errorAt(errors, "repeat.ends")}>
        {(aria) => (
          <>
            <Option
              type="radio"
              value="count"
              label="After a number of occurrences"
              {...aria}
              {...register("repeat.ends")}
            />
            <Option
              type="radio"
              value="until"
              label="On a date"
              {...aria}
              {...register("repeat.ends")}
            />
            <Option
              type="radio"
              value="never"
              label="Never"
              {...aria}
              {...register("repeat.ends")}
            />
          </>
        )}
      </Group>
      <div className="grid gap-3 sm:grid-cols-2">
        {ends === "count" ? (
          <InputField
            label="Occurrences"
            path="repeat.count"
            type="number"
            min={1}
            max={REPEAT_LIMITS.countMax}
            inputMode="numeric"
            autoComplete="off"
            hint={`Including the first; at most ${REPEAT_LIMITS.countMax}.`}
            error={errorAt(errors, "repeat.count")}
            {...register("repeat.count")}
          />
        ) : null}
        {ends === "until" ? (
          <InputField
            label="End date"
            path="repeat.until"
            type="date"
            hint="The last day an occurrence may fall on, in the schedule's time zone."
            error={errorAt(errors, "repeat.until")}
            {...register("repeat.until")}
          />
        ) : null}
      </div>
      <NextOccurrences />
    </div>
  );
}
