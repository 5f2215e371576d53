"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";

/**
 * One QueryClient per browser tab. Lookups are cheap to keep for a minute and expensive to repeat
 * (Connect allows 2 list calls a second per account), so they are not refetched on focus.
 *
 * Only the pages that query or mutate through React Query wrap their part in this provider (the
 * composer, a task page's changes), so the others load and start without it. The client lives
 * in the module, not in the provider, so its cache outlives a page: back on the composer, the
 * lookups of a minute ago are still there. On the server each render gets its own.
 */
let browserClient: QueryClient | undefined;

function newClient() {
  return new QueryClient({
    defaultOptions: { queries: { staleTime: 60_000, refetchOnWindowFocus: false, retry: 1 } },
  });
}

function queryClient(): QueryClient {
  if (typeof window === "undefined") return newClient();
  return (browserClient ??= newClient());
}

export function QueryProvider({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={queryClient()}>{children}</QueryClientProvider>;
}
