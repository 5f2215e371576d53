import { LocalTime } from "@/components/local-time";
import { ROLE_LABELS, isRole } from "@/lib/permissions";
import type { TaskRecord } from "@/lib/server/tasks/task-record";

import { Fact, PageSection } from "./page-section";

/** "What the console recorded" when it created the task: who, when, the token and the request. */
export function ConsoleRecord({ record }: { record: TaskRecord | null }) {
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
        <Fact term="ClientToken">
          {record.clientToken ? (
            <code className="font-mono text-xs">{record.clientToken}</code>
          ) : null}
        </Fact>
      </dl>
      <figure aria-labelledby="recorded-request-caption" className="space-y-1">
        <figcaption id="recorded-request-caption" className="text-sm font-medium text-slate-700">
          Request JSON
        </figcaption>
        <pre className="max-h-96 overflow-auto rounded bg-slate-50 p-3 text-xs">
          {JSON.stringify(record.request, null, 2)}
        </pre>
      </figure>
    </PageSection>
  );
}
