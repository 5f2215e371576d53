import "server-only";

import type { ServiceInputTypes, ServiceOutputTypes } from "@aws-sdk/client-connect";

import { type ConnectCommand, callConnect } from "./client";
import { ConnectError } from "./errors";

/**
 * The most pages one list read takes. With the 1,000 items a page the catalog asks for, that is
 * 10,000 flows, quick connects or agents: far above Connect's default quotas. A list that is
 * longer, or a service that keeps answering with a next token, ends in a clear error instead of
 * a request that never finishes.
 */
export const MAX_PAGES = 10;

/**
 * Every page of one Connect list, each read through callConnect: paced by the command's own
 * operation (a token per page), with the call deadline, logging and error mapping of every other
 * call. `commandFor` makes the command of the page after `nextToken`.
 */
export async function readPages<
  I extends ServiceInputTypes,
  P extends ServiceOutputTypes & { NextToken?: string | undefined },
>(
  commandFor: (nextToken: string | undefined) => ConnectCommand<I, P>,
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
    const page = await callConnect(commandFor(nextToken));
    pages.push(page);
    nextToken = page.NextToken || undefined;
  } while (nextToken);
  return pages;
}
