/**
 * The CLI: `tsx connect-local/cli.ts --port <n> --data-dir <dir>` prints its endpoint and instance
 * id, serves the SDK, and exits on SIGTERM.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { ListInstancesCommand } from "@aws-sdk/client-connect";
import { afterEach, describe, expect, it } from "vitest";

import { DEMO_IDS, makeClient } from "./helpers";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once("error", rej);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

let child: ChildProcess | undefined;
let dir: string | undefined;
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  child = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe("cli", () => {
  it("starts, prints endpoint and instance id, serves ListInstances, exits on SIGTERM", async () => {
    dir = await mkdtemp(join(tmpdir(), "connect-local-cli-"));
    const port = await freePort();
    const proc = spawn(
      join(ROOT, "node_modules/.bin/tsx"),
      ["connect-local/cli.ts", "--port", String(port), "--data-dir", dir],
      {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      },
    );
    child = proc;
    let output = "";
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
      proc.once("exit", (code, signal) => res({ code, signal })),
    );
    const url = `http://127.0.0.1:${port}`;
    const ready = await new Promise<boolean>((res) => {
      const timer = setTimeout(() => res(false), 20_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const line = output
          .split("\n")
          .find((l) => l.includes(url) && l.includes(DEMO_IDS.instanceId));
        if (line) {
          clearTimeout(timer);
          res(true);
        }
      };
      proc.stdout.on("data", onData);
      proc.stderr.on("data", onData);
      void exited.then(() => {
        clearTimeout(timer);
        res(false);
      });
    });
    expect(ready, `CLI output:\n${output}`).toBe(true);

    const client = makeClient(url);
    try {
      const out = await client.send(new ListInstancesCommand({}));
      expect(out.InstanceSummaryList?.map((i) => i.Id).sort()).toEqual(
        [DEMO_IDS.instanceId, DEMO_IDS.secondInstanceId].sort(),
      );
    } finally {
      client.destroy();
    }

    proc.kill("SIGTERM");
    const result = await Promise.race([
      exited,
      new Promise<"timeout">((res) => setTimeout(() => res("timeout"), 10_000)),
    ]);
    expect(result, `CLI output:\n${output}`).not.toBe("timeout");
    if (result !== "timeout") expect(result.code === 0 || result.signal === "SIGTERM").toBe(true);
    // State was written to the data dir.
    expect(await readdir(dir)).toContain("state.json");
  });
});
