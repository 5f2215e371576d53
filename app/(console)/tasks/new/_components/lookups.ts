"use client";

import { useQuery } from "@tanstack/react-query";

import type { LookupFailure, LookupName, LookupResponses } from "@/lib/connect/lookups";

/** A lookup the route handler answered with a failure ({ ok:false, code, formError }). */
export class LookupError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "LookupError";
  }

  get isNotFound(): boolean {
    return this.code === "NOT_FOUND" || this.code === "CONNECT_NOT_FOUND";
  }
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
    throw new LookupError(
      failure?.code ?? (response.status === 404 ? "NOT_FOUND" : `HTTP_${response.status}`),
      failure?.formError ?? `Could not load ${name} (HTTP ${response.status}).`,
    );
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
    // "Not found" is an answer, not a failure worth retrying.
    retry: (count, error) => !(error instanceof LookupError && error.isNotFound) && count < 2,
  });
}

export function lookupErrorText(error: unknown): string | null {
  if (!error) return null;
  return error instanceof Error ? error.message : "Could not load the list.";
}
