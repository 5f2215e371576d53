/**
 * Fault injection for resilience tests and demos: make chosen operations throttle, fail with a
 * 500, hang for a while, drop the connection, or answer 404 as Connect can right after a create
 * (eventual consistency: a new contact is not yet visible to DescribeContact). Faults are checked before throttling and before
 * any validation, like a failure in front of the real service would be.
 */

export type FaultKind = "throttle" | "internal" | "delay" | "drop" | "not_found";

export interface FaultRule {
  kind: FaultKind;
  /** Operation names; all operations when left out. */
  operations?: string[];
  /**
   * Only requests carrying one of these ClientTokens (requests without one never match): a test
   * can fault its own request while other work (a background job) goes on untouched.
   */
  clientTokens?: string[];
  /** Probability 0..1 that a matching request is hit. Default 1. */
  rate?: number;
  /** Hit at most this many requests, then stay inert. */
  count?: number;
  /** For kind "delay": wait this long, then process the request normally. */
  delayMs?: number;
}

interface ActiveRule {
  rule: FaultRule;
  hits: number;
}

/** What the server must do with a request after the faults ran. */
export interface FaultOutcome {
  delayMs: number;
  /** The first non-delay fault that hit, if any. */
  terminal?: "throttle" | "internal" | "drop" | "not_found";
}

const KINDS: FaultKind[] = ["throttle", "internal", "delay", "drop", "not_found"];

export class Faults {
  private rules: ActiveRule[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  list(): (FaultRule & { hits: number; remaining: number | null })[] {
    return this.rules.map(({ rule, hits }) => ({
      ...rule,
      hits,
      remaining: rule.count === undefined ? null : Math.max(0, rule.count - hits),
    }));
  }

  replace(rules: FaultRule[]): void {
    this.rules = rules.map((rule) => ({ rule, hits: 0 }));
  }

  clear(): void {
    this.rules = [];
  }

  /**
   * Runs the rules in order for one request: every delay that hits adds up; the first throttle,
   * internal or drop that hits ends the evaluation.
   */
  apply(operation: string, clientToken?: string): FaultOutcome {
    const outcome: FaultOutcome = { delayMs: 0 };
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.operations && !rule.operations.includes(operation)) continue;
      if (rule.clientTokens && !(clientToken && rule.clientTokens.includes(clientToken))) continue;
      if (rule.count !== undefined && active.hits >= rule.count) continue;
      if (this.random() >= (rule.rate ?? 1)) continue;
      active.hits += 1;
      if (rule.kind === "delay") {
        outcome.delayMs += rule.delayMs ?? 0;
        continue;
      }
      outcome.terminal = rule.kind;
      break;
    }
    return outcome;
  }
}

/** Checks an admin-supplied rule list; returns an error message or the typed rules. */
export function parseFaultRules(value: unknown): FaultRule[] | string {
  if (!Array.isArray(value)) return '"faults" must be an array of fault rules';
  const rules: FaultRule[] = [];
  for (const [i, raw] of value.entries()) {
    const where = `faults[${i}]`;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw))
      return `${where} must be an object`;
    const r = raw as Record<string, unknown>;
    const unknownKey = Object.keys(r).find(
      (k) => !["kind", "operations", "clientTokens", "rate", "count", "delayMs"].includes(k),
    );
    if (unknownKey) return `${where}.${unknownKey} is not a fault rule field`;
    if (!KINDS.includes(r.kind as FaultKind))
      return `${where}.kind must be one of ${KINDS.join(", ")}`;
    const rule: FaultRule = { kind: r.kind as FaultKind };
    if (r.operations !== undefined) {
      if (!Array.isArray(r.operations) || !r.operations.every((o) => typeof o === "string")) {
        return `${where}.operations must be an array of operation names`;
      }
      rule.operations = r.operations;
    }
    if (r.clientTokens !== undefined) {
      if (!Array.isArray(r.clientTokens) || !r.clientTokens.every((t) => typeof t === "string")) {
        return `${where}.clientTokens must be an array of client tokens`;
      }
      rule.clientTokens = r.clientTokens;
    }
    if (r.rate !== undefined) {
      if (typeof r.rate !== "number" || !(r.rate >= 0 && r.rate <= 1))
        return `${where}.rate must be a number from 0 to 1`;
      rule.rate = r.rate;
    }
    if (r.count !== undefined) {
      if (typeof r.count !== "number" || !Number.isInteger(r.count) || r.count < 0) {
        return `${where}.count must be a non-negative integer`;
      }
      rule.count = r.count;
    }
    if (r.delayMs !== undefined) {
      if (typeof r.delayMs !== "number" || !Number.isFinite(r.delayMs) || r.delayMs < 0) {
        return `${where}.delayMs must be a non-negative number`;
      }
      rule.delayMs = r.delayMs;
    }
    if (rule.kind === "delay" && rule.delayMs === undefined)
      return `${where}.delayMs is required for kind "delay"`;
    rules.push(rule);
  }
  return rules;
}
