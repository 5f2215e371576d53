import type { Metadata } from "next";

import { Pagination } from "@/components/pagination";
import { AUDIT_EXPORT_LIMIT, auditFiltersQuery, auditFiltersSchema } from "@/lib/audit/trail";
import { hasPermission } from "@/lib/permissions";
import { fieldErrorsOf } from "@/lib/server/action";
import { auditScopeFor, listAuditEvents } from "@/lib/server/audit/query";
import { requirePageUser } from "@/lib/server/auth/authorise";
import { getDb } from "@/lib/server/db";
import { firstValues } from "@/lib/url-filters";

import { AuditFilters } from "./_components/audit-filters";
import { AuditTable } from "./_components/audit-table";

export const metadata: Metadata = { title: "Audit trail" };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser("audit.read.own");
  const values = firstValues(await searchParams);
  const parsed = auditFiltersSchema.safeParse(values);
  const scope = auditScopeFor(user);
  const result = parsed.success ? await listAuditEvents(await getDb(), parsed.data, scope) : null;

  return (
    <section aria-labelledby="audit-title" className="space-y-5">
      <div>
        <h1 id="audit-title" className="text-2xl font-semibold">
          Audit trail
        </h1>
        <p className="mt-1 text-slate-600">
          {scope.canReadAll
            ? "Every sign-in, change and Amazon Connect call made through the console."
            : "You see your own events only."}{" "}
          Times are shown in your time zone (hover for UTC); the date filters use UTC days.
        </p>
      </div>
      <AuditFilters values={values} errors={parsed.success ? {} : fieldErrorsOf(parsed.error)} />
      {result && parsed.success ? (
        <>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p role="status" className="text-sm text-slate-700">
              {result.total === 0
                ? "No audit events match these filters."
                : `${result.total} ${result.total === 1 ? "event" : "events"} match.`}
            </p>
            {result.total > 0 ? (
              <p className="text-sm">
                {/* A plain link: a download, never prefetched. */}
                <a
                  href={`/api/audit/export?${auditFiltersQuery({ ...parsed.data, page: undefined })}`}
                  className="text-brand-700 underline"
                >
                  Export CSV
                </a>
                {result.total > AUDIT_EXPORT_LIMIT ? (
                  <span className="ml-2 text-slate-600">
                    (the newest {AUDIT_EXPORT_LIMIT.toLocaleString("en")} of {result.total} rows;
                    narrow the filters for the rest)
                  </span>
                ) : null}
              </p>
            ) : null}
          </div>
          {result.total > 0 ? (
            <>
              <AuditTable
                events={result.events}
                canReconcile={hasPermission(user.role, "audit.reconcile")}
                caption={`Audit events ${(result.page - 1) * result.pageSize + 1}–${
                  (result.page - 1) * result.pageSize + result.events.length
                } of ${result.total}, newest first`}
              />
              <Pagination
                page={result.page}
                pageCount={result.pageCount}
                href={(page) => {
                  const query = auditFiltersQuery({ ...parsed.data, page });
                  return query ? `/audit?${query}` : "/audit";
                }}
              />
            </>
          ) : null}
        </>
      ) : (
        <p role="alert" className="text-sm text-red-700">
          Some filters need attention; fix them to see the events.
        </p>
      )}
    </section>
  );
}
