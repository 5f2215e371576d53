import { connection } from "next/server";

import { requirePageUser } from "@/lib/server/auth/authorise";
import { describeConnectOverview } from "@/lib/server/connect/instance";

import { ConnectionSummary } from "./_components/connection-summary";

export default async function OverviewPage() {
  // The page's own check, first: Next may render a page beside its layout, or without it.
  await requirePageUser("session.own");
  // Rendered per request: the answer depends on the live Connect instance, never on build time.
  await connection();
  const overview = await describeConnectOverview();
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
      <ConnectionSummary overview={overview} />
    </section>
  );
}
