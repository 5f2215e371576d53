"use client";

import { type ReactNode, useState } from "react";

import { SECONDARY_BUTTON } from "@/components/fields/classes";
import type { AgendaItem } from "@/lib/task/agenda-item";

import { AgendaTable } from "./agenda-table";
import { BulkCancelButton } from "./bulk-cancel-button";
import { type BulkMove, BulkMoveForm } from "./bulk-move-form";
import { BulkProgress } from "./bulk-progress";
import { useBulkRun } from "./use-bulk-run";
import { cancelTask } from "../../actions/cancel-task";
import { cancelHeldTaskFromAgenda, moveHeldTaskBy } from "../../actions/held-task";
import { rescheduleTask } from "../../actions/reschedule-task";

const count = (n: number) => `${n} ${n === 1 ? "task" : "tasks"}`;

/** The agenda as rows to pick from, with the bulk move and cancel over the picked ones. */
export function AgendaList({
  tasks,
  horizonSeconds,
  maxSeconds,
  empty,
}: {
  tasks: AgendaItem[];
  horizonSeconds: number;
  /** SCHEDULE_MAX_DAYS: how far a held task may be moved. */
  maxSeconds: number;
  /** Shown instead of the table when no task is scheduled. */
  empty: ReactNode;
}) {
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(new Set());
  const bulk = useBulkRun();
  // Only tasks still on the agenda count: a refresh drops the ones that left it.
  const selected = tasks.filter((task) => selectedIds.has(task.id));

  function toggle(id: string, isChecked: boolean) {
    const next = new Set(selectedIds);
    if (isChecked) next.add(id);
    else next.delete(id);
    setSelectedIds(next);
  }

  async function moveSelected(move: BulkMove) {
    const left = await bulk.start(
      `Move ${count(selected.length)}: ${move.description}`,
      selected,
      (task) =>
        // A held task is moved by the console alone; a Connect task by Connect.
        task.kind === "held"
          ? moveHeldTaskBy({
              id: task.id,
              offsetMinutes: move.offsetMinutes,
              fromScheduledAt: task.scheduledAt ?? "",
            })
          : rescheduleTask({
              instanceId: task.instanceId,
              contactId: task.id,
              mode: "offset",
              offsetMinutes: move.offsetMinutes,
              // The time on screen: a retry of a task that did move is answered "unchanged". A
              // task without one is refused by the action's schema, at that field.
              fromScheduledAt: task.scheduledAt ?? "",
            }),
    );
    setSelectedIds(new Set(left));
  }

  async function cancelSelected() {
    const left = await bulk.start(`Cancel ${count(selected.length)}`, selected, (task) =>
      task.kind === "held"
        ? cancelHeldTaskFromAgenda({ id: task.id })
        : cancelTask({ instanceId: task.instanceId, contactId: task.id }),
    );
    setSelectedIds(new Set(left));
  }

  return (
    <div className="space-y-4">
      {tasks.length === 0 ? null : (
        <section
          aria-label="Bulk actions"
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
        >
          <fieldset disabled={bulk.isRunning} className="space-y-3">
            <legend className="sr-only">Bulk actions</legend>
            <div className="flex flex-wrap items-center gap-3 text-sm">
              <p role="status" aria-label="Selection" className="font-medium text-slate-800">
                {selected.length === 0 ? "None selected" : `${selected.length} selected`}
              </p>
              <button
                type="button"
                onClick={() => setSelectedIds(new Set(tasks.map((task) => task.id)))}
                className={SECONDARY_BUTTON}
              >
                Select all
              </button>
              <button
                type="button"
                onClick={() => setSelectedIds(new Set())}
                className={SECONDARY_BUTTON}
              >
                Select none
              </button>
              <BulkCancelButton tasks={selected} onConfirm={cancelSelected} />
            </div>
            <BulkMoveForm
              tasks={selected}
              horizonSeconds={horizonSeconds}
              maxSeconds={maxSeconds}
              onMove={moveSelected}
            />
          </fieldset>
        </section>
      )}
      {bulk.run ? (
        <BulkProgress run={bulk.run} onStop={bulk.stop} onDismiss={bulk.dismiss} />
      ) : null}
      {tasks.length === 0 ? (
        empty
      ) : (
        <AgendaTable
          tasks={tasks}
          selectedIds={selectedIds}
          isDisabled={bulk.isRunning}
          onToggle={toggle}
        />
      )}
    </div>
  );
}
