import { z } from "zod";

import { templateCsv } from "@/lib/bulk/files";
import { isConfiguredInstance } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getTaskTemplate, listActiveTemplates } from "@/lib/server/connect/catalog";
import { defineRoute } from "@/lib/server/route";
import { TASK_LIMITS } from "@/lib/task/limits";

/**
 * "Download a template CSV": the bulk header for one instance, its plain columns and a
 * field:<name> column for each reference field of the instance's active templates.
 */
export const GET = defineRoute({
  name: "task.bulk.template",
  permission: "task.bulk",
  query: z.object({ instanceId: z.string().trim().min(1).max(TASK_LIMITS.instanceIdMax) }),
  run: async ({ query }) => {
    if (!isConfiguredInstance(query.instanceId))
      throw new AppError("INVALID_INPUT", { message: "Choose one of the configured instances." });
    const templates = await listActiveTemplates(query.instanceId);
    const definitions = [];
    for (const template of templates)
      definitions.push(await getTaskTemplate(query.instanceId, template.id));
    return new Response(`\uFEFF${templateCsv(definitions)}`, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="bulk-template.csv"',
        "Cache-Control": "no-store",
      },
    });
  },
});
