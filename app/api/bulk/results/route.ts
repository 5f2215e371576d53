import { z } from "zod";

import { resultsCsv } from "@/lib/bulk/files";
import { bulkResults } from "@/lib/server/bulk/jobs";
import { defineRoute } from "@/lib/server/route";

/** "Download results CSV": each input row with its row number, state, ContactId or error. */
export const GET = defineRoute({
  name: "task.bulk.results",
  permission: "task.bulk",
  query: z.object({ id: z.uuid() }),
  run: async ({ db, user, query }) => {
    const results = await bulkResults(db, query.id, user);
    const name = `${results.fileName.replace(/\.csv$/i, "").replace(/[^A-Za-z0-9_-]+/g, "-")}-results.csv`;
    return new Response(`\uFEFF${resultsCsv(results.header, results.rows)}`, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}"`,
        "Cache-Control": "no-store",
      },
    });
  },
});
