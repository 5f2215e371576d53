import type { APIRequestContext, APIResponse } from "@playwright/test";

import { TEST_ENV } from "../../test-support/test-env";

/**
 * Requests as Next's client router makes them during a navigation. The router sends the tree of
 * segments it already shows (`Next-Router-State-Tree`, Next 16.4's FlightRouterState:
 * `[segment, { [slot]: child }]`, a dynamic segment as `[param, value, type, siblings]`), and the
 * server renders only from the first segment that differs. A client that claims every segment
 * above the page is on screen gets the page segment alone: no layout runs for it.
 */
type Segment = string | [string, string, "d" | "c", null];
export type RouterState = [Segment, Record<string, RouterState>];

function toSegment(name: string): Segment {
  if (/^\[\[\.\.\..+\]\]$/.test(name)) {
    // The URL leaves an optional catch-all out (appPathToUrl): its state would need a value too.
    throw new Error(`No sample router state for the optional catch-all segment ${name}`);
  }
  const catchAll = /^\[\.\.\.(.+)\]$/.exec(name)?.[1];
  if (catchAll) return [catchAll, "sample", "c", null];
  const dynamic = /^\[(.+)\]$/.exec(name)?.[1];
  if (dynamic) return [dynamic, "sample", "d", null];
  return name;
}

/**
 * "/(console)/tasks/[contactId]/page" → the state of a client that shows every segment above the
 * page (root layout, route group, "tasks", the contact id "sample") with nothing below, so the
 * page segment is the only one Next renders.
 */
export function stateAbovePage(appPath: string): RouterState {
  const segments = appPath
    .replace(/^\/?app\//, "/")
    .split("/")
    .slice(1, -1);
  let state: RouterState = [toSegment(segments.at(-1) ?? ""), {}];
  for (let index = segments.length - 2; index >= -1; index -= 1) {
    state = [index >= 0 ? toSegment(segments[index] ?? "") : "", { children: state }];
  }
  return state;
}

/**
 * An RSC GET as the client router sends it. Next first answers a request without the matching
 * cache-busting `_rsc` parameter with a redirect to the same page carrying it; that one redirect
 * is followed, any other is the answer.
 */
export async function rscGet(
  request: APIRequestContext,
  urlPath: string,
  state: RouterState | string | null,
  extraHeaders: Record<string, string> = {},
): Promise<APIResponse> {
  const headers: Record<string, string> = { RSC: "1", ...extraHeaders };
  if (state !== null)
    headers["Next-Router-State-Tree"] =
      typeof state === "string" ? state : encodeURIComponent(JSON.stringify(state));
  const first = await request.get(urlPath, { headers, maxRedirects: 0 });
  const location = first.headers().location;
  if (first.status() !== 307 || !location) return first;
  const target = new URL(location, TEST_ENV.consoleUrl);
  if (target.pathname !== urlPath || !target.searchParams.has("_rsc")) return first;
  return request.get(`${target.pathname}${target.search}`, { headers, maxRedirects: 0 });
}
