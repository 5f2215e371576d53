import { instanceQuery } from "@/lib/connect/lookup-query";
import { listActiveTemplates } from "@/lib/server/connect/catalog";
import { defineLookupRoute } from "@/lib/server/lookup-route";

export const GET = defineLookupRoute("templates", instanceQuery, async ({ query }) => ({
  templates: await listActiveTemplates(query.instanceId),
}));
