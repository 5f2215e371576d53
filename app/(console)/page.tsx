import { connection } from "next/server";

import { requirePageUser } from "@/lib/server/auth/authorise";
import { describeConnectOverview } from "@/lib/server/connect/instance";
import { getDb } from "@/lib/server/db";
import { listReleaseFailures } from "@/lib/server/tasks/held-list";
import { taskScopeFor } from "@/lib/server/tasks/task-rows";

import { ConnectionSummary } from "./_components/connection-summary";
import { ReleaseFailures } from "./_components/release-failures";

export default async function OverviewPage() {
  // The page's own check, first: Next may render a page beside its layout, or without it.
  const user = await requirePageUser("session.own");
  // Rendered per request: the answer depends on the live Connect instance, never on build time.
  await connection();
  const [overview, failures] = await Promise.all([
    describeConnectOverview(),
    // Release failures of the tasks this user may see (their own, or all with task.read.all).
    getDb().then((db) => listReleaseFailures(db, taskScopeFor(user))),
  ]);
  return (
    <section aria-labelledby="overview-title" className="space-y-6">
      <div>
        <h1 id="overview-title" className="text-2xl font-semibold">
          Overview
        </h1>
        <p className="mt-1 text-slate-600">
          Compose Amazon Connect task contacts, schedule them for later and link them to earlier
          contacts.
        </p>
      </div>
      <ReleaseFailures tasks={failures} />
      <ConnectionSummary overview={overview} />
    </section>
  );
}
