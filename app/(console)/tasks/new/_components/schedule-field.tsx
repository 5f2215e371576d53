"use client";

import { useFormContext, useFormState, useWatch } from "react-hook-form";

import { Choice, ChoiceGroup } from "@/components/fields/choices";
import { InputField, RequiredMark } from "@/components/fields/controls";
import { errorAt } from "@/components/fields/error-at";
import { Section } from "@/components/section";
import { ScheduleSummary, TimeZoneField } from "@/components/zoned-schedule";
import type { TemplateFieldDefinition } from "@/lib/connect/lookups";
import { horizonDays } from "@/lib/task/limits";
import type { TaskFormValues } from "@/lib/task/schema";

import { RepeatField } from "./repeat-field";

export function ScheduleField({
  canSchedule,
  horizonSeconds,
  maxSeconds,
  templateField,
}: {
  canSchedule: boolean;
  horizonSeconds: number;
  maxSeconds: number;
  templateField: TemplateFieldDefinition | undefined;
}) {
  const { control, register, setValue } = useFormContext<TaskFormValues>();
  const { errors } = useFormState({ control });
  const [mode, local, timeZone] = useWatch({
    control,
    name: ["scheduleMode", "scheduledLocal", "timeZone"],
  });
  const days = horizonDays(horizonSeconds);
  const maxDays = horizonDays(maxSeconds);
  const scheduleError = errorAt(errors, "scheduledLocal");
  // Shown at the Repeat checkbox while it is there, above it when "Start now" hides it.
  const repeatError = errorAt(errors, "repeat");

  return (
    <Section
      id="schedule"
      title="Schedule"
      description={
        maxDays > days
          ? `Start the task now, or schedule it up to ${maxDays} days ahead. Amazon Connect takes tasks at most ${days} days ahead: the console holds a later one and sends it to Connect once it is ${days} days away.`
          : `Start the task now, or schedule it up to ${days} days ahead.`
      }
    >
      <ChoiceGroup
        legend={
          <>
            When{templateField?.isRequired ? <RequiredMark /> : null}
            {templateField ? (
              <span className="font-normal text-slate-500">
                {" "}
                (template field “{templateField.name}”)
              </span>
            ) : null}
          </>
        }
        note={
          canSchedule ? null : (
            <p id="schedule-not-allowed" className="mt-2 text-sm text-slate-600">
              Your role cannot schedule tasks; ask a supervisor or a team lead.
            </p>
          )
        }
      >
        <Choice label="Start now" value="now" {...register("scheduleMode")} />
        <Choice
          label="Schedule"
          value="later"
          disabled={!canSchedule}
          aria-describedby={canSchedule ? undefined : "schedule-not-allowed"}
          {...register("scheduleMode")}
        />
      </ChoiceGroup>
      {mode !== "later" && scheduleError ? (
        <p className="text-sm text-red-700">{scheduleError.join(" ")}</p>
      ) : null}
      {mode !== "later" && repeatError ? (
        <p className="text-sm text-red-700">{repeatError.join(" ")}</p>
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
        <TimeZoneField
          label="Time zone"
          path="timeZone"
          hint="For the schedule and for DATE references."
          error={errorAt(errors, "timeZone")}
          registration={register("timeZone")}
          value={timeZone}
          onZoneChange={() => {
            if (local) setValue("scheduledLocal", local, { shouldValidate: true });
          }}
        />
      </div>
      {mode === "later" && local ? <ScheduleSummary local={local} timeZone={timeZone} /> : null}
      {mode === "later" ? <RepeatField /> : null}
    </Section>
  );
}
