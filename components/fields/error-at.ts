/**
 * react-hook-form's errors in the shape the field kit takes: the composer's sections and the
 * reschedule form read a field's message (or its array's root message) by path.
 */
import { type FieldErrors, type FieldValues, get } from "react-hook-form";

export function errorAt<Values extends FieldValues>(
  errors: FieldErrors<Values>,
  path: string,
): string[] | undefined {
  const error: { message?: unknown; root?: { message?: unknown } } | undefined = get(errors, path);
  const message = error?.message ?? error?.root?.message;
  return typeof message === "string" && message ? [message] : undefined;
}
