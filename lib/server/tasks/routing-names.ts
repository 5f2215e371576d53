import "server-only";

/**
 * Names of flows, quick connects and templates by id, for lists that show a task's routing
 * target. Cached per instance for five minutes: configuration changes rarely, and a list must not
 * cost three List calls per view. A failed lookup leaves the ids unnamed rather than failing the page.
 */
import {
  listActiveTemplates,
  listQuickConnects,
  listTaskFlows,
} from "@/lib/server/connect/catalog";

const MAX_AGE_MS = 5 * 60_000;
const cache = new Map<string, { at: number; names: Promise<Map<string, string>> }>();

async function loadNames(instanceId: string): Promise<Map<string, string>> {
  const [flows, quickConnects, templates] = await Promise.all([
    listTaskFlows(instanceId),
    listQuickConnects(instanceId),
    listActiveTemplates(instanceId),
  ]);
  return new Map([...flows, ...quickConnects, ...templates].map((entry) => [entry.id, entry.name]));
}

export async function routingNames(instanceId: string): Promise<Map<string, string>> {
  const cached = cache.get(instanceId);
  if (cached && Date.now() - cached.at < MAX_AGE_MS) return cached.names;
  const names = loadNames(instanceId).catch(() => {
    cache.delete(instanceId);
    return new Map<string, string>();
  });
  cache.set(instanceId, { at: Date.now(), names });
  return names;
}
