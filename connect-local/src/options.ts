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
