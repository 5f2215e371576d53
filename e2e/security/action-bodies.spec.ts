import { TEST_ENV } from "../../test-support/test-env";
import { expect, test } from "../fixtures";
import { listBuiltActions } from "./build-inventory";
import { consolePid, rawPost, residentBytes } from "./console-process";
import { rscGet } from "./router-state";
import { PUBLIC_ACTIONS } from "./server-calls";
import { parseActionResult } from "../../test-support/action-client";

/**
 * Server action requests that Next's own decoder would choke on are refused before it (proxy.ts):
 * a body over the 1 MB limit with 413, anything malformed with 400, each with a short text the
 * client router shows as the error; never a 500, and never unbounded memory under a flood.
 */
const action = listBuiltActions().find((built) => !PUBLIC_ACTIONS.has(built.label));
const MB = 1024 * 1024;

const base = () => ({
  "Next-Action": action?.id ?? "",
  Accept: "text/x-component",
  Origin: TEST_ENV.consoleUrl,
});
const text = () => ({ ...base(), "Content-Type": "text/plain;charset=UTF-8" });
const BOUNDARY = "----consoleBoundary7MA4YWxkTrZu0gW";
const multipart = (parts: Record<string, string>, { close = true } = {}) =>
  Buffer.from(
    Object.entries(parts)
      .map(
        ([name, value]) =>
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      )
      .join("") + (close ? `--${BOUNDARY}--\r\n` : ""),
  );
const oversized = () => Buffer.from(JSON.stringify([{ name: "x".repeat(MB + 10) }]));

interface HostileCase {
  name: string;
  headers: () => Record<string, string>;
  body: () => Buffer;
  chunked?: boolean;
  status: 400 | 413;
  says: RegExp;
}

const HOSTILE: HostileCase[] = [
  {
    name: "a body over 1 MB with its length declared",
    headers: text,
    body: oversized,
    status: 413,
    says: /larger than the 1 MB/,
  },
  {
    name: "a chunked body over 1 MB (no declared length)",
    headers: text,
    body: oversized,
    chunked: true,
    status: 413,
    says: /larger than the 1 MB/,
  },
  {
    name: "a text body that is not JSON",
    headers: text,
    body: () => Buffer.from("name=Mrs Jones"),
    status: 400,
    says: /not JSON/,
  },
  {
    name: "JSON that is not a list of arguments",
    headers: text,
    body: () => Buffer.from('{"name":"Mrs Jones"}'),
    status: 400,
    says: /not a list of arguments/,
  },
  {
    name: "arguments nested deeper than any form",
    headers: text,
    body: () => Buffer.from(`${"[".repeat(20_000)}${"]".repeat(20_000)}`),
    status: 400,
    says: /nested deeper/,
  },
  {
    name: "a reference to a part the body does not have",
    headers: text,
    body: () => Buffer.from('["$1"]'),
    status: 400,
    says: /value no console form sends/,
  },
  {
    name: "bytes that are not UTF-8",
    headers: text,
    body: () => Buffer.from([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d]),
    status: 400,
    says: /not UTF-8/,
  },
  {
    name: "multipart without a boundary",
    headers: () => ({ ...base(), "Content-Type": "multipart/form-data" }),
    body: () => multipart({ "0": "[{}]" }),
    status: 400,
    says: /multipart body cannot be read/,
  },
  {
    name: "a multipart body that never ends",
    headers: () => ({ ...base(), "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` }),
    body: () => multipart({ "0": "[{}]" }, { close: false }),
    status: 400,
    says: /multipart body cannot be read/,
  },
  {
    name: "a multipart form post (no action header) that never ends",
    headers: () => ({
      Origin: TEST_ENV.consoleUrl,
      "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`,
    }),
    body: () => multipart({ $ACTION_ID_x: "" }, { close: false }),
    status: 400,
    says: /multipart body cannot be read/,
  },
  {
    name: "a url-encoded form with broken escapes",
    headers: () => ({
      Origin: TEST_ENV.consoleUrl,
      "Content-Type": "application/x-www-form-urlencoded",
    }),
    body: () => Buffer.from("email=%E0%A4%A&password=%zz"),
    status: 400,
    says: /not valid URL encoding/,
  },
  {
    name: "a content type no console form sends",
    headers: () => ({ ...base(), "Content-Type": "application/json" }),
    body: () => Buffer.from("[{}]"),
    status: 400,
    says: /text\/plain or multipart\/form-data/,
  },
  {
    name: "no content type at all",
    headers: base,
    body: () => Buffer.from("[{}]"),
    status: 400,
    says: /text\/plain or multipart\/form-data/,
  },
  {
    name: "an action id of the wrong form",
    headers: () => ({ ...text(), "Next-Action": "../../admin" }),
    body: () => Buffer.from("[{}]"),
    status: 400,
    says: /not a server action id/,
  },
  {
    name: "a router state header that cannot be read",
    headers: () => ({ ...text(), RSC: "1", "Next-Router-State-Tree": "%5B%22%22%2C%7B" }),
    body: () => Buffer.from("[{}]"),
    status: 400,
    says: /Next-Router-State-Tree/,
  },
];

async function send(entry: HostileCase) {
  return rawPost(action?.pagePath ?? "/", entry.headers(), entry.body(), {
    chunked: entry.chunked,
  });
}

test("a guarded action is in the build, and well-formed calls still reach it", async () => {
  expect(action, "a guarded server action").toBeDefined();
  // What the client router sends: a JSON argument list as text, or multipart when FormData is
  // passed (root model in field "0"). Both reach the action, which refuses the anonymous caller.
  const plain = await rawPost(action?.pagePath ?? "/", text(), Buffer.from('[{"a":"$$1"}]'));
  expect(plain.status).toBe(200);
  expect(parseActionResult(plain.body)?.code).toBe("UNAUTHENTICATED");
  const form = await rawPost(
    action?.pagePath ?? "/",
    { ...base(), "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
    multipart({ "0": '["$K1"]', "1_reason": "left the team" }),
  );
  expect(form.status).toBe(200);
  expect(parseActionResult(form.body)?.code).toBe("UNAUTHENTICATED");
  // Right at the limit is still a body the action gets.
  const padding = MB - '[{"name":""}]'.length;
  const atLimit = Buffer.from(JSON.stringify([{ name: "x".repeat(padding) }]));
  expect(atLimit.length).toBe(MB);
  const full = await rawPost(action?.pagePath ?? "/", text(), atLimit, { chunked: true });
  expect(full.status).toBe(200);
  expect(parseActionResult(full.body)?.code).toBe("UNAUTHENTICATED");
});

for (const entry of HOSTILE) {
  test(`${entry.name}: ${entry.status} with a clear message`, async () => {
    const answer = await send(entry);
    expect({ status: answer.status, type: answer.contentType }).toEqual({
      status: entry.status,
      type: "text/plain",
    });
    expect(answer.body).toMatch(entry.says);
  });
}

test("a page's RSC request with a router state header Next cannot read: 400, not 500", async ({
  request,
}) => {
  for (const state of ["%5B%22%22%2C%7B", "garbage", "%E0%A4%A"]) {
    const answer = await rscGet(request, "/sign-in", state);
    expect([answer.status(), answer.headers()["content-type"]], state).toEqual([400, "text/plain"]);
    expect(await answer.text()).toMatch(/Next-Router-State-Tree/);
  }
});

test("a flood of 500 hostile requests never answers 5xx and leaves the console's memory bounded", async () => {
  test.slow();
  const pid = consolePid();
  const flood = async () => {
    const statuses = new Map<number, number>();
    for (let index = 0; index < 500; index += 1) {
      const entry = HOSTILE[index % HOSTILE.length] as HostileCase;
      const answer = await send(entry);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    }
    return [...statuses.keys()].sort();
  };
  // Warm-up: a first flood loads the code and takes the heap and the allocator to the size such
  // a flood needs (freed memory stays with the process, ready for the next one), so the second
  // flood measures what is kept: were bodies kept, it would grow by them again.
  expect(await flood()).toEqual([400, 413]);
  const before = residentBytes(pid);
  expect(await flood()).toEqual([400, 413]);
  const grown = residentBytes(pid) - before;
  test.info().annotations.push({ type: "RSS growth", description: `${grown} bytes` });
  // About 70 of the requests carry over 1 MB each.
  expect(grown, `grew by ${Math.round(grown / MB)} MB`).toBeLessThan(64 * MB);
});
