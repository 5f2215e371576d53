import { describe, expect, it } from "vitest";

import {
  ACTION_BODY_LIMIT_BYTES,
  BULK_PAGE_PATH,
  TOO_LARGE_MESSAGE,
  actionBodyLimitFor,
  checkActionRequest,
  checkRouterStateHeader,
} from "./action-request-guard";

const ACTION_ID = "40".padEnd(42, "ab1");
const URL_ = "http://127.0.0.1:3000/tasks/new";
const SAME_SITE = { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" };

function post(body: BodyInit | null, headers: Record<string, string>): Request {
  return new Request(URL_, {
    method: "POST",
    headers: { ...SAME_SITE, ...headers },
    body,
    duplex: "half",
  } as RequestInit);
}
const textAction = (body: BodyInit, headers: Record<string, string> = {}) =>
  post(body, {
    "next-action": ACTION_ID,
    "content-type": "text/plain;charset=UTF-8",
    ...headers,
  });

const BOUNDARY = "----guardBoundary";
function multipartBody(parts: Record<string, string>, { close = true } = {}): string {
  const fields = Object.entries(parts).map(
    ([name, value]) =>
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return fields.join("") + (close ? `--${BOUNDARY}--\r\n` : "");
}
const multipartAction = (parts: Record<string, string>, headers: Record<string, string> = {}) =>
  post(multipartBody(parts), {
    "next-action": ACTION_ID,
    "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
    ...headers,
  });

/** A body stream that counts what is read from it (nothing ahead), endless unless `total` is given. */
function countingStream(chunkSize: number, total = Number.POSITIVE_INFINITY) {
  const counter = { read: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (counter.read >= total) return controller.close();
        counter.read += chunkSize;
        controller.enqueue(new Uint8Array(chunkSize).fill(0x61));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, counter };
}

const refused = (status: number, message: string) => ({ ok: false, status, message });
const badRequest = (reason: string) => refused(400, `Malformed request: ${reason}.`);

describe("checkActionRequest", () => {
  it("lets through what Next's client sends, and every request that is not an action", async () => {
    expect(
      await checkActionRequest(textAction('[{"name":"Call $$ back","n":"$undefined"}]')),
    ).toEqual({ ok: true });
    expect(await checkActionRequest(textAction("[]"))).toEqual({ ok: true });
    const withForm = multipartAction({
      "0": '["$K1",{"at":"$D2026-11-25T09:30:00.000Z"}]',
      "1_a": "x",
    });
    expect(await checkActionRequest(withForm)).toEqual({ ok: true });
    const withPart = multipartAction({ "0": '["$1"]', "1": '{"nested":["$Q2"]}', "2": "[]" });
    expect(await checkActionRequest(withPart)).toEqual({ ok: true });
    const formPost = post(multipartBody({ $ACTION_ID_x: "", email: "a@b.c" }), {
      "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
    });
    expect(await checkActionRequest(formPost)).toEqual({ ok: true });
    expect(await checkActionRequest(new Request(URL_))).toEqual({ ok: true });
    expect(await checkActionRequest(post("x=1", { "content-type": "text/plain" }))).toEqual({
      ok: true,
    });
  });

  it("refuses a declared length over the limit without reading the body", async () => {
    const { stream, counter } = countingStream(1024);
    const request = textAction(stream, { "content-length": String(ACTION_BODY_LIMIT_BYTES + 1) });
    expect(await checkActionRequest(request)).toEqual(refused(413, TOO_LARGE_MESSAGE));
    expect(counter.read).toBe(0);
  });

  it("lets the bulk page's action carry a whole file, and no other page's", async () => {
    const fiveMb = 5 * 1024 * 1024;
    expect(actionBodyLimitFor("/tasks/new", fiveMb)).toBe(ACTION_BODY_LIMIT_BYTES);
    expect(actionBodyLimitFor(`${BULK_PAGE_PATH}/x`, fiveMb)).toBe(ACTION_BODY_LIMIT_BYTES);
    const bulkLimit = actionBodyLimitFor(BULK_PAGE_PATH, fiveMb);
    expect(bulkLimit).toBeGreaterThan(2 * fiveMb);
    // Three megabytes: too large for a form, read to its end for the bulk page.
    const size = 3 * 1024 * 1024;
    const asForm = countingStream(64 * 1024, size);
    expect(await checkActionRequest(textAction(asForm.stream))).toEqual(
      refused(413, TOO_LARGE_MESSAGE),
    );
    const asFile = countingStream(64 * 1024, size);
    expect(await checkActionRequest(textAction(asFile.stream), bulkLimit)).toEqual(
      badRequest("the body is not JSON"),
    );
    expect(asFile.counter.read).toBe(size);
    const tooBig = textAction(countingStream(1024).stream, {
      "content-length": String(bulkLimit + 1),
    });
    expect((await checkActionRequest(tooBig, bulkLimit)).ok).toBe(false);
  });

  it("reads an undeclared (chunked) body only up to the limit", async () => {
    const { stream, counter } = countingStream(64 * 1024);
    expect(await checkActionRequest(textAction(stream))).toEqual(refused(413, TOO_LARGE_MESSAGE));
    expect(counter.read).toBeLessThanOrEqual(ACTION_BODY_LIMIT_BYTES + 64 * 1024);
    const exact = countingStream(1024, ACTION_BODY_LIMIT_BYTES);
    // Exactly at the limit is allowed (and then refused for what it holds, not for its size).
    expect(await checkActionRequest(textAction(exact.stream))).toEqual(
      badRequest("the body is not JSON"),
    );
  });

  it("names what is wrong with a malformed body", async () => {
    const cases: [Request, string][] = [
      [textAction("name=Jones"), "the body is not JSON"],
      [textAction('{"name":"Jones"}'), "the body is not a list of arguments"],
      [textAction("[1,2,3,4,5,6,7,8,9]"), "the body is not a list of arguments"],
      [textAction(`${"[".repeat(70)}${"]".repeat(70)}`), "the body is nested deeper than 64"],
      [textAction('["$1"]'), "the body holds a value no console form sends"],
      [textAction('["$T"]'), "the body holds a value no console form sends"],
      [textAction('["$h1"]'), "the body holds a value no console form sends"],
      [textAction('["$n12x"]'), "the body holds a value no console form sends"],
      [textAction(new Uint8Array([0x5b, 0x22, 0xff, 0x22, 0x5d])), "the body is not UTF-8 text"],
      [
        multipartAction({ "0": '["$2"]', "1": "{}" }),
        "the body holds a value no console form sends",
      ],
      [
        multipartAction({ "0": '["$B1"]', "1": "{}" }),
        "the body holds a value no console form sends",
      ],
      [
        multipartAction({ "0": '["$1"]', "1": "{oops" }),
        "the body holds a value no console form sends",
      ],
      [multipartAction({ a: "[]" }), "the body has no argument list"],
      [
        post(multipartBody({ "0": "[]" }), {
          "next-action": ACTION_ID,
          "content-type": "multipart/form-data",
        }),
        "the multipart body cannot be read",
      ],
      [
        post(multipartBody({ "0": "[]" }, { close: false }), {
          "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
        }),
        "the multipart body cannot be read",
      ],
      [
        post("email=%E0%A4%A&password=%zz", {
          "content-type": "application/x-www-form-urlencoded",
        }),
        "the form body is not valid URL encoding",
      ],
      [
        textAction("[{}]", { "content-type": "application/json" }),
        "a server action body is text/plain or multipart/form-data",
      ],
      [
        textAction("[{}]", { "content-type": "text/plain;charset=latin1" }),
        "a server action body is text/plain or multipart/form-data",
      ],
      [
        textAction("[{}]", { "next-action": "../../admin" }),
        "the Next-Action header is not a server action id",
      ],
      [textAction("[{}]", { origin: "not a url" }), "the Origin header is not a URL"],
    ];
    for (const [request, reason] of cases)
      expect(await checkActionRequest(request), reason).toEqual(badRequest(reason));
  });

  it("refuses an action sent from another site, as Next would (with a 403, not its 500)", async () => {
    const answer = refused(403, "Refused: this request was sent from another site.");
    expect(
      await checkActionRequest(textAction("[{}]", { origin: "https://evil.example" })),
    ).toEqual(answer);
    expect(await checkActionRequest(textAction("[{}]", { origin: "null" }))).toEqual(answer);
    // Behind a proxy the forwarded host is the one Next compares.
    const forwarded = textAction("[{}]", {
      origin: "https://console.example",
      "x-forwarded-host": "console.example",
    });
    expect(await checkActionRequest(forwarded)).toEqual({ ok: true });
  });
});

describe("checkRouterStateHeader", () => {
  const withState = (value: string) => new Headers({ "next-router-state-tree": value });
  const encoded = (state: unknown) => encodeURIComponent(JSON.stringify(state));

  it("accepts the router's segment trees and requests without one", () => {
    expect(checkRouterStateHeader(new Headers())).toEqual({ ok: true });
    const tree = [
      "",
      {
        children: [
          "(console)",
          { children: ["tasks", { children: [["contactId", "c-1", "d", null], {}] }] },
        ],
      },
      null,
      null,
      1,
    ];
    expect(checkRouterStateHeader(withState(encoded(tree)))).toEqual({ ok: true });
  });

  it("refuses a header Next could not read", () => {
    const bad = badRequest("the Next-Router-State-Tree header cannot be read");
    for (const value of [
      "%5B%22%22%2C%7B",
      "%E0%A4%A",
      encoded({ children: [] }),
      encoded(["", []]),
      encoded([1, {}]),
      encoded(["", { children: "x" }]),
      "x".repeat(40_001),
    ])
      expect(checkRouterStateHeader(withState(value)), value.slice(0, 40)).toEqual(bad);
  });
});
