/**
 * What a bulk row's names are resolved against: the instance's flows, quick connects, templates
 * (with their definitions, for the template rules) and agents, as the lookup routes answer them
 * in the browser and the catalog adapter on the server. A value is an id or a name; an unknown
 * or ambiguous one is a problem, never a guess.
 */
import type {
  AgentChoice,
  FlowChoice,
  QuickConnectChoice,
  TemplateChoice,
  TemplateDefinition,
} from "../connect/lookups";

export interface BulkLookups {
  flows: readonly FlowChoice[];
  quickConnects: readonly QuickConnectChoice[];
  templates: readonly TemplateChoice[];
  /** Definitions of the templates the file names (by id); a missing one is reported. */
  templateDefinitions: ReadonlyMap<string, TemplateDefinition>;
  agents: readonly AgentChoice[];
}

export type Resolution = { ok: true; id: string } | { ok: false; message: string };

interface Named {
  id: string;
  name: string;
}

/**
 * By id first (ids are unique), then by exact name, then by name ignoring case; two matches at
 * the first level that matches are ambiguous.
 */
export function resolveByNameOrId(
  items: readonly Named[],
  value: string,
  what: string,
): Resolution {
  const byId = items.find((item) => item.id === value);
  if (byId) return { ok: true, id: byId.id };
  const exact = items.filter((item) => item.name === value);
  const matches =
    exact.length > 0
      ? exact
      : items.filter((item) => item.name.toLowerCase() === value.toLowerCase());
  if (matches.length === 1) return { ok: true, id: matches[0]!.id };
  if (matches.length > 1) {
    return {
      ok: false,
      message: `${matches.length} ${what}s are named "${value}"; use the id of the one you mean.`,
    };
  }
  return { ok: false, message: `No ${what} named "${value}" in this instance.` };
}

/** created_by: an agent's username, or their ARN (what connect:CreatedByUser takes). */
export function resolveAgent(agents: readonly AgentChoice[], value: string): Resolution {
  const byArn = agents.find((agent) => agent.arn === value || agent.id === value);
  if (byArn) return { ok: true, id: byArn.arn };
  const matches = agents.filter((agent) => agent.username.toLowerCase() === value.toLowerCase());
  if (matches.length === 1) return { ok: true, id: matches[0]!.arn };
  if (matches.length > 1) {
    return { ok: false, message: `${matches.length} agents have the username "${value}".` };
  }
  return { ok: false, message: `No agent with the username "${value}" in this instance.` };
}
