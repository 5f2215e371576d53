"use client";

import { useQuery } from "@tanstack/react-query";

import type { LookupFailure, LookupName, LookupResponses } from "@/lib/connect/lookups";
import { AppError, ERRORS, isErrorCode } from "@/lib/errors";

/** "Not found" is an answer (no such contact, template...), not a failure worth retrying. */
export function isNotFound(error: unknown): boolean {
  return error instanceof AppError && ERRORS[error.code].status === 404;
}

/** Calls our own route handler; the browser never talks to AWS. */
export async function fetchLookup<K extends LookupName>(
  name: K,
  params: Record<string, string>,
): Promise<LookupResponses[K]> {
  const response = await fetch(`/api/connect/${name}?${new URLSearchParams(params).toString()}`, {
    headers: { accept: "application/json" },
  });
  const body = (await response.json().catch(() => null)) as
    LookupResponses[K] | LookupFailure | null;
  if (!response.ok || !body || "ok" in body) {
    const failure = body && "ok" in body ? body : null;
    // The route's failure in the vocabulary; an answer that is not ours by its HTTP status.
    const code = isErrorCode(failure?.code)
      ? failure.code
      : response.status === 404
        ? "NOT_FOUND"
        : "UNEXPECTED";
    throw new AppError(code, {
      message: failure?.formError ?? `Could not load ${name} (HTTP ${response.status}).`,
    });
  }
  return body;
}

export function useLookup<K extends LookupName>(
  name: K,
  instanceId: string,
  extra: Record<string, string> = {},
  isEnabled = true,
) {
  return useQuery({
    queryKey: [name, instanceId, ...Object.values(extra)],
    queryFn: () => fetchLookup(name, { instanceId, ...extra }),
    enabled: isEnabled && instanceId !== "",
    staleTime: 60_000,
    retry: (count, error) => !isNotFound(error) && count < 2,
  });
}

export function lookupErrorText(error: unknown): string | null {
  if (!error) return null;
  return error instanceof Error ? error.message : "Could not load the list.";
}
