import { instanceQuery } from "@/lib/schemas/lookups";
import { listQuickConnects } from "@/lib/server/connect/catalog";
import { defineLookupRoute } from "@/lib/server/lookup-route";

export const GET = defineLookupRoute("quick-connects", instanceQuery, async ({ query }) => ({
  quickConnects: await listQuickConnects(query.instanceId),
}));
