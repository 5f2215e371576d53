import { instanceQuery } from "@/lib/connect/lookup-query";
import { listTaskFlows } from "@/lib/server/connect/catalog";
import { defineLookupRoute } from "@/lib/server/lookup-route";

export const GET = defineLookupRoute("flows", instanceQuery, async ({ query }) => ({
  flows: await listTaskFlows(query.instanceId),
}));
