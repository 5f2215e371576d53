"use client";

import { type FormEvent, useState } from "react";

import { PRIMARY_BUTTON } from "@/components/fields/classes";
import { InputField, SelectField } from "@/components/fields/controls";
import { BULK_OFFSETS, createRescheduleSchema, rescheduleByOffsetSchema } from "@/lib/task/changes";
import { type TaskListItem } from "@/lib/task/list";

const CUSTOM = "custom";
const MAX_NAMED = 3;

export interface BulkMove {
  offsetMinutes: number;
  /** "1 hour later", "+90 minutes": how the run's title describes the move. */
  description: string;
}

/**
 * Checks an offset against every selected task before anything is sent: the number itself once,
 * then the horizon per task (on this browser's clock; the server checks again on its own).
 */
function moveProblems(
  tasks: TaskListItem[],
  minutes: number,
  horizonSeconds: number,
  maxSeconds: number,
): string[] {
  const number = rescheduleByOffsetSchema.shape.offsetMinutes.safeParse(minutes);
  if (!number.success) return [number.error.issues[0]?.message ?? "Enter a number of minutes."];
  const schema = createRescheduleSchema({ now: () => new Date(), horizonSeconds });
  // A held task may move anywhere up to the maximum (the console keeps it until the horizon).
  const heldSchema = createRescheduleSchema({ now: () => new Date(), horizonSeconds: maxSeconds });
  // One line per distinct problem, naming the tasks it stops, so a large batch stays readable.
  const byProblem = new Map<string, string[]>();
  for (const task of tasks) {
    const parsed = (task.kind === "held" ? heldSchema : schema).safeParse({
      instanceId: task.instanceId,
      contactId: task.id,
      mode: "offset",
      offsetMinutes: minutes,
      fromScheduledAt: task.scheduledAt ?? "",
    });
    if (parsed.success) continue;
    const problem = parsed.error.issues[0]?.message ?? "This task cannot be moved.";
    byProblem.set(problem, [...(byProblem.get(problem) ?? []), `“${task.name}”`]);
  }
  if (byProblem.size === 0) return [];
  return [
    "Nothing was moved.",
    ...[...byProblem].map(([problem, names]) => {
      const more = names.length - MAX_NAMED;
      const listed = names.slice(0, MAX_NAMED).join(", ") + (more > 0 ? ` and ${more} more` : "");
      return `${problem.replace(/\.$/, "")}: ${listed}.`;
    }),
  ];
}

export function BulkMoveForm({
  tasks,
  horizonSeconds,
  maxSeconds,
  onMove,
}: {
  tasks: TaskListItem[];
  horizonSeconds: number;
  maxSeconds: number;
  onMove: (move: BulkMove) => void;
}) {
  const [choice, setChoice] = useState<string>(String(BULK_OFFSETS[1].minutes));
  const [custom, setCustom] = useState("");
  const [errors, setErrors] = useState<{ offset?: string[]; custom?: string[] }>({});
  const isCustom = choice === CUSTOM;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = custom.trim();
    const minutes = isCustom ? (text === "" ? Number.NaN : Number(text)) : Number(choice);
    const problems = moveProblems(tasks, minutes, horizonSeconds, maxSeconds);
    if (problems.length > 0) {
      setErrors(isCustom ? { custom: problems } : { offset: problems });
      return;
    }
    setErrors({});
    const preset = BULK_OFFSETS.find((offset) => offset.minutes === minutes);
    onMove({
      offsetMinutes: minutes,
      description: preset ? preset.label : `${minutes > 0 ? "+" : ""}${minutes} minutes`,
    });
  }

  return (
    <form
      aria-label="Move selected tasks"
      noValidate
      onSubmit={onSubmit}
      className="flex flex-wrap items-start gap-3"
    >
      <div className="w-48">
        <SelectField
          label="Move by"
          path="bulk-offset"
          name="offset"
          error={errors.offset}
          value={choice}
          onChange={(event) => {
            setChoice(event.target.value);
            setErrors({});
          }}
        >
          {BULK_OFFSETS.map((offset) => (
            <option key={offset.minutes} value={offset.minutes}>
              {offset.label}
            </option>
          ))}
          <option value={CUSTOM}>Another offset…</option>
        </SelectField>
      </div>
      {isCustom ? (
        <div className="w-full max-w-sm">
          <InputField
            label="Offset in minutes"
            name="bulk-custom-minutes"
            inputMode="numeric"
            autoComplete="off"
            hint="Whole minutes; negative moves earlier."
            value={custom}
            onChange={(event) => setCustom(event.target.value)}
            error={errors.custom}
          />
        </div>
      ) : null}
      <button type="submit" disabled={tasks.length === 0} className={`${PRIMARY_BUTTON} mt-6`}>
        Move selected
      </button>
    </form>
  );
}
