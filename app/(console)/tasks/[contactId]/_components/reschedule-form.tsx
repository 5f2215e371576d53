"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { type Resolver, useForm, useWatch } from "react-hook-form";
import type { z } from "zod";

import { ConfirmDialog } from "@/components/confirm-dialog";
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
import { currentTimeZone, instantToZonedLocal, zonedLocalToInstant } from "@/lib/task/zoned-time";

import type { ChangeOutcome } from "./task-changes";
import { rescheduleTask } from "../../actions/reschedule-task";

type RescheduleValues = z.input<typeof rescheduleToTimeSchema>;
const FIELDS = ["scheduledLocal", "timeZone"] as const;

/** The date a held copy waits for, as the page's reader reads it. */
const heldUntil = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(
    at,
  );

/**
 * Moves a scheduled task to a wall-clock time in a chosen zone, the composer's way: the browser
 * checks the time as the user types (createRescheduleSchema, up to SCHEDULE_MAX_DAYS), the action
 * checks it again. A time beyond Connect's horizon is sent only after a confirmation: Connect
 * cannot schedule that far, so the console stops the task there and holds a copy.
 */
export function RescheduleForm({
  instanceId,
  contactId,
  scheduledAt,
  reschedulesUsed,
  horizonSeconds,
  maxSeconds,
  onOutcome,
}: {
  instanceId: string;
  contactId: string;
  scheduledAt: string | null;
  reschedulesUsed: number;
  horizonSeconds: number;
  maxSeconds: number;
  onOutcome: (outcome: ChangeOutcome) => void;
}) {
  const router = useRouter();
  // The browser validates "mode: at" values only; the schema's output is the whole union.
  const resolver = useMemo(
    () =>
      zodResolver(
        createRescheduleSchema({ now: () => new Date(), horizonSeconds, maxSeconds }),
      ) as unknown as Resolver<RescheduleValues>,
    [horizonSeconds, maxSeconds],
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
  // Values waiting for the stop-and-hold confirmation; the form keeps them if it is dismissed.
  const [pending, setPending] = useState<{ values: RescheduleValues; at: Date } | null>(null);

  // The server renders UTC; the browser then offers its own zone, at the task's current time.
  useEffect(() => {
    const zone = currentTimeZone();
    if (!zone || zone === "UTC") return;
    setValue("timeZone", zone);
    if (scheduledAt) setValue("scheduledLocal", instantToZonedLocal(new Date(scheduledAt), zone));
  }, [scheduledAt, setValue]);

  async function send(values: RescheduleValues) {
    const at = zonedLocalToInstant(values.scheduledLocal, values.timeZone);
    if (
      !values.holdBeyondHorizon &&
      at.ok &&
      at.instant.getTime() > Date.now() + horizonSeconds * 1000
    ) {
      setPending({ values, at: at.instant });
      return;
    }
    const result = await submit.mutateAsync(values);
    setPending(null);
    if (result.ok) {
      const { heldTaskId } = result.data;
      onOutcome(
        heldTaskId && at.ok
          ? {
              tone: "success",
              message: `Stopped in Connect and held until ${heldUntil(at.instant, values.timeZone)}.`,
              link: {
                href: `/tasks/${encodeURIComponent(heldTaskId)}`,
                label: "Open the held task",
              },
            }
          : { tone: "success", message: result.data.message },
      );
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

  // The dialog stays outside the form: its own form nested in this one would submit the page.
  return (
    <>
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
          Pick a new time. Up to {days} days ahead it stays in Connect; further ahead (up to{" "}
          {horizonDays(maxSeconds)} days) the console stops it in Connect and holds a copy, after
          you confirm.{" "}
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
      <ConfirmDialog
        isOpen={pending !== null}
        title={`Stop this task in Connect and hold it until ${pending ? heldUntil(pending.at, pending.values.timeZone) : ""}?`}
        confirmLabel="Stop and hold"
        dismissLabel="Keep it in Connect"
        isPending={submit.isPending}
        onConfirm={() => {
          if (!pending || isSending.current) return;
          isSending.current = true;
          void send({ ...pending.values, holdBeyondHorizon: true }).finally(() => {
            isSending.current = false;
          });
        }}
        onClose={() => setPending(null)}
      >
        <p className="text-sm text-slate-700">
          Amazon Connect cannot schedule a task more than {days} days ahead. The console stops
          (cancels) this task in Connect now and holds a copy with the new time. It sends the copy
          back to Connect once its time is inside those {days} days, as a new contact with a new
          contact id.
        </p>
      </ConfirmDialog>
    </>
  );
}
