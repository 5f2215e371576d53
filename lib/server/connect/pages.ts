import "server-only";

import type { ConnectClient } from "@aws-sdk/client-connect";

import { callConnect } from "./client";
import { ConnectError } from "./errors";

/**
 * The most pages one list read takes. With the 1,000 items a page the catalog asks for, that is
 * 10,000 flows, quick connects or agents: far above Connect's default quotas. A list that is
 * longer, or a service that keeps answering with a next token, ends in a clear error instead of
 * a request that never finishes.
 */
export const MAX_PAGES = 10;

/**
 * Every page of one Connect list, each read through callConnect: paced by `operation` (a token
 * per page), with the call deadline, logging and error mapping of every other call.
 */
export async function readPages<P extends { NextToken?: string | undefined }>(
  operation: string,
  send: (
    client: ConnectClient,
    options: { abortSignal: AbortSignal },
    nextToken: string | undefined,
  ) => Promise<P>,
  { what, maxPages = MAX_PAGES }: { what: string; maxPages?: number },
): Promise<P[]> {
  const pages: P[] = [];
  let nextToken: string | undefined;
  do {
    if (pages.length === maxPages) {
      throw new ConnectError(
        "TOO_MANY_RESULTS",
        `Amazon Connect has more ${what} than the console reads (${maxPages} pages); the list was not loaded.`,
        "ConsolePageLimit",
        undefined,
        undefined,
        undefined,
      );
    }
    const token = nextToken;
    const page = await callConnect((client, options) => send(client, options, token), {
      paced: operation,
    });
    pages.push(page);
    nextToken = page.NextToken || undefined;
  } while (nextToken);
  return pages;
}
