/**
 * One fuzz case: a target of the build (server action or route handler), a caller, a payload
 * class and the request itself. Cases are generated one at a time from a per-case seed, so
 * case i of seed s is replayed alone with FUZZ_SEED=s+i FUZZ_RUNS=1.
 */
import fc from "fast-check";

import { describe, hostile, nearValid } from "./hostile";
import { type FuzzPools, validActionInput, validRouteQuery } from "./payloads";
import { type RawRequest, rawActionRequest, rawRouteRequest } from "./raw";
import type { BuiltAction, BuiltRoute } from "../../e2e/security/build-inventory";
import { callAction } from "../../test-support/action-client";

export type Target =
  | { kind: "action"; label: string; action: BuiltAction }
  | { kind: "route"; label: string; route: BuiltRoute };
export type Caller = "anonymous" | "admin" | "lead";
export const CLASSES = ["valid", "near-valid", "hostile", "raw"] as const;
export type PayloadClass = (typeof CLASSES)[number];

export interface FuzzCase {
  target: Target;
  caller: Caller;
  payloadClass: PayloadClass;
  mutation: string;
  request:
    | { kind: "action"; args: unknown[] }
    | { kind: "route"; query: Record<string, string> }
    | { kind: "raw"; raw: RawRequest };
}

/** Anything as URL parameters: a map's values as strings, anything else as one parameter. */
function toQuery(value: unknown): Record<string, string> {
  const text = (v: unknown) => (typeof v === "string" ? v : (JSON.stringify(v) ?? String(v)));
  if (value && typeof value === "object" && !Array.isArray(value))
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, text(v)]));
  return { q: text(value) };
}

/** valid 35 %, near-valid 30 %, hostile 20 %, raw 15 %. */
const payloadClass = fc.constantFrom<PayloadClass>(
  ...(Array(7).fill("valid") as PayloadClass[]),
  ...(Array(6).fill("near-valid") as PayloadClass[]),
  ...(Array(4).fill("hostile") as PayloadClass[]),
  ...(Array(3).fill("raw") as PayloadClass[]),
);

function actionCase(action: BuiltAction, klass: PayloadClass, pools: FuzzPools) {
  const valid = validActionInput(action.exportName, pools);
  switch (klass) {
    case "valid":
      return valid.map((v) => ({
        mutation: "valid",
        request: { kind: "action" as const, args: [v] },
      }));
    case "near-valid":
      return valid.chain(nearValid).map(({ value, mutation }) => ({
        mutation,
        request: { kind: "action" as const, args: [value] },
      }));
    case "hostile":
      return valid
        .chain(hostile)
        .map(({ args, mutation }) => ({ mutation, request: { kind: "action" as const, args } }));
    case "raw":
      return valid
        .chain((v) => rawActionRequest(action, v))
        .map((raw) => ({ mutation: raw.mutation, request: { kind: "raw" as const, raw } }));
  }
}

const MAX_QUERY_VALUE = 20_000;

function routeCase(route: BuiltRoute, klass: PayloadClass, pools: FuzzPools) {
  const valid = validRouteQuery(route.urlPath, pools);
  // Node refuses request heads over 16 kB (431) and may close the connection before a longer
  // URL is even sent; megabyte values would test Node's socket, not the console.
  const asRoute = (query: Record<string, string>, mutation: string) => ({
    mutation,
    request: {
      kind: "route" as const,
      query: Object.fromEntries(
        Object.entries(query).map(([key, value]) => [key, value.slice(0, MAX_QUERY_VALUE)]),
      ),
    },
  });
  switch (klass) {
    case "valid":
      return valid.map((query) => asRoute(query, "valid"));
    case "near-valid":
      return valid.chain(nearValid).map(({ value, mutation }) => asRoute(toQuery(value), mutation));
    case "hostile":
      return valid.chain(hostile).map(({ args, mutation }) => asRoute(toQuery(args[0]), mutation));
    case "raw":
      return valid
        .chain((query) => rawRouteRequest(route.urlPath, query))
        .map((raw) => ({ mutation: raw.mutation, request: { kind: "raw" as const, raw } }));
  }
}

/** The targets with the richest inputs (most fields, zones, dates) get more of the cases. */
const WEIGHTS: [RegExp, number][] = [
  [/#startTask$/, 4],
  [/#(?:saveDraft|rescheduleTask|createUser)$/, 2],
  [/^\/api\/audit\/export$/, 2],
];
const weightOf = (target: Target) =>
  WEIGHTS.find(([pattern]) => pattern.test(target.label))?.[1] ?? 1;

export function generateCase(seed: number, targets: Target[], pools: FuzzPools): FuzzCase {
  const arbitrary = fc
    .tuple(
      fc.oneof(
        ...targets.map((target) => ({ arbitrary: fc.constant(target), weight: weightOf(target) })),
      ),
      fc.constantFrom<Caller>("anonymous", "admin", "admin", "lead", "lead"),
      payloadClass,
    )
    .chain(([target, caller, klass]) =>
      (target.kind === "action"
        ? actionCase(target.action, klass, pools)
        : routeCase(target.route, klass, pools)
      ).map((generated): FuzzCase => ({ target, caller, payloadClass: klass, ...generated })),
    );
  const [generated] = fc.sample(arbitrary, { seed, numRuns: 1 });
  if (!generated) throw new Error(`No case for seed ${seed}`);
  return generated;
}

export interface Answer {
  /** 0 when the console did not answer (connection closed or 60 s without an answer). */
  status: number;
  text: string;
  ms: number;
  actionCode: string | null;
}

const PATIENCE_MS = 60_000;

export async function sendCase(base: string, fuzzCase: FuzzCase, cookie: string): Promise<Answer> {
  const started = performance.now();
  const { target, request } = fuzzCase;
  try {
    if (request.kind === "action" && target.kind === "action") {
      const answer = await callAction(base, target.action, request.args, {
        cookie,
        timeoutMs: PATIENCE_MS,
      });
      return {
        status: answer.status,
        text: answer.text,
        ms: answer.ms,
        actionCode: answer.result?.code ?? null,
      };
    }
    let url: string;
    let init: RequestInit;
    if (request.kind === "route" && target.kind === "route") {
      url = `${base}${target.route.urlPath}?${new URLSearchParams(request.query).toString()}`;
      init = { headers: cookie ? { cookie } : {} };
    } else if (request.kind === "raw") {
      const headers: Record<string, string> = {
        ...(cookie ? { cookie } : {}),
        ...(target.kind === "action"
          ? {
              "Next-Action": target.action.id,
              "Content-Type": "text/plain;charset=UTF-8",
              Accept: "text/x-component",
              Origin: base,
            }
          : {}),
        ...request.raw.headers,
      };
      for (const [name, value] of Object.entries(headers)) if (value === "") delete headers[name];
      url = `${base}${request.raw.path}`;
      init = {
        method: request.raw.method,
        headers,
        ...(request.raw.body === undefined ? {} : { body: request.raw.body }),
      };
    } else throw new Error(`A ${request.kind} request for a ${target.kind}`);
    const response = await fetch(url, {
      ...init,
      redirect: "manual",
      signal: AbortSignal.timeout(PATIENCE_MS),
    });
    const text = await response.text();
    return { status: response.status, text, ms: performance.now() - started, actionCode: null };
  } catch (error) {
    return {
      status: 0,
      text: `no answer: ${(error as Error).message}`,
      ms: performance.now() - started,
      actionCode: null,
    };
  }
}

/** The request in one line for the report: never a huge value itself. */
export function caseSummary(fuzzCase: FuzzCase): string {
  const { request } = fuzzCase;
  if (request.kind === "raw") {
    const body = request.raw.body;
    const size =
      body === undefined
        ? "no body"
        : `${typeof body === "string" ? body.length : body.byteLength} bytes`;
    return `${request.raw.method} ${request.raw.path.slice(0, 120)} (${size}): ${fuzzCase.mutation}`;
  }
  const payload = request.kind === "action" ? request.args : request.query;
  let text: string;
  try {
    text = JSON.stringify(payload) ?? "";
  } catch {
    text = describe(payload);
  }
  return `${fuzzCase.mutation} — ${text.length > 300 ? `${text.slice(0, 300)}… (${text.length} characters)` : text}`;
}
