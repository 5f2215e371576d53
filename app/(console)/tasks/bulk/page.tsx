import type { Metadata } from "next";

import { QueryProvider } from "@/components/query-provider";
import { bulkLimits, scheduleHorizonSeconds } from "@/lib/env";
import { hasPermission } from "@/lib/permissions";
import { requirePageUser } from "@/lib/server/auth/authorise";
import { describeConnectOverview } from "@/lib/server/connect/instance";

import { BulkUpload } from "./_components/bulk-upload";

export const metadata: Metadata = { title: "Bulk create" };

export default async function BulkCreatePage() {
  const user = await requirePageUser("task.bulk");
  const overview = await describeConnectOverview();
  return (
    <section aria-labelledby="bulk-title" className="space-y-6">
      <div>
        <h1 id="bulk-title" className="text-2xl font-semibold">
          Bulk create
        </h1>
        <p className="mt-1 text-slate-600">
          Create many tasks from a CSV file. Every row is checked here first; only ready rows are
          sent, in the background, within Amazon Connect&apos;s rate limits.
        </p>
      </div>
      <QueryProvider>
        <BulkUpload
          instances={overview.instances.map((entry) =>
            entry.ok
              ? { id: entry.instance.id, alias: entry.instance.alias }
              : { id: entry.id, alias: entry.id },
          )}
          canSchedule={hasPermission(user.role, "task.schedule")}
          limits={bulkLimits()}
          scheduleHorizonSeconds={scheduleHorizonSeconds()}
          defaultTimeZone="UTC"
        />
      </QueryProvider>
    </section>
  );
}
