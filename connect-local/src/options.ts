/**
 * The public surface of the local Amazon Connect endpoint: what a test or the CLI passes in, and
 * what it gets back. Implementation and contract tests both build on this file, so change it only
 * on purpose.
 */

/** Rules that AWS documents inconsistently; each has the documented API rule as default. */
export interface ConnectLocalRules {
  /** Furthest ahead a task may be scheduled, in seconds. Default 6 days (API reference). */
  scheduleHorizonSeconds: number;
  /** Tasks that may share one PreviousContactId. Default 12 (API reference). */
  maxLinkedTasksPerContact: number;
  /** Tasks not yet ended (scheduled ones included) per instance. Default 2,500. */
  maxActiveTasksPerInstance: number;
  /** UpdateContactSchedule calls allowed per task. Default 20. */
  maxReschedulesPerTask: number;
  /** Lifetime of a task without connect:ContactExpiry, in minutes. Default 7 days = 10,080. */
  defaultTaskExpiryMinutes: number;
  /** How long a ClientToken is remembered, in seconds. Default 24 hours. */
  clientTokenTtlSeconds: number;
}

/**
 * How DescribeContact shows a scheduled task's timeline.
 * - "documented" (default): as the API reference describes InitiationTimestamp ("for API, when the
 *   request arrived"): set at creation, next to ScheduledTimestamp; the start shows as
 *   LastUpdateTimestamp = the start instant and QueueInfo (the queue the task waits in).
 * - "legacy": the endpoint's earlier reading: no InitiationTimestamp until the task starts, then
 *   InitiationTimestamp = ScheduledTime; no QueueInfo.
 */
export type TimestampMode = "documented" | "legacy";

export const TIMESTAMP_MODES: readonly TimestampMode[] = ["documented", "legacy"];

export interface ConnectLocalOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. Default 4599. */
  port?: number;
  /** Host to bind. Default 127.0.0.1 (never bind wider by default). */
  host?: string;
  /**
   * Folder for the state file. Without it, state lives in memory only and is lost on stop.
   * On first start with an empty folder the demo seed is written there.
   */
  dataDir?: string;
  /** Throttling like Connect's per-operation token buckets. Default true. */
  throttling?: boolean;
  /**
   * Wall clock in epoch milliseconds, for lifecycle and validation of ScheduledTime.
   * Tests inject one; the admin path can also shift the default clock at run time.
   */
  now?: () => number;
  /** Monotonic clock in milliseconds for token buckets. Default performance.now. */
  monotonicNow?: () => number;
  /** See TimestampMode. Default "documented"; the admin API can switch it at run time. */
  timestamps?: TimestampMode;
  /**
   * How the "delay" fault waits. Default: a real timer. Tests inject one to see the delay asked
   * for and to decide when it ends, instead of measuring elapsed time.
   */
  sleep?: (ms: number) => Promise<void>;
  /** Overrides of the documented defaults. */
  rules?: Partial<ConnectLocalRules>;
  /** Print the endpoint and instance id on start (the CLI sets this). Default false. */
  log?: (line: string) => void;
}

export interface RunningConnectLocal {
  /** e.g. http://127.0.0.1:4599, to pass as `endpoint` to ConnectClient. */
  url: string;
  port: number;
  /** Id of the seeded demo instance. */
  instanceId: string;
  /** Stops the server and waits until every socket is closed and state is flushed. */
  stop: () => Promise<void>;
}
