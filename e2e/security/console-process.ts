import { readFileSync, readdirSync, readlinkSync } from "node:fs";
import { request as httpRequest } from "node:http";

import { TEST_ENV } from "../../test-support/test-env";

/**
 * The console server under test as the operating system sees it, and raw HTTP to it: Playwright's
 * request context always declares a Content-Length, a chunked upload needs node:http.
 */
const CONSOLE_URL = new URL(TEST_ENV.consoleUrl);

function listeningInodes(port: number): Set<string> {
  const hexPort = `:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode; st 0A = LISTEN
      const columns = line.trim().split(/\s+/);
      if (columns[1]?.endsWith(hexPort) && columns[3] === "0A" && columns[9])
        inodes.add(columns[9]);
    }
  }
  return inodes;
}

/** The process that listens on the console's port (the `next start` server). */
export function consolePid(): number {
  const inodes = listeningInodes(Number(CONSOLE_URL.port));
  if (inodes.size === 0) throw new Error(`Nothing listens on port ${CONSOLE_URL.port}`);
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let link: string;
      try {
        link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
      if (inode && inodes.has(inode)) return Number(pid);
    }
  }
  throw new Error(`No process owns the socket listening on port ${CONSOLE_URL.port}`);
}

/** Resident memory of a process, in bytes (VmRSS). */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kilobytes = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (!kilobytes) throw new Error(`No VmRSS for process ${pid}`);
  return Number(kilobytes) * 1024;
}

export interface RawAnswer {
  status: number;
  contentType: string;
  body: string;
}

/**
 * A POST to the console. With `chunked`, the body goes out in 64 KiB pieces without a declared
 * length (Transfer-Encoding: chunked), so the server cannot know its size before reading it.
 */
export function rawPost(
  path: string,
  headers: Record<string, string>,
  body: Buffer,
  { chunked = false }: { chunked?: boolean } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: CONSOLE_URL.hostname,
        port: Number(CONSOLE_URL.port),
        method: "POST",
        path,
        headers: chunked ? headers : { ...headers, "Content-Length": String(body.length) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: String(response.headers["content-type"] ?? ""),
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    if (!chunked) {
      request.end(body);
      return;
    }
    for (let offset = 0; offset < body.length; offset += 65_536)
      request.write(body.subarray(offset, offset + 65_536));
    request.end();
  });
}
