import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { QueryProvider } from "@/components/query-provider";
import { requirePageUser } from "@/lib/server/auth/authorise";
import { now as consoleNow } from "@/lib/server/clock";
import { getDb } from "@/lib/server/db";
import { loadSeriesPage } from "@/lib/server/tasks/series-page";
import { timingFrom } from "@/lib/server/tasks/series-timing";
import { heldTaskIdSchema } from "@/lib/task/held";
import { seriesIdSchema } from "@/lib/task/series";
import { firstValues } from "@/lib/url-filters";

import { ContactNotFound } from "../../../[contactId]/_components/contact-not-found";
import { editComposerProps } from "../../../_components/edit-composer-props";
import { TaskComposer } from "../../../new/_components/task-composer";

export const metadata: Metadata = { title: "Edit series" };

/**
 * A series' values in the composer: saved to the occurrences the console still holds, from the
 * one in `?from=` on (or all of them), and to every occurrence made later. The schedule shows
 * the timing from the first occurrence the edit changes (what remains of a counted end): kept,
 * each occurrence keeps its time and ClientToken; changed, the series continues as a new one
 * from there (lib/server/tasks/series-timing.ts).
 */
export default async function EditSeriesPage({
  params,
  searchParams,
}: {
  params: Promise<{ seriesId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser("task.manage.own");
  const { seriesId } = await params;
  if (!seriesIdSchema.safeParse(seriesId).success) notFound();
  const from = heldTaskIdSchema.safeParse(firstValues(await searchParams).from);
  const page = await loadSeriesPage(await getDb(), user, seriesId);
  if (!page)
    return <ContactNotFound contactId={seriesId} reason="There is no series with this id." />;
  // The form shows the first occurrence still held and still ahead, from `?from=` on: one whose
  // time passed (a failed release, a paused one) cannot be the form's schedule.
  const current = consoleNow();
  const waiting = page.occurrences.filter((occurrence) => occurrence.isWaiting);
  const fromIndex = from.success
    ? waiting.findIndex((occurrence) => occurrence.heldTaskId === from.data)
    : 0;
  const start =
    fromIndex < 0
      ? undefined
      : waiting.slice(fromIndex).find((occurrence) => occurrence.scheduledAt > current);
  if (page.changeRefusal || page.series.state === "ended" || !start) {
    return (
      <ContactNotFound
        contactId={seriesId}
        reason={
          page.changeRefusal ??
          "This series has no occurrence the console still holds from there on; nothing to edit."
        }
      />
    );
  }
  const values = { ...page.values, ...timingFrom(page.series, start).timing };
  const props = await editComposerProps(user.role, values, {
    kind: "series",
    id: seriesId,
    fromHeldTaskId: from.success ? from.data : null,
    shownHeldTaskId: start.heldTaskId,
  });
  return (
    <section aria-labelledby="edit-series-title" className="space-y-6">
      <div>
        <h1 id="edit-series-title" className="text-2xl font-semibold">
          {from.success ? "Edit this and the following occurrences" : "Edit the whole series"}
        </h1>
        <p className="mt-1 text-slate-600">
          Your changes apply to{" "}
          {from.success
            ? "this occurrence, the following ones"
            : "every occurrence the console still holds"}{" "}
          and those made later; each keeps its time. If you change the schedule (the time, the
          zone, how it repeats or when it ends), the series ends before the occurrence shown
          here and continues as a new series with the new timing. Occurrences already in Amazon Connect are not changed.
        </p>
      </div>
      <QueryProvider>
        <TaskComposer {...props} />
      </QueryProvider>
    </section>
  );
}
