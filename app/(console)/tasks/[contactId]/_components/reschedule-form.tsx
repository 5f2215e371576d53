"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef } from "react";
import { type Resolver, useForm, useWatch } from "react-hook-form";
import type { z } from "zod";

import { PRIMARY_BUTTON } from "@/components/fields/classes";
import { InputField } from "@/components/fields/controls";
import { errorAt } from "@/components/fields/error-at";
import { ScheduleSummary, TimeZoneField } from "@/components/zoned-schedule";
import {
  type RescheduleTaskInput,
  createRescheduleSchema,
  type rescheduleToTimeSchema,
} from "@/lib/task/changes";
import { TASK_LIMITS, horizonDays } from "@/lib/task/limits";
import { currentTimeZone, instantToZonedLocal } from "@/lib/task/zoned-time";

import type { ChangeOutcome } from "./task-changes";
import { rescheduleTask } from "../../actions/reschedule-task";

type RescheduleValues = z.input<typeof rescheduleToTimeSchema>;
const FIELDS = ["scheduledLocal", "timeZone"] as const;

/**
 * Moves a scheduled task to a wall-clock time in a chosen zone, the composer's way: the browser
 * checks the horizon as the user types (createRescheduleSchema), the action checks it again.
 */
export function RescheduleForm({
  instanceId,
  contactId,
  scheduledAt,
  reschedulesUsed,
  horizonSeconds,
  onOutcome,
}: {
  instanceId: string;
  contactId: string;
  scheduledAt: string | null;
  reschedulesUsed: number;
  horizonSeconds: number;
  onOutcome: (outcome: ChangeOutcome) => void;
}) {
  const router = useRouter();
  // The browser validates "mode: at" values only; the schema's output is the whole union.
  const resolver = useMemo(
    () =>
      zodResolver(
        createRescheduleSchema({ now: () => new Date(), horizonSeconds }),
      ) as unknown as Resolver<RescheduleValues>,
    [horizonSeconds],
  );
  const { control, register, setValue, setError, handleSubmit, formState } =
    useForm<RescheduleValues>({
      resolver,
      mode: "onChange",
      defaultValues: {
        instanceId,
        contactId,
        mode: "at",
        timeZone: "UTC",
        scheduledLocal: scheduledAt ? instantToZonedLocal(new Date(scheduledAt), "UTC") : "",
      },
    });
  const [local, timeZone] = useWatch({ control, name: ["scheduledLocal", "timeZone"] });
  const submit = useMutation({
    mutationFn: (values: RescheduleTaskInput) => rescheduleTask(values),
  });
  const isSending = useRef(false);

  // The server renders UTC; the browser then offers its own zone, at the task's current time.
  useEffect(() => {
    const zone = currentTimeZone();
    if (!zone || zone === "UTC") return;
    setValue("timeZone", zone);
    if (scheduledAt) setValue("scheduledLocal", instantToZonedLocal(new Date(scheduledAt), zone));
  }, [scheduledAt, setValue]);

  async function send(values: RescheduleValues) {
    const result = await submit.mutateAsync(values);
    if (result.ok) {
      onOutcome({ tone: "success", message: result.data.message });
      router.refresh();
      return;
    }
    for (const [path, messages] of Object.entries(result.fieldErrors)) {
      if ((FIELDS as readonly string[]).includes(path))
        setError(path as (typeof FIELDS)[number], { type: "server", message: messages.join(" ") });
    }
    onOutcome({ tone: "problem", message: result.formError });
  }

  const days = horizonDays(horizonSeconds);

  return (
    <form
      noValidate
      aria-label="Reschedule"
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        // A second click while the first is still running must not move the task twice.
        if (isSending.current) return;
        isSending.current = true;
        void handleSubmit(send)(event).finally(() => {
          isSending.current = false;
        });
      }}
    >
      <h3 className="font-medium">Reschedule</h3>
      <p className="text-sm text-slate-600">
        Pick a new time up to {days} days ahead.{" "}
        <span className="font-medium text-slate-800">
          {reschedulesUsed} of {TASK_LIMITS.reschedulesPerTask} reschedules used
        </span>{" "}
        (as far as the console knows: Connect allows {TASK_LIMITS.reschedulesPerTask} per task and
        cannot count them).
      </p>
      <fieldset disabled={submit.isPending} className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-2">
          <InputField
            label="New date and time"
            path="reschedule-local"
            type="datetime-local"
            error={errorAt(formState.errors, "scheduledLocal")}
            {...register("scheduledLocal")}
          />
          <TimeZoneField
            label="Time zone"
            path="reschedule-zone"
            error={errorAt(formState.errors, "timeZone")}
            registration={register("timeZone")}
            value={timeZone}
            onZoneChange={() => {
              if (local) setValue("scheduledLocal", local, { shouldValidate: true });
            }}
          />
        </div>
        {local ? <ScheduleSummary local={local} timeZone={timeZone} /> : null}
        <button type="submit" className={PRIMARY_BUTTON}>
          {submit.isPending ? "Rescheduling…" : "Reschedule"}
        </button>
      </fieldset>
    </form>
  );
}
