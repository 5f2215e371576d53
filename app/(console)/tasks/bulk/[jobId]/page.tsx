import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";

import { QueryProvider } from "@/components/query-provider";
import { AppError } from "@/lib/errors";
import { requirePageUser } from "@/lib/server/auth/authorise";
import { bulkJobView } from "@/lib/server/bulk/jobs";
import { getDb } from "@/lib/server/db";

import { BulkJobProgress } from "./_components/bulk-job-progress";

export const metadata: Metadata = { title: "Bulk job" };

/** A bulk job's live progress; the job itself runs in the background, whether this page is open or not. */
export default async function BulkJobPage({
  params,
  searchParams,
}: {
  params: Promise<{ jobId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser("task.bulk");
  const { jobId } = await params;
  if (!z.uuid().safeParse(jobId).success) notFound();
  const db = await getDb();
  let view;
  try {
    view = await bulkJobView(db, jobId, user);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const isEarlier = (await searchParams).earlier === "1";
  return (
    <section aria-labelledby="bulk-job-title" className="space-y-6">
      <div>
        <h1 id="bulk-job-title" className="text-2xl font-semibold">
          Bulk job: {view.fileName}
        </h1>
        {isEarlier ? (
          <p role="note" className="mt-2 rounded bg-amber-50 p-3 text-amber-900">
            This file was uploaded before: here is the job it made. Nothing was sent again.
          </p>
        ) : null}
      </div>
      <QueryProvider>
        <BulkJobProgress initial={view} />
      </QueryProvider>
    </section>
  );
}
