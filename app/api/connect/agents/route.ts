import { instanceQuery } from "@/lib/connect/lookup-query";
import { listAgents } from "@/lib/server/connect/catalog";
import { defineLookupRoute } from "@/lib/server/lookup-route";

export const GET = defineLookupRoute("agents", instanceQuery, async ({ query }) => ({
  agents: await listAgents(query.instanceId),
}));
