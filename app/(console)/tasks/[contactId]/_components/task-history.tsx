import Link from "next/link";

import { ColumnHeaders } from "@/components/column-headers";
import { LocalTime } from "@/components/local-time";
import { AUDIT_OUTCOME_LABELS, type AuditEventView } from "@/lib/audit/trail";

import { PageSection } from "./page-section";

/** What happened to this contact through the console, from the audit trail, oldest first. */
export function TaskHistory({
  contactId,
  events,
  canReadAll,
}: {
  contactId: string;
  events: AuditEventView[];
  canReadAll: boolean;
}) {
  return (
    <PageSection
      id="history"
      title="History"
      description={
        <>
          {canReadAll
            ? "Everything done to this contact through the console."
            : "What you did to this contact through the console (you see your own entries only)."}{" "}
          <Link
            href={`/audit?q=${encodeURIComponent(contactId)}`}
            className="text-brand-700 underline"
          >
            Open in the audit trail
          </Link>
        </>
      }
    >
      {events.length === 0 ? (
        <p className="text-sm text-slate-600">No audit entries.</p>
      ) : (
        <div className="overflow-x-auto rounded border border-slate-200">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">History, oldest first</caption>
            <thead className="bg-slate-50 text-slate-600">
              <ColumnHeaders
                cellClassName="px-3 py-2 font-medium"
                columns={["When", "Action", "Outcome", "Who"]}
              />
            </thead>
            <tbody className="divide-y divide-slate-100">
              {events.map((event) => (
                <tr key={event.id}>
                  <td className="px-3 py-2 whitespace-nowrap">
                    <LocalTime iso={event.occurredAt} />
                  </td>
                  <td className="px-3 py-2 font-mono text-xs">{event.action}</td>
                  <td className="px-3 py-2">
                    {AUDIT_OUTCOME_LABELS[event.outcome]}
                    {event.errorMessage ? (
                      <span className="block text-xs text-slate-600">{event.errorMessage}</span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2 [overflow-wrap:anywhere]">
                    {event.actorEmail ?? "anonymous"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </PageSection>
  );
}
