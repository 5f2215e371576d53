/**
 * The admin API must not be usable from a web page: a page on another site can make the browser
 * send requests to 127.0.0.1, and with DNS rebinding even read the answers. So the endpoint
 * refuses a Host that is not a loopback name with its own port, an Origin that is not loopback,
 * and mutating calls that are not JSON (the content types a form can send without CORS), and it
 * never answers with CORS headers. Raw HTTP requests, since fetch cannot forge Host.
 */
import { request } from "node:http";

import { describe, expect, it } from "vitest";

import { admin, harnessFor } from "./helpers";

const h = harnessFor();

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<RawResponse> {
  const { port } = new URL(h.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: Number(port), method, path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

const hostOf = () => new URL(h.url).host; // 127.0.0.1:<port>
const portOf = () => new URL(h.url).port;
const clockOffset = async () =>
  (await admin<{ offsetMs: number }>(h.url, "/__admin/clock")).body.offsetMs;
const message = (r: RawResponse) => (JSON.parse(r.body) as { message: string }).message;

describe("Host", () => {
  it("accepts the loopback names and addresses with the endpoint's port", async () => {
    for (const host of [hostOf(), `localhost:${portOf()}`, `[::1]:${portOf()}`]) {
      const r = await raw("GET", "/__admin/health", { host });
      expect(r.status, host).toBe(200);
    }
  });

  it("refuses another name (DNS rebinding) or another port with 403, saying why", async () => {
    const rebound = await raw("GET", "/__admin/health", { host: `attacker.example:${portOf()}` });
    expect(rebound.status).toBe(403);
    expect(message(rebound)).toMatch(/Host "attacker\.example:\d+" is not a loopback address/);
    const otherPort = await raw("GET", "/__admin/requests", { host: "127.0.0.1:1" });
    expect(otherPort.status).toBe(403);
    expect(message(otherPort)).toContain(`port ${portOf()}`);
    const noPort = await raw("GET", "/__admin/health", { host: "localhost" });
    expect(noPort.status).toBe(403);
  });

  it("a forged Host cannot change anything", async () => {
    const r = await raw(
      "POST",
      "/__admin/clock",
      { host: `rebind.attacker.example:${portOf()}`, "content-type": "application/json" },
      JSON.stringify({ advanceMs: 60_000 }),
    );
    expect(r.status).toBe(403);
    expect(await clockOffset()).toBe(0);
  });
});

describe("Origin", () => {
  it("refuses a call from a page on another site with 403, and changes nothing", async () => {
    const r = await raw(
      "POST",
      "/__admin/clock",
      { host: hostOf(), origin: "https://attacker.example", "content-type": "application/json" },
      JSON.stringify({ advanceMs: 60_000 }),
    );
    expect(r.status).toBe(403);
    expect(message(r)).toMatch(/Origin "https:\/\/attacker\.example" is not a loopback origin/);
    expect(await clockOffset()).toBe(0);
    // Sandboxed frames and file pages send "null".
    const opaque = await raw("GET", "/__admin/requests", { host: hostOf(), origin: "null" });
    expect(opaque.status).toBe(403);
  });

  it("accepts a loopback origin, and none (tools and test scripts send none)", async () => {
    const r = await raw(
      "POST",
      "/__admin/clock",
      { host: hostOf(), origin: "http://127.0.0.1:3000", "content-type": "application/json" },
      JSON.stringify({ advanceMs: 1_000 }),
    );
    expect(r.status).toBe(200);
    expect(await clockOffset()).toBe(1_000);
    expect((await raw("GET", "/__admin/health", { host: hostOf() })).status).toBe(200);
  });
});

describe("content type of mutating calls", () => {
  it.each([
    ["text/plain", JSON.stringify({ advanceMs: 60_000 })],
    ["application/x-www-form-urlencoded", "advanceMs=60000"],
    ["multipart/form-data; boundary=x", "--x--"],
  ])("refuses %s (a form can send it cross-site) with 415", async (type, body) => {
    const r = await raw("POST", "/__admin/clock", { host: hostOf(), "content-type": type }, body);
    expect(r.status).toBe(415);
    expect(message(r)).toMatch(/content-type: application\/json/);
    expect(await clockOffset()).toBe(0);
  });

  it("refuses a DELETE or PUT without a content type, and accepts JSON with a charset", async () => {
    const del = await raw("DELETE", "/__admin/requests", { host: hostOf() });
    expect(del.status).toBe(415);
    const put = await raw(
      "PUT",
      "/__admin/throttling",
      { host: hostOf(), "content-type": "application/json; charset=utf-8" },
      JSON.stringify({ enabled: true }),
    );
    expect(put.status).toBe(200);
  });
});

describe("CORS", () => {
  it("never sends CORS headers, so a browser keeps other sites from reading or preflighting", async () => {
    const preflight = await raw("OPTIONS", "/__admin/clock", {
      host: hostOf(),
      origin: "http://localhost:3000",
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type",
    });
    const read = await raw("GET", "/__admin/health", {
      host: hostOf(),
      origin: "http://localhost:3000",
    });
    expect(read.status).toBe(200);
    for (const r of [preflight, read]) {
      const cors = Object.keys(r.headers).filter((name) => name.startsWith("access-control-"));
      expect(cors).toEqual([]);
    }
  });
});
