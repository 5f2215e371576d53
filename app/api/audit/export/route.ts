import { AUDIT_EXPORT_LIMIT, auditFiltersSchema } from "@/lib/audit/trail";
import { AUDIT_CSV_HEADER, auditCsvLine } from "@/lib/server/audit/csv";
import { auditScopeFor, countAuditEvents, iterateAuditEvents } from "@/lib/server/audit/query";
import { recordAuditEvent } from "@/lib/server/audit/store";
import { defineRoute } from "@/lib/server/route";

/**
 * The audit trail as CSV, with the page's filters and the same scope rule (a reader without
 * audit.read.all gets only their own rows). Streamed in batches, at most AUDIT_EXPORT_LIMIT rows,
 * newest first; when cut, the X-Audit-Export-Truncated header says so and the page warns first.
 */
export const GET = defineRoute({
  name: "audit.export",
  permission: "audit.read.own",
  query: auditFiltersSchema,
  run: async ({ db, user, actor, query }) => {
    const { page: _page, ...filters } = query;
    const scope = auditScopeFor(user);
    // Taking a copy of the trail is itself worth a record; written first, so the count below and
    // the file agree (the record is in the file when it matches the filters).
    await recordAuditEvent(db, {
      action: "audit.export",
      outcome: "success",
      actor,
      detail: { filters, limit: AUDIT_EXPORT_LIMIT },
    });
    const total = await countAuditEvents(db, filters, scope);
    const rows = Math.min(total, AUDIT_EXPORT_LIMIT);

    const batches = iterateAuditEvents(db, filters, scope, { limit: AUDIT_EXPORT_LIMIT });
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        // The BOM lets spreadsheet programs read the file as UTF-8.
        controller.enqueue(encoder.encode(`\uFEFF${AUDIT_CSV_HEADER}`));
      },
      async pull(controller) {
        const next = await batches.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(next.value.map(auditCsvLine).join("")));
      },
      async cancel() {
        await batches.return(undefined);
      },
    });

    const day = new Date().toISOString().slice(0, 10);
    return new Response(stream, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="audit-${day}.csv"`,
        "Cache-Control": "no-store",
        "X-Audit-Export-Rows": String(rows),
        ...(total > rows ? { "X-Audit-Export-Truncated": `${rows} of ${total}` } : {}),
      },
    });
  },
});
