import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { LocalTime } from "@/components/local-time";
import { QueryProvider } from "@/components/query-provider";
import { requirePageUser } from "@/lib/server/auth/authorise";
import { getDb } from "@/lib/server/db";
import { loadSeriesPage } from "@/lib/server/tasks/series-page";
import { SERIES_STATE_LABELS, seriesIdSchema } from "@/lib/task/series";

import { OccurrenceTable } from "./_components/occurrence-table";
import { SeriesControls } from "./_components/series-controls";
import { ContactNotFound } from "../../[contactId]/_components/contact-not-found";

export const metadata: Metadata = { title: "Series" };

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 sm:grid-cols-[12rem_1fr]">
      <dt className="font-medium text-slate-600">{term}</dt>
      <dd className="[overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

function SeriesLink({ id }: { id: string }) {
  return (
    <Link href={`/tasks/series/${encodeURIComponent(id)}`} className="font-mono underline">
      {id}
    </Link>
  );
}

/**
 * A recurring task: its values, its rule in words, and every occurrence made so far with its
 * state; skip or edit one occurrence, pause, resume or end the series (ending may also cancel
 * the occurrences already in Connect, through each task's own cancel action).
 */
export default async function SeriesPage({ params }: { params: Promise<{ seriesId: string }> }) {
  const user = await requirePageUser("task.read.own");
  const { seriesId } = await params;
  if (!seriesIdSchema.safeParse(seriesId).success) notFound();
  const page = await loadSeriesPage(await getDb(), user, seriesId);
  if (!page)
    return <ContactNotFound contactId={seriesId} reason="There is no series with this id." />;
  const { series, values } = page;
  const canChange = !page.changeRefusal && series.state !== "ended";
  return (
    <section aria-labelledby="series-title" className="space-y-6">
      <div className="space-y-2">
        <h1 id="series-title" className="text-2xl font-semibold">
          {values.name || "(no name)"}
        </h1>
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium ring-1 ring-slate-200">
            Series: {SERIES_STATE_LABELS[series.state]}
          </span>
          <span>
            Series id <code className="font-mono">{series.id}</code>
          </span>
        </p>
      </div>
      <section aria-labelledby="series-facts-title" className="space-y-3">
        <h2 id="series-facts-title" className="text-lg font-medium">
          Repeats
        </h2>
        <dl className="space-y-2 text-sm">
          <Fact term="Rule">{page.ruleText}</Fact>
          {series.continuedAsId ? (
            <Fact term="Continued as">
              <SeriesLink id={series.continuedAsId} /> (its timing was changed from there on)
            </Fact>
          ) : null}
          {page.continues ? (
            <Fact term="Continues">
              <SeriesLink id={page.continues} />
            </Fact>
          ) : null}
          <Fact term="Occurrences made until">
            <LocalTime iso={series.materialisedUntil.toISOString()} /> (the console makes the next
            ones as time goes on)
          </Fact>
          <Fact term="Description">{values.description || "—"}</Fact>
          <Fact term="Instance">
            <code>{values.instanceId}</code>
          </Fact>
          <Fact term="Created by">
            {series.createdByEmail ?? "—"}, <LocalTime iso={series.createdAt.toISOString()} />
          </Fact>
        </dl>
      </section>
      <QueryProvider>
        {page.changeRefusal && series.state !== "ended" ? (
          <p className="text-sm text-slate-600">{page.changeRefusal}</p>
        ) : (
          <SeriesControls
            inConnect={page.occurrences.flatMap((occurrence) =>
              occurrence.state === "in_connect" && occurrence.contactId
                ? [{ contactId: occurrence.contactId, instanceId: occurrence.instanceId }]
                : [],
            )}
            id={series.id}
            name={values.name}
            state={series.state}
            canChange={canChange}
          />
        )}
        <OccurrenceTable
          seriesId={series.id}
          occurrences={page.occurrences}
          canChange={canChange}
        />
      </QueryProvider>
    </section>
  );
}
