/**
 * What every operation handler receives. Handlers get the input already bound and checked
 * against the model, and return the output object; the server shapes it to the output shape.
 */
import type { Clock } from "../clock";
import type { Operation, ServiceModel } from "../model";
import type { ConnectLocalRules, TimestampMode } from "../options";
import type { Store } from "../store";

export interface OperationContext {
  store: Store;
  clock: Clock;
  /** Current rules (options merged with admin overrides). */
  rules: ConnectLocalRules;
  /** How DescribeContact shows a task's timeline (options, or switched by the admin API). */
  timestamps: TimestampMode;
  model: ServiceModel;
  op: Operation;
  /** The raw JSON body, for idempotency fingerprints. */
  body: Record<string, unknown>;
}

export type Handler = (input: Record<string, unknown>, ctx: OperationContext) => unknown;

/** Reads an already validated optional string member. */
export const str = (input: Record<string, unknown>, name: string): string | undefined =>
  typeof input[name] === "string" ? input[name] : undefined;

/** Reads an already validated required string member. */
export const reqStr = (input: Record<string, unknown>, name: string): string =>
  str(input, name) ?? "";
