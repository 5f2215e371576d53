/**
 * Defaults and checking for ConnectLocalRules (the limits AWS documents inconsistently; see
 * docs/connect-api.md, Schedule, Linking and Quotas and rate limits, and the README). Each default
 * is the documented API rule.
 */
import type { ConnectLocalRules } from "./options";

export const DEFAULT_RULES: ConnectLocalRules = {
  scheduleHorizonSeconds: 6 * 24 * 3600,
  maxLinkedTasksPerContact: 12,
  maxActiveTasksPerInstance: 2500,
  maxReschedulesPerTask: 20,
  defaultTaskExpiryMinutes: 7 * 24 * 60,
  clientTokenTtlSeconds: 24 * 3600,
};

const RULE_NAMES = Object.keys(DEFAULT_RULES) as (keyof ConnectLocalRules)[];

/**
 * Checks a partial rule set (from options or the admin API). Every value must be a non-negative
 * integer; unknown keys are refused so a typo does not silently change nothing.
 * Returns the checked partial, or an error message.
 */
export function checkRules(value: unknown): Partial<ConnectLocalRules> | string {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return "rules must be a JSON object";
  const out: Partial<ConnectLocalRules> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (!RULE_NAMES.includes(key as keyof ConnectLocalRules)) {
      return `unknown rule "${key}"; known rules: ${RULE_NAMES.join(", ")}`;
    }
    if (v === undefined) continue;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0)
      return `rule ${key} must be a non-negative integer`;
    out[key as keyof ConnectLocalRules] = v;
  }
  return out;
}
