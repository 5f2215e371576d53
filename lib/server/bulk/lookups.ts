import "server-only";

/**
 * The instance's names as the server resolves a bulk file's rows: the same lists the composer's
 * lookup routes answer (lib/server/connect/catalog.ts), and the definitions of the templates the
 * file names, read once per file rather than once per row.
 */
import type { BulkLookups } from "@/lib/bulk/lookups";
import { resolveByNameOrId } from "@/lib/bulk/lookups";
import type { TemplateDefinition } from "@/lib/connect/lookups";
import {
  getTaskTemplate,
  listActiveTemplates,
  listAgents,
  listQuickConnects,
  listTaskFlows,
} from "@/lib/server/connect/catalog";

export async function serverBulkLookups(
  instanceId: string,
  templateValues: readonly string[],
): Promise<BulkLookups> {
  const [flows, quickConnects, templates, agents] = await Promise.all([
    listTaskFlows(instanceId),
    listQuickConnects(instanceId),
    listActiveTemplates(instanceId),
    listAgents(instanceId),
  ]);
  const ids = new Set<string>();
  for (const value of templateValues) {
    const resolved = resolveByNameOrId(templates, value, "template");
    if (resolved.ok) ids.add(resolved.id);
  }
  const templateDefinitions = new Map<string, TemplateDefinition>();
  for (const id of ids) templateDefinitions.set(id, await getTaskTemplate(instanceId, id));
  return { flows, quickConnects, templates, templateDefinitions, agents };
}
