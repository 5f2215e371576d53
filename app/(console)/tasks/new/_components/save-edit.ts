import type { ComposerEdit } from "@/lib/composer-contract";
import type { ActionResult } from "@/lib/errors";
import type { TaskFormValues } from "@/lib/task/schema";

import type { SubmitOutcome } from "./submit-outcome";
import { editHeldTaskValues } from "../../actions/held-task";
import { editSeriesValues } from "../../actions/series";

/** The submit button of each kind of edit. */
export const EDIT_LABELS: Record<ComposerEdit["kind"], string> = {
  held: "Save held task",
  series: "Save series",
};

/** The actions' field paths are under "values."; the form's are not. */
function atFormFields<T extends ActionResult<unknown>>(result: T): T {
  if (result.ok) return result;
  const fieldErrors = Object.fromEntries(
    Object.entries(result.fieldErrors).map(([path, messages]) => [
      path.replace(/^values\./, ""),
      messages,
    ]),
  );
  return { ...result, fieldErrors };
}

/**
 * The composer's submit while editing what the console holds, answered as a start is: a held
 * task's new times ("held"), or how many of a series' occurrences changed ("series"; a new
 * series when the timing changed).
 */
export async function saveEdit(
  editing: ComposerEdit,
  values: TaskFormValues,
): Promise<ActionResult<SubmitOutcome>> {
  if (editing.kind === "held") {
    const result = atFormFields(await editHeldTaskValues({ id: editing.id, values }));
    if (!result.ok) return result;
    return {
      ok: true,
      data: {
        kind: "held",
        heldTaskId: result.data.id,
        scheduledAt: result.data.scheduledAt,
        releaseAt: result.data.releaseAt,
        clientToken: values.clientToken,
      },
    };
  }
  const result = atFormFields(
    await editSeriesValues({
      id: editing.id,
      fromHeldTaskId: editing.fromHeldTaskId,
      shownHeldTaskId: editing.shownHeldTaskId,
      values,
    }),
  );
  if (!result.ok) return result;
  return {
    ok: true,
    data: {
      kind: "series",
      seriesId: result.data.id,
      occurrences: result.data.changed,
      firstAt: null,
      continues: result.data.continues,
      clientToken: values.clientToken,
    },
  };
}
