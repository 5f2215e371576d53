import { LocalTime } from "@/components/local-time";
import { ROLE_LABELS, isRole } from "@/lib/permissions";
import type { TaskRecord } from "@/lib/server/tasks/task-record";

import { Fact, PageSection } from "./page-section";

/**
 * "What the console recorded" when it created the task: who, when, the token and the request.
 * The request (customer text, attributes) and its token are for the task's creator and for
 * readers of every task; others see who created it and when.
 */
export function ConsoleRecord({
  record,
  canSeeRequest,
}: {
  record: TaskRecord | null;
  canSeeRequest: boolean;
}) {
  if (!record) {
    return (
      <PageSection id="recorded" title="What the console recorded">
        <p className="text-sm text-slate-600">
          The console did not create this contact, so it holds no request for it; everything above
          comes from Amazon Connect.
        </p>
      </PageSection>
    );
  }
  const role = record.createdBy.role;
  return (
    <PageSection
      id="recorded"
      title="What the console recorded"
      description="The StartTaskContact request as the console sent it (secrets redacted)."
    >
      <dl aria-label="Creation record" className="divide-y divide-slate-100">
        <Fact term="Created by">
          {record.createdBy.email ?? "unknown"}
          {role ? ` (${isRole(role) ? ROLE_LABELS[role] : role})` : ""}
        </Fact>
        <Fact term="Created">
          <LocalTime iso={record.createdAt.toISOString()} />
        </Fact>
        {canSeeRequest ? (
          <Fact term="ClientToken">
            {record.clientToken ? (
              <code className="font-mono text-xs">{record.clientToken}</code>
            ) : null}
          </Fact>
        ) : null}
      </dl>
      {canSeeRequest ? (
        <figure aria-labelledby="recorded-request-caption" className="space-y-1">
          <figcaption id="recorded-request-caption" className="text-sm font-medium text-slate-700">
            Request JSON
          </figcaption>
          <pre className="max-h-96 overflow-auto rounded bg-slate-50 p-3 text-xs">
            {JSON.stringify(record.request, null, 2)}
          </pre>
        </figure>
      ) : (
        <p className="text-sm text-slate-600">
          The request and its ClientToken are shown to the task&apos;s creator and to supervisors.
        </p>
      )}
    </PageSection>
  );
}
