/**
 * What every server action returns (neutral module: forms import the types). Expected failures
 * are values, with field errors keyed by the field's path ("references.0.value").
 */
export type ActionFailureCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "INVALID_INPUT"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  | `CONNECT_${string}`;

export interface ActionFailure {
  ok: false;
  code: ActionFailureCode;
  formError: string;
  fieldErrors: Record<string, string[]>;
  /** Only on FORBIDDEN / UNAUTHENTICATED: which permission the action needs. */
  requiredPermission?: string;
  /**
   * The change was sent to Amazon Connect, which did not confirm whether it made it (a timeout,
   * a dropped connection...): not a failure, and retrying the same request is how to find out.
   */
  isOutcomeUnknown?: boolean;
}

export type ActionResult<T> = { ok: true; data: T } | ActionFailure;
