import { z } from "zod";

import { bulkJobView } from "@/lib/server/bulk/jobs";
import { defineRoute } from "@/lib/server/route";

/** The job page's live view, polled while the job runs (lib/server/bulk/jobs.ts says who sees it). */
export const GET = defineRoute({
  name: "task.bulk.view",
  permission: "task.bulk",
  query: z.object({ id: z.uuid() }),
  run: async ({ db, user, query }) =>
    Response.json(await bulkJobView(db, query.id, user), {
      headers: { "Cache-Control": "no-store" },
    }),
});
