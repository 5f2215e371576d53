/**
 * Hostility below the argument level: bodies that are not what React's encodeReply makes,
 * wrong content types, oversized bodies, bad Next-Action ids, bad router-state headers, foreign
 * origins and methods; for route handlers, broken query strings, methods and cookies. Each case
 * is a whole HTTP request, described for the report by `mutation`.
 */
import fc from "fast-check";

import { encodeActionArgs } from "../../test-support/action-client";

export interface RawRequest {
  method: string;
  path: string;
  /** Headers replacing the caller's defaults ("" removes one). */
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  mutation: string;
}

const hexId = fc.string({
  unit: fc.constantFrom(..."0123456789abcdef"),
  minLength: 40,
  maxLength: 40,
});
const deepText = (depth: number, open: string, close: string) =>
  `[${open.repeat(depth)}"x"${close.repeat(depth)}]`;

const MALFORMED_BODIES = [
  '[{"a":',
  "{",
  "",
  "null",
  "[",
  '{"0":{}}',
  "[1,2",
  '"string"',
  "42",
  '["$Q0"]',
  '["$@1"]',
  '["$h0"]',
  '["$K1"]',
  '["$F0"]',
  '["$T"]',
  '["$B1"]',
  '["$n1e999"]',
  '["$Dnot-a-date"]',
  '["$Z"]',
  '["$i0"]',
  '["$R0"]',
  '["$W0"]',
  '["$1:a:b:c"]',
  '["$undefined","$NaN","$-0"]',
  '[{"__proto__":{"then":"$1"}}]',
  '[{"then":"$@0"}]',
];

const BAD_ACTION_IDS = [
  "",
  "0",
  "zz",
  "x".repeat(10_000),
  "../../etc/passwd",
  "%C3%BC",
  "40" + "0".repeat(40),
];

const BAD_ROUTER_STATE = [
  "garbage",
  "%7B",
  "%5B%22%22%2C%7B%7D%5D",
  encodeURIComponent(deepText(3_000, "[", "]")),
  "x".repeat(8_000),
  "[]",
  "null",
  encodeURIComponent('["",{"children":["__PAGE__",{}]},null,null,true]'),
];

/**
 * Random like a browser's: a value that contains the boundary breaks the multipart parser, which
 * no browser ever causes.
 */
const BOUNDARY = "----CtcFuzzBoundary7MA4YWxkTrZu0gW";

const CONTENT_TYPES = [
  "application/json",
  "multipart/form-data",
  `multipart/form-data; boundary=${BOUNDARY}`,
  "application/x-www-form-urlencoded",
  "text/html",
  "application/octet-stream",
  "text/plain;charset=utf-16",
];

export function rawActionRequest(
  action: { id: string; pagePath: string },
  valid: unknown,
): fc.Arbitrary<RawRequest> {
  const validBody = encodeActionArgs([valid]);
  const post = (
    mutation: string,
    body: RawRequest["body"],
    headers: Record<string, string> = {},
  ) => ({
    method: "POST",
    path: action.pagePath,
    headers,
    body,
    mutation,
  });
  const multipart = (fields: [string, string][]) =>
    fields
      .map(
        ([name, value]) =>
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      )
      .join("") + `--${BOUNDARY}--\r\n`;
  const flat = Object.entries(valid && typeof valid === "object" ? valid : {}).map(
    ([key, value]): [string, string] => [
      key,
      typeof value === "string" ? value : JSON.stringify(value),
    ],
  );
  return fc.oneof(
    fc.constantFrom(...MALFORMED_BODIES).map((body) => post(`body ${JSON.stringify(body)}`, body)),
    fc.constant(
      post("body with invalid UTF-8", Uint8Array.from([0x5b, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x5d])),
    ),
    fc
      .tuple(fc.integer({ min: 10_000, max: 200_000 }), fc.boolean())
      .map(([depth, isArray]) =>
        post(
          `body nested ${depth} deep`,
          isArray ? deepText(depth, "[", "]") : `[${'{"a":'.repeat(depth)}1${"}".repeat(depth)}]`,
        ),
      ),
    fc
      .constantFrom(...CONTENT_TYPES)
      .map((type) => post(`Content-Type ${type}`, validBody, { "Content-Type": type })),
    fc.constant(
      post("multipart reply (React FormData encoding)", multipart([["0", validBody]]), {
        "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`,
      }),
    ),
    fc.constant(
      post(
        "form post without JavaScript ($ACTION_ID field, no Next-Action)",
        multipart([[`$ACTION_ID_${action.id}`, ""], ...flat]),
        {
          "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`,
          "Next-Action": "",
          Accept: "text/html",
        },
      ),
    ),
    fc
      .constantFrom(1_100_000, 2_500_000, 6_000_000)
      .map((size) => post(`body of ${size} bytes`, `["${"a".repeat(size)}"]`)),
    fc
      .oneof(
        fc.constantFrom(...BAD_ACTION_IDS),
        hexId.map((id) => `40${id}`),
      )
      .map((id) =>
        post(`Next-Action ${JSON.stringify(id.slice(0, 30))}`, validBody, {
          "Next-Action": id || " ",
        }),
      ),
    fc.constantFrom(...BAD_ROUTER_STATE).map((state) =>
      post(`Next-Router-State-Tree ${JSON.stringify(state.slice(0, 30))}`, validBody, {
        "Next-Router-State-Tree": state,
      }),
    ),
    fc
      .constantFrom("", "http://evil.example", "null")
      .map((origin) => post(`Origin ${JSON.stringify(origin)}`, validBody, { Origin: origin })),
    fc.constantFrom("GET", "PUT", "DELETE", "PATCH").map((method) => ({
      method,
      path: action.pagePath,
      headers: {},
      ...(method === "GET" ? {} : { body: validBody }),
      mutation: `${method} with Next-Action`,
    })),
  );
}

const RAW_QUERIES = [
  "instanceId=%E0%A4%A",
  "instanceId=%ED%A0%80",
  "instanceId=%00",
  `instanceId=${"a".repeat(8_000)}`,
  "instanceId=a&instanceId=b",
  "%zz=1",
  "instanceId[]=x",
  "__proto__=x&constructor=y&instanceId=__proto__",
  "page=-1&from=2027-02-30&to=0000-00-00&outcome=Pending",
  "page=1e999&q=%F0%9F%98%80%F0%9F%98%80",
  `q=${"%25".repeat(2_000)}`,
  "templateId=..%2F..%2F&contactId=%2F%2F&instanceId=.",
];

export function rawRouteRequest(
  urlPath: string,
  validQuery: Record<string, string>,
): fc.Arbitrary<RawRequest> {
  const valid = new URLSearchParams(validQuery).toString();
  const get = (mutation: string, query: string, headers: Record<string, string> = {}) => ({
    method: "GET",
    path: `${urlPath}?${query}`,
    headers,
    mutation,
  });
  return fc.oneof(
    fc.constantFrom(...RAW_QUERIES).map((query) => get(`query ${query.slice(0, 50)}`, query)),
    fc
      .constantFrom(...RAW_QUERIES)
      .map((query) => get(`valid query + ${query.slice(0, 50)}`, `${valid}&${query}`)),
    fc.constantFrom("POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD").map((method) => ({
      method,
      path: `${urlPath}?${valid}`,
      headers: { "Content-Type": "application/json" },
      ...(method === "HEAD" || method === "OPTIONS"
        ? {}
        : { body: '{"instanceId":1,"__proto__":{"a":1}}' }),
      mutation: `${method}`,
    })),
    fc
      .constantFrom(
        "better-auth.session_token=garbage",
        `better-auth.session_token=${"a".repeat(12_000)}`,
        "better-auth.session_token=%ff%fe; better-auth.session_token=x",
      )
      .map((cookie) => get(`cookie ${cookie.slice(0, 40)}`, valid, { cookie })),
    fc.constant(
      get("RSC request headers", valid, { RSC: "1", "Next-Router-State-Tree": "garbage" }),
    ),
  );
}
