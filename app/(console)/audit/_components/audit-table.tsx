import { ColumnHeaders } from "@/components/column-headers";
import { LocalTime } from "@/components/local-time";
import { AUDIT_OUTCOME_LABELS, type AuditEventView } from "@/lib/audit/trail";
import type { AuditOutcome } from "@/lib/server/db/schema/audit";

import { ReconcileButton } from "./reconcile-button";

const BADGE: Record<AuditOutcome, string> = {
  pending: "border-amber-300 bg-amber-50 text-amber-900",
  success: "border-emerald-300 bg-emerald-50 text-emerald-900",
  failure: "border-red-300 bg-red-50 text-red-900",
  unknown: "border-orange-400 bg-orange-50 text-orange-900",
  denied: "border-slate-400 bg-slate-100 text-slate-900",
};

export function formatAge(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86_400)} d`;
}

function Mono({ label, value }: { label: string; value: string | number | null }) {
  if (value === null) return null;
  return (
    <div>
      <span className="text-slate-500">{label}: </span>
      <span className="font-mono break-all">{value}</span>
    </div>
  );
}

function Json({ label, value }: { label: string; value: unknown }) {
  return (
    <div>
      <p className="font-medium text-slate-700">{label}</p>
      {value === null || value === undefined ? (
        <p className="text-slate-500">None recorded.</p>
      ) : (
        <pre className="mt-1 max-h-80 overflow-auto rounded bg-slate-50 p-2 text-xs">
          {JSON.stringify(value, null, 2)}
        </pre>
      )}
    </div>
  );
}

/** An aggregated row: how many events it stands for, and when the last one was. */
function RepeatNote({ event }: { event: AuditEventView }) {
  return (
    <p className="text-xs text-slate-700">
      <span className="font-medium tabular-nums">×{event.repeatCount}</span>
      <span className="sr-only"> events</span>
      {event.completedAt ? (
        <>
          , last <LocalTime iso={event.completedAt} />
        </>
      ) : null}
    </p>
  );
}

/** A row settled by a later attempt with the same ClientToken (detail.settled), or by reconcile. */
function settlementOf(detail: unknown): string | null {
  if (!detail || typeof detail !== "object") return null;
  if ("settled" in detail) return "Settled: a later attempt with the same ClientToken succeeded.";
  const reconciled = (detail as { reconciled?: { resolution?: unknown; from?: unknown } })
    .reconciled;
  if (
    reconciled &&
    typeof reconciled.from === "string" &&
    typeof reconciled.resolution === "string"
  )
    return `Reconciled (${reconciled.resolution}) from ${reconciled.from}.`;
  return null;
}

function OutcomeCell({ event, canReconcile }: { event: AuditEventView; canReconcile: boolean }) {
  const wait =
    event.isReconcilable || event.reconcilableInSeconds === null
      ? ""
      : ` (can be reconciled in ${formatAge(event.reconcilableInSeconds)})`;
  const settlement = settlementOf(event.detail);
  return (
    <div className="space-y-1">
      <span
        className={`inline-block rounded border px-2 py-0.5 text-xs font-medium ${BADGE[event.outcome]}`}
      >
        {AUDIT_OUTCOME_LABELS[event.outcome]}
      </span>
      {event.repeatCount > 1 ? <RepeatNote event={event} /> : null}
      {event.pendingSeconds !== null ? (
        <p className="text-xs text-amber-900">
          Pending for {formatAge(event.pendingSeconds)}
          {wait}
        </p>
      ) : null}
      {event.outcome === "unknown" ? (
        <p className="text-xs text-orange-900">
          Amazon Connect did not confirm whether this took effect{wait}.
        </p>
      ) : null}
      {settlement ? <p className="text-xs text-slate-600">{settlement}</p> : null}
      {canReconcile && event.isReconcilable ? <ReconcileButton eventId={event.id} /> : null}
    </div>
  );
}

export function AuditTable({
  events,
  canReconcile,
  caption,
}: {
  events: AuditEventView[];
  canReconcile: boolean;
  caption: string;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="px-3 py-2 text-left text-sm text-slate-600">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600 uppercase">
          <ColumnHeaders
            cellClassName="px-3 py-2"
            columns={["Time", "Actor", "Action", "Outcome", "Target", "Call", "Error", "Details"]}
          />
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {events.map((event) => (
            <tr
              key={event.id}
              className={
                event.outcome === "pending" || event.outcome === "unknown"
                  ? "bg-amber-50/50"
                  : undefined
              }
            >
              <td className="px-3 py-2 whitespace-nowrap">
                <LocalTime iso={event.occurredAt} />
              </td>
              <td className="min-w-52 px-3 py-2">
                <div className="[overflow-wrap:anywhere]">{event.actorEmail ?? "anonymous"}</div>
                {event.actorRole ? (
                  <div className="text-xs text-slate-500">{event.actorRole}</div>
                ) : null}
              </td>
              <td className="px-3 py-2 font-mono text-xs">{event.action}</td>
              <td className="px-3 py-2">
                <OutcomeCell event={event} canReconcile={canReconcile} />
              </td>
              <td className="px-3 py-2 text-xs">
                <Mono label="Target" value={event.targetId} />
                <Mono label="Contact" value={event.contactId} />
                <Mono label="Instance" value={event.instanceId} />
              </td>
              <td className="px-3 py-2 text-xs">
                <Mono label="ClientToken" value={event.clientToken} />
                <Mono label="AWS request" value={event.awsRequestId} />
                <Mono label="Attempts" value={event.attempts} />
              </td>
              <td className="px-3 py-2 text-xs">
                {event.errorName ? (
                  <>
                    <div className="font-mono font-medium">{event.errorName}</div>
                    {event.errorMessage ? <div>{event.errorMessage}</div> : null}
                  </>
                ) : null}
              </td>
              <td className="px-3 py-2 text-xs">
                <details>
                  <summary className="cursor-pointer text-slate-700">Details</summary>
                  <div className="mt-2 w-80 max-w-[80vw] space-y-2">
                    <Mono label="Event id" value={event.id} />
                    <Mono label="Actor id" value={event.actorId} />
                    <Mono label="IP address" value={event.ipAddress} />
                    <Mono label="User agent" value={event.userAgent} />
                    <div>
                      <span className="text-slate-500">Completed: </span>
                      {event.completedAt ? <LocalTime iso={event.completedAt} /> : "not yet"}
                    </div>
                    <Json label="Request (redacted)" value={event.request} />
                    <Json label="Detail" value={event.detail} />
                  </div>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
