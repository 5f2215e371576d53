/**
 * Everything one running endpoint holds, shared by the AWS request pipeline and the admin API.
 */
import type { Clock } from "./clock";
import type { Faults } from "./faults";
import { buildRoutes, type ServiceModel } from "./model";
import type { ConnectLocalRules, TimestampMode } from "./options";
import type { Store } from "./store";
import type { Throttle } from "./throttle";

export interface LoggedRequest {
  operation: string;
  /** HTTP status; 0 when a "drop" fault closed the connection without an answer. */
  status: number;
  errorType?: string;
  clientToken?: string;
  /** Effective clock, epoch ms. */
  at: number;
}

/** How many AWS-path requests the admin API keeps (oldest dropped first). */
const LOG_LIMIT = 500;

export class Runtime {
  readonly routes: ReturnType<typeof buildRoutes>;
  readonly requests: LoggedRequest[] = [];

  constructor(
    readonly model: ServiceModel,
    readonly store: Store,
    readonly clock: Clock,
    readonly throttle: Throttle,
    readonly faults: Faults,
    public rules: ConnectLocalRules,
    public timestamps: TimestampMode,
    readonly sleep: (ms: number) => Promise<void>,
  ) {
    this.routes = buildRoutes(model);
  }

  logRequest(entry: Omit<LoggedRequest, "at">): void {
    this.requests.push({ ...entry, at: this.clock.nowMs() });
    if (this.requests.length > LOG_LIMIT) this.requests.splice(0, this.requests.length - LOG_LIMIT);
  }
}
