import { templateQuery } from "@/lib/connect/lookup-query";
import { getTaskTemplate } from "@/lib/server/connect/catalog";
import { defineLookupRoute } from "@/lib/server/lookup-route";

export const GET = defineLookupRoute("template", templateQuery, async ({ query }) => ({
  template: await getTaskTemplate(query.instanceId, query.templateId),
}));
